// Home's "Show more" and "Back to the newest": the button's value is the page offset.

import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../platform/deps.js';
import { scopeFromContext } from '../platform/scope.js';
import { parseHomeOffset, publishHome } from './publish-home.js';

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;

export function homeShowMoreCallback(deps: ListenerDeps) {
  return async ({ ack, action, client, context }: Args): Promise<void> => {
    await ack();
    await publishHome(client, deps, scopeFromContext(context), parseHomeOffset(action.value));
  };
}
