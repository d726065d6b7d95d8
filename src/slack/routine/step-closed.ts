// The person closed a step (Save & close, or ×). Keep what they typed on this step in the
// draft, unvalidated, so the next `/rejected` resumes exactly where they stopped, and show
// the draft on Home (the routine may have been started from there).

import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewClosedAction } from '@slack/bolt';
import { errorCode } from '../../error-code.js';
import { refreshHome } from '../home/publish-home.js';
import type { ListenerDeps } from '../platform/deps.js';
import { CLOSE_SAVE_FAILED_TEXT } from '../platform/errors-message.js';
import { reboundMessageMetadata } from '../platform/message-metadata.js';
import { decodeDraftMetadata } from '../platform/private-metadata.js';
import { scopeFromContext } from '../platform/scope.js';
import { keepTypedAnswers } from './keep-typed.js';
import { stepFromCallbackId } from './step-submission.js';

type Args = AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewClosedAction>;

export function routineStepClosedCallback(deps: ListenerDeps) {
  return async ({ ack, view, body, client, context }: Args): Promise<void> => {
    await ack();
    const step = stepFromCallbackId(view.callback_id);
    const metadata = decodeDraftMetadata(view.private_metadata);
    if (!step || !metadata) return;
    const scope = scopeFromContext(context);
    try {
      const typed = {
        draftId: metadata.draftId,
        step,
        values: view.state.values,
        unsaved: metadata.unsaved === true,
      };
      if ((await keepTypedAnswers(deps, scope, typed, step)) === null) return;
      await refreshHome(client, deps, scope);
    } catch (error) {
      deps.logger.error('A closed draft could not be saved:', errorCode(error));
      // The modal is gone, so the DM is the one place left to say this step was not kept.
      await client.chat
        // Names nothing they typed, so it is discreet as it stands.
        .postMessage({
          channel: body.user.id,
          text: CLOSE_SAVE_FAILED_TEXT,
          metadata: reboundMessageMetadata('close_save_failed'),
        })
        .catch((dmError: unknown) => deps.logger.warn('Could not say so in a DM:', errorCode(dmError)));
    }
  };
}
