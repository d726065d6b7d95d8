// The shape every follow-up button (and the snooze menu) shares: acknowledge, find the
// follow-up the click names, and only then act. Another user's or an unknown follow-up is
// ignored; an old or double click (the follow-up is no longer waiting for an answer) changes
// nothing and gets a short private note; a failure gets a kind one, and the buttons stay.

import type {
  AllMiddlewareArgs,
  BlockAction,
  BlockElementAction,
  ButtonAction,
  RespondFn,
  SlackActionMiddlewareArgs,
  webApi,
} from '@slack/bolt';
import type { UserScope } from '../../domain/types.js';
import { errorCode } from '../../error-code.js';
import { ErrorCode, isReboundError } from '../../errors.js';
import type { ListenerDeps } from '../platform/deps.js';
import { scopeFromContext } from '../platform/scope.js';
import { type LoadedFollowUp, loadFollowUp } from './loaded-follow-up.js';
import { followUpIdFromValue } from './refs.js';
import { ALREADY_ANSWERED_TEXT, FOLLOW_UP_FAILED_TEXT } from './replies.js';

export interface FollowUpClick<Extra> {
  deps: ListenerDeps;
  client: webApi.WebClient;
  scope: UserScope;
  loaded: LoadedFollowUp;
  triggerId: string;
  now: Date;
  /** Whatever else the click carried (e.g. the snooze choice). */
  extra: Extra;
  /** A private reply to the clicker only. */
  tell(text: string): Promise<void>;
}

/** A follow-up button's value is the follow-up id, and nothing else. */
export function readButton(action: ButtonAction): { followUpId: string; extra: null } | null {
  const followUpId = followUpIdFromValue(action.value);
  return followUpId ? { followUpId, extra: null } : null;
}

type Args<A extends BlockElementAction> = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<A>>;

export function followUpClickCallback<A extends BlockElementAction, Extra>(spec: {
  /** For logs: what the click was. */
  name: string;
  /** The follow-up id (and anything else) the action carries, or null for a malformed one. */
  read(action: A): { followUpId: string; extra: Extra } | null;
  act(click: FollowUpClick<Extra>): Promise<void>;
}) {
  return (deps: ListenerDeps) =>
    async ({ ack, action, body, client, context, respond }: Args<A>): Promise<void> => {
      await ack();
      const ref = spec.read(action);
      if (!ref) return;
      const scope = scopeFromContext(context);
      const tell = privateReply(respond, deps, spec.name);
      try {
        const loaded = await loadFollowUp(deps.store, scope, ref.followUpId);
        if (!loaded) return;
        if (loaded.followUp.status !== 'sent') {
          await tell(ALREADY_ANSWERED_TEXT);
          return;
        }
        await spec.act({
          deps,
          client,
          scope,
          loaded,
          triggerId: body.trigger_id,
          now: deps.clock(),
          extra: ref.extra,
          tell,
        });
      } catch (error) {
        // store_conflict: a racing click (or another device) answered it first.
        if (isReboundError(error, ErrorCode.StoreConflict)) {
          await tell(ALREADY_ANSWERED_TEXT);
          return;
        }
        deps.logger.error(`Follow-up ${spec.name} on follow-up ${ref.followUpId} failed:`, errorCode(error));
        await tell(FOLLOW_UP_FAILED_TEXT);
      }
    };
}

function privateReply(respond: RespondFn, deps: ListenerDeps, name: string) {
  return async (text: string): Promise<void> => {
    // A click on Home carries no response_url, so Bolt gives no respond: Home itself is
    // republished instead.
    if (typeof respond !== 'function') return;
    try {
      await respond({ response_type: 'ephemeral', replace_original: false, text });
    } catch (error) {
      deps.logger.warn(`Follow-up ${name}: the private reply could not be sent:`, errorCode(error));
    }
  };
}
