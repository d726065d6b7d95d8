// Home's "Open" on a rejection: its own view, as a modal, so Home itself stays short. The
// button's value is a rejection id and nothing else; one of another person (or one deleted
// meanwhile) reads as missing and just refreshes Home.

import { buttonListener, buttonRejection } from '../platform/button-listener.js';
import type { ListenerDeps } from '../platform/deps.js';
import { viewPayload } from '../platform/view-payload.js';
import { withShareEntryInView } from '../sharing/share-entry.js';
import { loadFeedbackNotes } from './feedback-notes.js';
import { publishHome } from './publish-home.js';
import { buildRejectionView } from './rejection-view.js';

export function homeOpenRejectionCallback(deps: ListenerDeps) {
  return buttonListener(deps, 'A rejection could not be opened from Home:', async (click) => {
    const { client, scope } = click;
    const rejection = await buttonRejection(deps, click);
    if (rejection?.status !== 'complete') {
      await publishHome(client, deps, scope);
      return;
    }
    const [entries, followUps, notes] = await Promise.all([
      deps.store.listEntries(scope, rejection.id),
      deps.store.listFollowUps(scope, { rejectionId: rejection.id }),
      loadFeedbackNotes(deps.store, scope, [rejection]),
    ]);
    const view = buildRejectionView({ rejection, entries, followUps, notes: notes.get(rejection.id) ?? [] });
    await client.views.open({
      trigger_id: click.body.trigger_id,
      view: viewPayload(withShareEntryInView(view, rejection.id)),
    });
  });
}
