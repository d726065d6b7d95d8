// *Share with…* clicked (summary DM, Home, a rejection's view): opens who-and-what for that
// rejection, if it is this person's and finished. Nothing is sent from here.

import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { errorCode } from '../../error-code.js';
import type { ListenerDeps } from '../platform/deps.js';
import { scopeFromContext } from '../platform/scope.js';
import { buildComposeView, buildGoneView } from './share-views.js';

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;

export function openShareCallback(deps: ListenerDeps) {
  return async ({ ack, action, body, client, context }: Args): Promise<void> => {
    await ack();
    const scope = scopeFromContext(context);
    try {
      const rejection = action.value ? await deps.store.getRejection(scope, action.value) : null;
      const view =
        rejection?.status === 'complete' ? buildComposeView({ rejectionId: rejection.id }) : buildGoneView();
      // From the rejection's own view (a modal) the form goes on top of it; from a DM or Home it opens.
      if (body.view?.type === 'modal') await client.views.push({ trigger_id: body.trigger_id, view });
      else await client.views.open({ trigger_id: body.trigger_id, view });
    } catch (error) {
      deps.logger.warn('Opening the share form failed:', errorCode(error));
    }
  };
}
