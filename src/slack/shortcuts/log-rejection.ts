// The global shortcut "Log a rejection": the routine exactly as `/rejected` opens it, a draft
// waiting included. A shortcut has no response_url, so a failure is said in the DM.

import type { AllMiddlewareArgs, GlobalShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { errorCode } from '../../error-code.js';
import type { ListenerDeps } from '../platform/deps.js';
import { OPEN_FAILED_TEXT } from '../platform/errors-message.js';
import { scopeFromContext } from '../platform/scope.js';
import { openRoutine } from '../routine/open-routine.js';

type Args = AllMiddlewareArgs & SlackShortcutMiddlewareArgs<GlobalShortcut>;

export function logRejectionCallback(deps: ListenerDeps) {
  return async ({ ack, shortcut, client, context }: Args): Promise<void> => {
    await ack();
    await openRoutine({
      deps,
      client,
      scope: scopeFromContext(context),
      triggerId: shortcut.trigger_id,
      onFailure: async () => {
        await client.chat
          .postMessage({ channel: shortcut.user.id, text: OPEN_FAILED_TEXT })
          .catch((error: unknown) => deps.logger.warn('Could not say so in a DM:', errorCode(error)));
      },
    });
    await deps.teamInstalls.note(context);
  };
}
