// `/rejected [company | help]`: acknowledge at once, then open the routine (or the
// "pick up where you left off?" modal when a draft exists) well inside the trigger's 3 s.

import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { errorCode } from '../../../error-code.js';
import { parseRejectedCommand } from '../../command-text.js';
import { stepViewForDraft } from '../../routine-views.js';
import { scopeFromContext } from '../../scope.js';
import { refreshUserTimezone } from '../../user-timezone.js';
import { OPEN_FAILED_TEXT } from '../../views/errors-message.js';
import { buildHelpMessage } from '../../views/help-message.js';
import { buildResumeView } from '../../views/resume-draft.js';
import type { ListenerDeps } from '../deps.js';

type Args = AllMiddlewareArgs & SlackCommandMiddlewareArgs;

export function rejectedCommandCallback(deps: ListenerDeps) {
  return async ({ command, ack, client, context, respond }: Args): Promise<void> => {
    const request = parseRejectedCommand(command.text);
    if (request.kind !== 'start') {
      await ack({ response_type: 'ephemeral', ...buildHelpMessage() });
      return;
    }
    await ack();

    const scope = scopeFromContext(context);
    const now = deps.clock();
    // The timezone is only needed on step 4, so fetch it alongside instead of before the modal.
    const timezone = refreshUserTimezone(client, deps.store, scope, now).catch((error: unknown) => {
      deps.logger.warn('users.info for the nudge timezone failed:', errorCode(error));
    });

    try {
      const draft = await deps.store.findOpenDraft(scope);
      const view = draft
        ? buildResumeView({ draft, prefillCompany: request.company })
        : await stepViewForDraft(
            deps,
            scope,
            await deps.store.createDraft(scope, request.company ? { company: request.company } : {}, now),
            1,
          );
      await client.views.open({ trigger_id: command.trigger_id, view });
    } catch (error) {
      deps.logger.error('Could not open the routine:', errorCode(error));
      // Nothing was typed yet, so say what did not happen and what to do, not "answers kept".
      await respond({ response_type: 'ephemeral', text: OPEN_FAILED_TEXT });
    }
    await timezone;
  };
}
