// Short private replies to a click on a follow-up that can't do anything: shown only to the
// person who clicked (response_url, ephemeral), never replacing the DM itself.

/** The follow-up was already snoozed, finished or stopped (an old or double click). */
export const ALREADY_ANSWERED_TEXT = "You've already answered this check-in, so nothing changed.";

/** The store or Slack failed: nothing changed, and the buttons still work. */
export const FOLLOW_UP_FAILED_TEXT =
  "We couldn't do that just now. Nothing changed; please try again in a moment.";

/** A modal could not open (the 3-second trigger window passed). */
export const FOLLOW_UP_SLOW_TEXT = 'That took a little too long. Please try the button again.';

/** A follow-up modal was submitted after its check-in was answered elsewhere (or is gone). */
export const CHECK_IN_CLOSED_TEXT =
  'This check-in was already answered, so nothing more was saved here. What you wrote before is kept.';
