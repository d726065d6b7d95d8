// The words of the "searching while employed here?" question, asked once (routine step 1 or
// Home) and changeable on Home, so both places say exactly the same.

export const EMPLOYED_HERE_QUESTION = 'Are you searching while employed here?';

/** The two lines for someone who is: what Rebound cannot protect, and what to do about it. */
export const EMPLOYED_HERE_NOTE =
  'On some Slack plans, workspace owners can export DMs with apps, this one included.\n' +
  'For a search your employer should not see, use Rebound in a personal Slack workspace.';

export const EMPLOYED_HERE_HINT =
  'If yes, Rebound keeps company names out of its messages too, not only out of notifications. Change it any time on Home.';
