// What a person does with a follow-up that has not gone out yet (App Home): move it, or call it
// off. Only a `pending` one can change: once claimed it is on its way.

import type { FollowUp, UserScope } from '../../domain/types.js';
import { ErrorCode, ReboundError } from '../../errors.js';
import type { Operation } from '../driver.js';
import { rowToFollowUp, SCOPE_MATCH, scopeParams, toMillis } from '../rows.js';
import { findFollowUp } from './follow-up-answers.js';

/** pending → due at `dueAt` instead. Throws `store_conflict` unless pending. */
export function* rescheduleFollowUp(
  scope: UserScope,
  id: string,
  dueAt: Date,
  now: Date,
): Operation<FollowUp> {
  return yield* changePending(scope, id, 'due_at = ?', [toMillis(dueAt)], now);
}

/** pending → cancelled. Throws `store_conflict` unless pending. */
export function* cancelFollowUp(scope: UserScope, id: string, now: Date): Operation<FollowUp> {
  return yield* changePending(scope, id, "status = 'cancelled'", [], now);
}

function* changePending(
  scope: UserScope,
  id: string,
  set: string,
  params: unknown[],
  now: Date,
): Operation<FollowUp> {
  const rows = yield {
    sql: `UPDATE follow_ups SET ${set}, updated_at = ?
          WHERE id = ? AND ${SCOPE_MATCH} AND status = 'pending'
          RETURNING *`,
    params: [...params, toMillis(now), id, ...scopeParams(scope)],
  };
  if (rows[0]) return rowToFollowUp(rows[0]);
  const current = yield* findFollowUp(scope, id);
  if (!current) throw new ReboundError(ErrorCode.StoreNotFound, `follow-up ${id} not found`);
  throw new ReboundError(ErrorCode.StoreConflict, `follow-up ${id} is ${current.status}, not pending`);
}
