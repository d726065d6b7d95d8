// Home's "Start the routine" and "Resume": the same modals `/rejected` opens. Home has no
// response_url, so a failure is logged by code; the button stays, ready for another try.

import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { errorCode } from '../../error-code.js';
import type { ListenerDeps } from '../platform/deps.js';
import { scopeFromContext } from '../platform/scope.js';
import { openRoutine } from '../routine/open-routine.js';
import { stepViewForDraft } from '../routine/step-modal.js';
import { publishHome } from './publish-home.js';

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;

export function homeStartCallback(deps: ListenerDeps) {
  return async ({ ack, body, client, context }: Args): Promise<void> => {
    await ack();
    await openRoutine({
      deps,
      client,
      scope: scopeFromContext(context),
      triggerId: body.trigger_id,
      onFailure: async () => {},
    });
  };
}

/** Opens the draft's current step; a draft finished or cleared meanwhile refreshes Home instead. */
export function homeResumeCallback(deps: ListenerDeps) {
  return async ({ ack, action, body, client, context }: Args): Promise<void> => {
    await ack();
    const scope = scopeFromContext(context);
    try {
      const draft = action.value ? await deps.store.getRejection(scope, action.value) : null;
      if (draft?.status !== 'draft') {
        await publishHome(client, deps, scope);
        return;
      }
      const view = await stepViewForDraft(deps, scope, draft, draft.step);
      await client.views.open({ trigger_id: body.trigger_id, view });
    } catch (error) {
      deps.logger.warn('Resuming a draft from Home failed:', errorCode(error));
    }
  };
}
