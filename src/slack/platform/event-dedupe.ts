// Slack retries an event delivery it believes failed (X-Slack-Retry-Num), and with several
// instances behind a load balancer the retry may land on another one. So each event_id is
// recorded in the store, shared by all instances; a delivery whose id is already there is
// acknowledged (Bolt acks events before any middleware) and goes no further. An event counts
// as handled only once its listeners succeeded: when one fails, its id is forgotten again, so
// Slack's retry (or another instance's copy) runs it; our event listeners are idempotent.
//
// A global middleware rather than a wrapper around each event listener: every event
// listener, including ones added later, is covered without anyone remembering to opt in.
// Commands and interactions carry no event_id and pass straight through.

import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { errorCode } from '../../error-code.js';
import type { ListenerDeps } from './deps.js';

function eventIdOf(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const { type, event_id: eventId } = body as { type?: unknown; event_id?: unknown };
  return type === 'event_callback' && typeof eventId === 'string' && eventId.length > 0 ? eventId : null;
}

export function dedupeEvents(deps: ListenerDeps): Middleware<AnyMiddlewareArgs> {
  return async ({ body, context, next }) => {
    const eventId = eventIdOf(body);
    if (eventId === null) return next();
    let first = true;
    try {
      first = await deps.store.recordEventOnce(eventId, deps.clock());
    } catch (error) {
      // Handling an event twice beats dropping it: our event listeners are idempotent.
      deps.logger.warn(`Event ${eventId} could not be recorded; handling it anyway:`, errorCode(error));
    }
    if (!first) {
      deps.logger.info(`Event ${eventId} was already handled; ignored its retry ${context.retryNum ?? 0}.`);
      return;
    }
    try {
      await next();
    } catch (error) {
      try {
        await deps.store.forgetEvent(eventId);
        deps.logger.warn(`Event ${eventId} failed (${errorCode(error)}); a retry of it will be handled.`);
      } catch (forgetError) {
        deps.logger.warn(`Event ${eventId} failed and could not be forgotten:`, errorCode(forgetError));
      }
      throw error;
    }
  };
}
