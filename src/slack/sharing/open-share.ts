// *Share with…* clicked (summary DM, Home, a rejection's view): opens who-and-what for that
// rejection, if it is this person's and finished. Nothing is sent from here.

import { buttonListener, buttonRejection } from '../platform/button-listener.js';
import type { ListenerDeps } from '../platform/deps.js';
import { viewPayload } from '../platform/view-payload.js';
import { buildComposeView, buildGoneView } from './share-views.js';

export function openShareCallback(deps: ListenerDeps) {
  return buttonListener(deps, 'Opening the share form failed:', async (click) => {
    const rejection = await buttonRejection(deps, click);
    const view =
      rejection?.status === 'complete' ? buildComposeView({ rejectionId: rejection.id }) : buildGoneView();
    const opening = { trigger_id: click.body.trigger_id, view: viewPayload(view) };
    // From the rejection's own view (a modal) the form goes on top of it; from a DM or Home it opens.
    if (click.body.view?.type === 'modal') await click.client.views.push(opening);
    else await click.client.views.open(opening);
  });
}
