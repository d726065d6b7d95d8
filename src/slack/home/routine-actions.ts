// Home's "Start the routine" and "Resume": the same modals `/rejected` opens. Home has no
// response_url, so a failure is logged by code; the button stays, ready for another try.

import { buttonListener, buttonRejection } from '../platform/button-listener.js';
import type { ListenerDeps } from '../platform/deps.js';
import { viewPayload } from '../platform/view-payload.js';
import { openRoutine } from '../routine/open-routine.js';
import { stepViewForDraft } from '../routine/step-modal.js';
import { noteHomeVisit, publishHome } from './publish-home.js';

export function homeStartCallback(deps: ListenerDeps) {
  return buttonListener(deps, 'Starting the routine from Home failed:', async ({ client, scope, body }) => {
    await openRoutine({ deps, client, scope, triggerId: body.trigger_id, onFailure: async () => {} });
    // A first-timer's Home (the welcome) is in view behind the modal: keep it up to date.
    await noteHomeVisit(deps, scope, { fromClick: true });
  });
}

/** Opens the draft's current step; a draft finished or cleared meanwhile refreshes Home instead. */
export function homeResumeCallback(deps: ListenerDeps) {
  return buttonListener(deps, 'Resuming a draft from Home failed:', async (click) => {
    const draft = await buttonRejection(deps, click);
    if (draft?.status !== 'draft') {
      await publishHome(click.client, deps, click.scope);
      return;
    }
    const view = await stepViewForDraft(deps, click.scope, draft, draft.step);
    await click.client.views.open({ trigger_id: click.body.trigger_id, view: viewPayload(view) });
    await noteHomeVisit(deps, click.scope, { fromClick: true });
  });
}
