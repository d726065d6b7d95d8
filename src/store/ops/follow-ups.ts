// Follow-ups: stored with a completed rejection, claimed under a lease by a worker,
// then marked sent, failed, or released for a retry.

import type { FollowUp, FollowUpStatus, NewFollowUp, Rejection, UserScope } from '../../domain/types.js';
import { ErrorCode, ReboundError } from '../../errors.js';
import type { Operation } from '../driver.js';
import { newId } from '../ids.js';
import { rowToFollowUp, SCOPE_MATCH, scopeParams, toMillis } from '../rows.js';
import type { ClaimOptions } from '../store.js';
import { onlyRow } from './shared.js';

/** Stores a pending follow-up for a rejection (given by its id and owner's scope). */
export function* insertFollowUp(
  rejection: Pick<Rejection, 'id' | 'scope'>,
  followUp: NewFollowUp,
  at: number,
): Operation<FollowUp> {
  const rows = yield {
    sql: `INSERT INTO follow_ups (id, rejection_id, team_id, enterprise_id, user_id, kind, due_at, status, attempts,
            created_at, updated_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)
          RETURNING *`,
    params: [
      newId(),
      rejection.id,
      ...scopeParams(rejection.scope),
      followUp.kind,
      toMillis(followUp.dueAt),
      at,
      at,
    ],
  };
  return rowToFollowUp(onlyRow(rows, 'follow-up'));
}

export function* listFollowUps(
  scope: UserScope,
  options: { rejectionId?: string; status?: FollowUpStatus } = {},
): Operation<FollowUp[]> {
  const byRejection = options.rejectionId === undefined ? '' : 'AND rejection_id = ?';
  const byStatus = options.status === undefined ? '' : 'AND status = ?';
  const rows = yield {
    sql: `SELECT * FROM follow_ups WHERE ${SCOPE_MATCH} ${byRejection} ${byStatus}
          ORDER BY due_at, created_at, id`,
    params: [
      ...scopeParams(scope),
      ...(options.rejectionId === undefined ? [] : [options.rejectionId]),
      ...(options.status === undefined ? [] : [options.status]),
    ],
  };
  return rows.map(rowToFollowUp);
}

/**
 * One statement: pick the oldest due follow-ups and lease them. Each branch is a range scan
 * of its own partial index (pending by due_at, sending by lease_until), so the claim stays
 * cheap however many sent rows pile up. `claimLock` is PostgreSQL's FOR UPDATE SKIP LOCKED:
 * a concurrent claimer skips rows another holds and re-checks rows it just committed.
 */
export function claimDueSql(claimLock: string): string {
  return `WITH pending_due AS MATERIALIZED (
            SELECT id, due_at FROM follow_ups
            WHERE status = 'pending' AND due_at <= ?
            ORDER BY due_at, id LIMIT ? ${claimLock}
          ),
          lease_expired AS MATERIALIZED (
            SELECT id, due_at FROM follow_ups
            WHERE status = 'sending' AND lease_until <= ?
            ORDER BY due_at, id LIMIT ? ${claimLock}
          ),
          picked AS MATERIALIZED (
            SELECT id FROM (SELECT id, due_at FROM pending_due UNION ALL SELECT id, due_at FROM lease_expired) AS due
            ORDER BY due_at, id LIMIT ?
          )
          UPDATE follow_ups
          SET status = 'sending', lease_owner = ?, lease_until = ?, attempts = attempts + 1, updated_at = ?
          WHERE id IN (SELECT id FROM picked)
          RETURNING *`;
}

export function* claimDueFollowUps(
  now: Date,
  options: ClaimOptions,
  claimLock: string,
): Operation<FollowUp[]> {
  const at = toMillis(now);
  const limit = Math.max(0, Math.floor(options.limit));
  if (limit === 0) return [];
  const rows = yield {
    sql: claimDueSql(claimLock),
    params: [at, limit, at, limit, limit, options.owner, at + options.leaseMs, at],
  };
  // RETURNING has no order of its own.
  return rows.map(rowToFollowUp).sort(byDueThenId);
}

export function* markFollowUpSent(
  id: string,
  owner: string,
  delivery: { channelId: string; messageTs: string },
  now: Date,
): Operation<FollowUp> {
  const at = toMillis(now);
  return yield* finishLease(id, owner, {
    set: `status = 'sent', channel_id = ?, message_ts = ?, sent_at = ?, updated_at = ?`,
    params: [delivery.channelId, delivery.messageTs, at, at],
  });
}

export function* markFollowUpFailed(
  id: string,
  owner: string,
  errorCode: string,
  now: Date,
): Operation<FollowUp> {
  return yield* finishLease(id, owner, {
    set: `status = 'failed', last_error = ?, updated_at = ?`,
    params: [errorCode, toMillis(now)],
  });
}

export function* releaseFollowUp(
  id: string,
  owner: string,
  retryAt: Date,
  errorCode: string,
  now: Date,
): Operation<FollowUp> {
  return yield* finishLease(id, owner, {
    set: `status = 'pending', due_at = ?, last_error = ?, updated_at = ?`,
    params: [toMillis(retryAt), errorCode, toMillis(now)],
  });
}

/**
 * Ends a lease: only its holder may, while the follow-up is still `sending`. A holder whose
 * lease ran out may still finish as long as no other worker has taken the follow-up over —
 * the DM went out, and recording that beats sending it twice.
 */
function* finishLease(
  id: string,
  owner: string,
  change: { set: string; params: unknown[] },
): Operation<FollowUp> {
  const rows = yield {
    sql: `UPDATE follow_ups SET ${change.set}, lease_owner = NULL, lease_until = NULL
          WHERE id = ? AND status = 'sending' AND lease_owner = ?
          RETURNING *`,
    params: [...change.params, id, owner],
  };
  if (rows[0]) return rowToFollowUp(rows[0]);
  const current = yield { sql: 'SELECT status FROM follow_ups WHERE id = ?', params: [id] };
  const status = current[0]?.status;
  if (status === undefined) throw new ReboundError(ErrorCode.StoreNotFound, `follow-up ${id} not found`);
  throw new ReboundError(
    ErrorCode.StoreConflict,
    `follow-up ${id} is ${String(status)} and not leased to this worker`,
  );
}

function byDueThenId(a: FollowUp, b: FollowUp): number {
  return a.dueAt.getTime() - b.dueAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
