// The follow-up DM's choices that need no modal: snooze (1 day / 3 days / 1 week, in the
// person's own time), "Stop check-ins for this one", and on "did you hear back?": "Not yet"
// (a chaser, and one more look), "I didn't send it" (the note again) and "Still nothing". Each saves first, then rewrites the DM so its buttons are gone, and refreshes Home.

import type { StaticSelectAction } from '@slack/bolt';
import { draftChaser, draftFeedbackRequests } from '../../domain/feedback-requests.js';
import { FEEDBACK_CHECK_WORKING_DAYS, snoozedUntil, workingDaysLater } from '../../domain/follow-up-rules.js';
import { refreshHome } from '../home/publish-home.js';
import { draftNotes, postNotes } from '../routine/send-notes.js';
import { type FollowUpClick, followUpClickCallback, readButton } from './click.js';
import { showChoice } from './loaded-follow-up.js';
import { parseSnoozeOptionValue } from './refs.js';

/** A choice answered in the DM itself: `act` saves and rewrites the DM, then Home follows. */
function dmChoice(name: string, act: (click: FollowUpClick<null>) => Promise<void>) {
  return followUpClickCallback({
    name,
    read: readButton,
    async act(click) {
      await act(click);
      await refreshHome(click.client, click.deps, click.scope);
    },
  });
}

export const snoozeCallback = followUpClickCallback({
  name: 'snooze',
  read: (action: StaticSelectAction) => {
    const picked = parseSnoozeOptionValue(action.selected_option?.value);
    return picked ? { followUpId: picked.followUpId, extra: picked.choice } : null;
  },
  async act({ deps, client, scope, loaded, now, extra: choice }) {
    // The person's own clock decides "3 days from now"; a stale cache is refreshed first.
    const tz = await deps.timeZones.current(client, scope, now);
    const until = snoozedUntil(choice, now, tz, loaded.followUp.dueAt);
    await deps.store.snoozeFollowUp(scope, loaded.followUp.id, until, now);
    await showChoice(client, deps, loaded, { kind: 'snoozed', until });
    await refreshHome(client, deps, scope);
  },
});

export const doneCallback = dmChoice('done', async ({ deps, client, scope, loaded, now }) => {
  const { followUp, rejection } = loaded;
  // Other delivered follow-ups of this rejection lose their buttons too.
  const others = (await deps.store.listFollowUps(scope, { rejectionId: rejection.id })).filter(
    (other) => other.status === 'sent' && other.id !== followUp.id,
  );
  await deps.store.stopFollowUps(scope, rejection.id, now);
  await showChoice(client, deps, loaded, { kind: 'stopped' });
  for (const other of others) {
    await showChoice(client, deps, { followUp: other, rejection }, { kind: 'stopped' });
  }
});

/**
 * "Not yet" on "did you hear back?": one polite chaser, drafted, and one more look about five
 * working days on. Older DMs' "No reply yet" lands here too.
 */
export const noFeedbackCallback = dmChoice(
  'not yet heard back',
  async ({ deps, client, scope, loaded, now }) => {
    const { followUp, rejection } = loaded;
    const tz = await deps.timeZones.current(client, scope, now);
    const recheckAt = workingDaysLater(now, FEEDBACK_CHECK_WORKING_DAYS, tz);
    await deps.store.answerFollowUp(
      scope,
      followUp.id,
      [{ kind: 'feedback_recheck', dueAt: recheckAt }],
      now,
    );
    const signature = await deps.profileNames.signature(client, scope, now);
    const notes = await deps.store.listFeedbackNotes(scope, { rejectionId: rejection.id });
    const requests = draftFeedbackRequests(rejection.answers, { signature });
    const sent = notes.find((note) => note.sentAt !== null);
    const note = requests.find((request) => request.audience === sent?.audience) ?? requests[0];
    const chaser = note ? draftChaser(rejection.answers, note, { signature }).text : '';
    await showChoice(client, deps, loaded, { kind: 'not_yet', recheckAt, chaser });
  },
);

/** "I didn't send it": the notes are drafts again, and come back as their own messages. */
export const notSentCallback = dmChoice('not sent', async ({ deps, client, scope, loaded, now }) => {
  await deps.store.markFollowUpDone(scope, loaded.followUp.id, now);
  await deps.store.unmarkFeedbackNotesSent(scope, loaded.rejection.id);
  await showChoice(client, deps, loaded, { kind: 'not_sent' });
  const drafted = await draftNotes(client, deps, scope, loaded.rejection);
  await postNotes(client, deps, loaded.rejection, drafted);
});

/** "Still nothing" on the second look: we let it go kindly, and only now record "no reply". */
export const letGoCallback = dmChoice('let go', async ({ deps, client, scope, loaded, now }) => {
  // Closing the follow-up first makes a double click a no-op rather than a second entry.
  await deps.store.markFollowUpDone(scope, loaded.followUp.id, now);
  await deps.store.addEntry(
    scope,
    loaded.rejection.id,
    { kind: 'feedback', received: false, text: null },
    now,
  );
  await showChoice(client, deps, loaded, { kind: 'let_go' });
});
