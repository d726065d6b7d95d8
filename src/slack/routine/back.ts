// Back from step n to n − 1. What was typed on step n is kept in the draft first (without
// validation), then the modal is replaced in place with views.update and the view's hash,
// so a stale double click gets hash_conflict instead of clobbering a newer view.

import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { previousStep } from '../../domain/routine.js';
import { errorCode } from '../../error-code.js';
import type { ListenerDeps } from '../platform/deps.js';
import { decodeDraftMetadata } from '../platform/private-metadata.js';
import { scopeFromContext } from '../platform/scope.js';
import { viewPayload } from '../platform/view-payload.js';
import { keepTypedAnswers } from './keep-typed.js';
import { stepViewForDraft } from './step-modal.js';
import { stepFromCallbackId } from './step-submission.js';

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>;

export function backCallback(deps: ListenerDeps) {
  return async ({ ack, body, client, context }: Args): Promise<void> => {
    await ack();
    const view = body.view;
    if (view?.type !== 'modal') return;
    const step = stepFromCallbackId(view.callback_id);
    const metadata = decodeDraftMetadata(view.private_metadata);
    const target = step ? previousStep(step) : null;
    if (!step || !metadata || !target) return;
    const scope = scopeFromContext(context);
    try {
      const typed = { draftId: metadata.draftId, step, values: view.state.values };
      const saved = await keepTypedAnswers(deps, scope, typed, target);
      if (saved === null) return;
      await client.views.update({
        view_id: view.id,
        hash: view.hash,
        view: viewPayload(await stepViewForDraft(deps, scope, saved, target)),
      });
    } catch (error) {
      deps.logger.warn('Going back a step failed:', errorCode(error));
    }
  };
}
