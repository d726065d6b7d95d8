// The shape of a button that answers with a view or a refresh, not a reply: acknowledge, find
// whose click it is, then act. A failure is logged by its code and the button stays, ready for
// another try (a button has a response_url only in messages, so nothing is said there).

import type {
  AllMiddlewareArgs,
  BlockAction,
  ButtonAction,
  SlackActionMiddlewareArgs,
  webApi,
} from '@slack/bolt';
import type { Rejection, UserScope } from '../../domain/types.js';
import { errorCode } from '../../error-code.js';
import type { ListenerDeps } from './deps.js';
import { scopeFromContext } from './scope.js';

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;

export interface ButtonClick {
  client: webApi.WebClient;
  scope: UserScope;
  /** The button's value: an id Rebound put there, or anything a forged payload says. */
  value: string | undefined;
  body: BlockAction<ButtonAction>;
}

export function buttonListener(
  deps: ListenerDeps,
  failure: string,
  act: (click: ButtonClick) => Promise<void>,
) {
  return async ({ ack, action, body, client, context }: Args): Promise<void> => {
    await ack();
    const scope = scopeFromContext(context);
    try {
      await act({ client, scope, value: action.value, body });
    } catch (error) {
      deps.logger.warn(failure, errorCode(error));
    }
  };
}

/** The rejection a button names, when it is this person's; anything else reads as missing. */
export async function buttonRejection(deps: ListenerDeps, click: ButtonClick): Promise<Rejection | null> {
  return click.value ? deps.store.getRejection(click.scope, click.value) : null;
}
