// "Before your next interview", from Home's button or `/rejected prep`: gathers what the
// person wrote across every rejection into one modal, well inside the trigger's 3 s.

import type {
  AllMiddlewareArgs,
  BlockAction,
  ButtonAction,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  webApi,
} from '@slack/bolt';
import { gatherPrep } from '../../domain/prep.js';
import type { UserScope } from '../../domain/types.js';
import { errorCode } from '../../error-code.js';
import type { ListenerDeps } from '../platform/deps.js';
import { OPEN_FAILED_TEXT } from '../platform/errors-message.js';
import { scopeFromContext } from '../platform/scope.js';
import { viewPayload } from '../platform/view-payload.js';
import { buildPrepView } from './prep-view.js';
import { PATTERN_SAMPLE } from './publish-home.js';

/** Opens the prep view; false (logged by code) when it could not be opened. */
export async function openPrep(
  deps: ListenerDeps,
  client: webApi.WebClient,
  scope: UserScope,
  triggerId: string,
): Promise<boolean> {
  try {
    const [rejections, entries] = await Promise.all([
      deps.store.listRejections(scope, { limit: PATTERN_SAMPLE }),
      deps.store.listUserEntries(scope),
    ]);
    await client.views.open({
      trigger_id: triggerId,
      view: viewPayload(buildPrepView(gatherPrep(rejections, entries))),
    });
    return true;
  } catch (error) {
    deps.logger.warn('The prep view could not be opened:', errorCode(error));
    return false;
  }
}

export function homeOpenPrepCallback(deps: ListenerDeps) {
  return async ({
    ack,
    body,
    client,
    context,
  }: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>): Promise<void> => {
    await ack();
    await openPrep(deps, client, scopeFromContext(context), body.trigger_id);
  };
}

/** `/rejected prep`: answers only the asker when the view could not be opened. */
export function prepCommand(deps: ListenerDeps) {
  return async (args: AllMiddlewareArgs & SlackCommandMiddlewareArgs): Promise<void> => {
    await args.ack();
    const opened = await openPrep(deps, args.client, scopeFromContext(args.context), args.command.trigger_id);
    if (opened) return;
    try {
      await args.respond({ response_type: 'ephemeral', text: OPEN_FAILED_TEXT });
    } catch (error) {
      deps.logger.warn('A private reply to /rejected could not be sent:', errorCode(error));
    }
  };
}
