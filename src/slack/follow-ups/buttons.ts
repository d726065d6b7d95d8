// The follow-up DM's choices that need no modal: snooze (1 day / 3 days / 1 week, in the
// person's own time), "I'm done" (no more check-ins about this rejection) and "No reply
// yet". Each saves first, then rewrites the DM so its buttons are gone, and refreshes Home.

import type { StaticSelectAction } from '@slack/bolt';
import { snoozedUntil } from '../../domain/follow-up-rules.js';
import { publishHome } from '../home/publish-home.js';
import { followUpClickCallback, readButton } from './click.js';
import { showChoice } from './loaded-follow-up.js';
import { parseSnoozeOptionValue } from './refs.js';

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
    await publishHome(client, deps, scope);
  },
});

export const doneCallback = followUpClickCallback({
  name: 'done',
  read: readButton,
  async act({ deps, client, scope, loaded, now }) {
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
    await publishHome(client, deps, scope);
  },
});

export const noFeedbackCallback = followUpClickCallback({
  name: 'no feedback',
  read: readButton,
  async act({ deps, client, scope, loaded, now }) {
    // Closing the follow-up first makes a double click a no-op rather than a second entry.
    await deps.store.markFollowUpDone(scope, loaded.followUp.id, now);
    await deps.store.addEntry(
      scope,
      loaded.rejection.id,
      { kind: 'feedback', received: false, text: null },
      now,
    );
    await showChoice(client, deps, loaded, { kind: 'no_feedback' });
    await publishHome(client, deps, scope);
  },
});
