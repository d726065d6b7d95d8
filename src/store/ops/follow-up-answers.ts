// What a person does with a follow-up once it is in their DMs: snooze it, finish it, or stop
// every follow-up of that rejection. Scoped like every user-facing call: another user's
// follow-up behaves exactly like a missing one.

import type { FollowUp, NewFollowUp, UserScope } from '../../domain/types.js';
import { ErrorCode, ReboundError } from '../../errors.js';
import type { Operation } from '../driver.js';
import { rowToFollowUp, SCOPE_MATCH, scopeParams, toMillis } from '../rows.js';
import { insertFollowUp } from './follow-ups.js';

export function* findFollowUp(scope: UserScope, id: string): Operation<FollowUp | null> {
  const rows = yield {
    sql: `SELECT * FROM follow_ups WHERE id = ? AND ${SCOPE_MATCH}`,
    params: [id, ...scopeParams(scope)],
  };
  return rows[0] ? rowToFollowUp(rows[0]) : null;
}

/** A delivered follow-up was answered: `sent` → `done`. Throws `store_conflict` unless it is `sent`. */
export function* markFollowUpDone(scope: UserScope, id: string, now: Date): Operation<FollowUp> {
  return yield* finishSent(scope, id, now);
}

/**
 * Run inside a transaction. Ends the delivered follow-up and schedules the same kind again.
 * The conditional UPDATE is the race arbiter, as in completeRejection: of two racing
 * snoozes only one still finds the follow-up `sent`, so exactly one new follow-up is stored.
 */
export function* snoozeFollowUp(scope: UserScope, id: string, dueAt: Date, now: Date): Operation<FollowUp> {
  const done = yield* finishSent(scope, id, now);
  const next: NewFollowUp = { kind: done.kind, dueAt };
  return yield* insertFollowUp({ id: done.rejectionId, scope: done.scope }, next, toMillis(now));
}

/**
 * Run inside a transaction. Ends the delivered follow-up and schedules what comes next (a
 * re-check after "Not yet", the next check-in after "Yes, I did it"), all or nothing. As with
 * a snooze, of two racing answers only one finds it `sent`.
 */
export function* answerFollowUp(
  scope: UserScope,
  id: string,
  next: NewFollowUp[],
  now: Date,
): Operation<{ done: FollowUp; next: FollowUp[] }> {
  const done = yield* finishSent(scope, id, now);
  const scheduled: FollowUp[] = [];
  for (const followUp of next) {
    scheduled.push(
      yield* insertFollowUp({ id: done.rejectionId, scope: done.scope }, followUp, toMillis(now)),
    );
  }
  return { done, next: scheduled };
}

/**
 * "I'm done": nothing more about this rejection. Pending follow-ups are cancelled and
 * delivered ones closed; one statement, so calling it again changes (and counts) nothing.
 * A follow-up being sent right now is left to finish: its DM is already on its way.
 */
export function* stopFollowUps(scope: UserScope, rejectionId: string, now: Date): Operation<number> {
  const rows = yield {
    sql: `UPDATE follow_ups
          SET status = CASE WHEN status = 'pending' THEN 'cancelled' ELSE 'done' END, updated_at = ?
          WHERE rejection_id = ? AND ${SCOPE_MATCH} AND status IN ('pending', 'sent')
          RETURNING id`,
    params: [toMillis(now), rejectionId, ...scopeParams(scope)],
  };
  return rows.length;
}

function* finishSent(scope: UserScope, id: string, now: Date): Operation<FollowUp> {
  const rows = yield {
    sql: `UPDATE follow_ups SET status = 'done', updated_at = ?
          WHERE id = ? AND ${SCOPE_MATCH} AND status = 'sent'
          RETURNING *`,
    params: [toMillis(now), id, ...scopeParams(scope)],
  };
  if (rows[0]) return rowToFollowUp(rows[0]);
  const current = yield* findFollowUp(scope, id);
  if (!current) throw new ReboundError(ErrorCode.StoreNotFound, `follow-up ${id} not found`);
  throw new ReboundError(ErrorCode.StoreConflict, `follow-up ${id} is ${current.status}, not sent`);
}
