// Home's Snooze and Cancel on a check-in that has not gone out yet. Each saves, then
// publishes Home again. A check-in that went out (or was cancelled) meanwhile
// changes nothing: the fresh Home shows where it stands.

import type {
  AllMiddlewareArgs,
  BlockAction,
  ButtonAction,
  SlackActionMiddlewareArgs,
  StaticSelectAction,
} from '@slack/bolt';
import { postponedUntil } from '../../domain/follow-up-rules.js';
import { errorCode } from '../../error-code.js';
import { ErrorCode, isReboundError } from '../../errors.js';
import { followUpIdFromValue, parseSnoozeOptionValue } from '../follow-ups/refs.js';
import type { ListenerDeps } from '../platform/deps.js';
import { scopeFromContext } from '../platform/scope.js';
import { publishHome } from './publish-home.js';

type Args<A extends ButtonAction | StaticSelectAction> = AllMiddlewareArgs &
  SlackActionMiddlewareArgs<BlockAction<A>>;

/** Runs `change`, then republishes Home; a follow-up that is no longer pending is not an error. */
async function changeThenPublish(
  deps: ListenerDeps,
  { client, context }: Args<ButtonAction | StaticSelectAction>,
  what: string,
  change: (now: Date) => Promise<unknown>,
): Promise<void> {
  const scope = scopeFromContext(context);
  try {
    await change(deps.clock());
  } catch (error) {
    const stale =
      isReboundError(error, ErrorCode.StoreConflict) || isReboundError(error, ErrorCode.StoreNotFound);
    if (!stale) deps.logger.error(`${what} from Home failed:`, errorCode(error));
  }
  await publishHome(client, deps, scope);
}

export function homeSnoozeCallback(deps: ListenerDeps) {
  return async (args: Args<StaticSelectAction>): Promise<void> => {
    await args.ack();
    const picked = parseSnoozeOptionValue(args.action.selected_option?.value);
    if (!picked) return;
    const scope = scopeFromContext(args.context);
    await changeThenPublish(deps, args, 'Snoozing a check-in', async (now) => {
      const followUp = await deps.store.findFollowUp(scope, picked.followUpId);
      if (followUp?.status !== 'pending') return;
      // The person's own clock decides "the same time, a day later"; a stale cache is refreshed.
      const tz = await deps.timeZones.current(args.client, scope, now);
      const dueAt = postponedUntil(picked.choice, followUp.dueAt, now, tz);
      await deps.store.rescheduleFollowUp(scope, followUp.id, dueAt, now);
    });
  };
}

export function homeCancelCallback(deps: ListenerDeps) {
  return async (args: Args<ButtonAction>): Promise<void> => {
    await args.ack();
    const followUpId = followUpIdFromValue(args.action.value);
    if (!followUpId) return;
    const scope = scopeFromContext(args.context);
    await changeThenPublish(deps, args, 'Cancelling a check-in', (now) =>
      deps.store.cancelFollowUp(scope, followUpId, now),
    );
  };
}
