// Follow-ups: stored with a completed rejection, claimed under a lease by a worker,
// then marked sent, failed, or released for a retry.

import type {
  FollowUp,
  FollowUpKind,
  FollowUpStatus,
  NewFollowUp,
  Rejection,
  UserScope,
} from '../../domain/types.js';
import { ErrorCode, ReboundError } from '../../errors.js';
import type { Operation } from '../driver.js';
import { newId } from '../ids.js';
import { rowToFollowUp, SCOPE_MATCH, scopeParams, toMillis } from '../rows.js';
import type { ClaimOptions, ReleaseOptions } from '../store.js';
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
  options: { rejectionId?: string; status?: FollowUpStatus; kind?: FollowUpKind } = {},
): Operation<FollowUp[]> {
  const byRejection = options.rejectionId === undefined ? '' : 'AND rejection_id = ?';
  const byStatus = options.status === undefined ? '' : 'AND status = ?';
  // The routine's summary is not a check-in: only asked for by kind.
  const byKind = options.kind === undefined ? "AND kind <> 'summary'" : 'AND kind = ?';
  const rows = yield {
    sql: `SELECT * FROM follow_ups WHERE ${SCOPE_MATCH} ${byRejection} ${byStatus} ${byKind}
          ORDER BY due_at, created_at, id`,
    params: [
      ...scopeParams(scope),
      ...(options.rejectionId === undefined ? [] : [options.rejectionId]),
      ...(options.status === undefined ? [] : [options.status]),
      ...(options.kind === undefined ? [] : [options.kind]),
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

/**
 * Claims one follow-up by id if it is due (or its lease expired): what the routine's last
 * step uses to send the summary at once instead of waiting for the next tick. Null when it
 * is not due, already taken, or gone.
 */
export function* claimFollowUp(
  id: string,
  now: Date,
  options: Omit<ClaimOptions, 'limit'>,
): Operation<FollowUp | null> {
  const at = toMillis(now);
  const rows = yield {
    sql: `UPDATE follow_ups
          SET status = 'sending', lease_owner = ?, lease_until = ?, attempts = attempts + 1, updated_at = ?
          WHERE id = ? AND ((status = 'pending' AND due_at <= ?) OR (status = 'sending' AND lease_until <= ?))
          RETURNING *`,
    params: [options.owner, at + options.leaseMs, at, id, at, at],
  };
  return rows[0] ? rowToFollowUp(rows[0]) : null;
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
  options: ReleaseOptions = {},
): Operation<FollowUp> {
  const at = toMillis(now);
  // A rate limit is Slack saying "not now", not a failure: it does not start the give-up clock.
  const since = options.rateLimited ? 'retrying_since' : 'COALESCE(retrying_since, ?)';
  return yield* finishLease(id, owner, {
    set: `status = 'pending', due_at = ?, last_error = ?, retrying_since = ${since}, updated_at = ?`,
    params: options.rateLimited ? [toMillis(retryAt), errorCode, at] : [toMillis(retryAt), errorCode, at, at],
  });
}

/**
 * Re-checks and extends a live lease right before a Slack call: from `now` it holds for
 * `leaseMs` more. Throws `store_conflict` when the lease ran out or another worker took the
 * follow-up over, so nothing is sent on a lease that may already be someone else's. With
 * `sending`, records the first time a post was attempted (the lookup's starting point).
 */
export function* extendFollowUpLease(
  id: string,
  owner: string,
  now: Date,
  leaseMs: number,
  options: { sending?: boolean } = {},
): Operation<FollowUp> {
  const at = toMillis(now);
  const sending = options.sending ? ', send_started_at = COALESCE(send_started_at, ?)' : '';
  const rows = yield {
    sql: `UPDATE follow_ups SET lease_until = ?, updated_at = ?${sending}
          WHERE id = ? AND status = 'sending' AND lease_owner = ? AND lease_until > ?
          RETURNING *`,
    params: [at + leaseMs, at, ...(options.sending ? [at] : []), id, owner, at],
  };
  if (rows[0]) return rowToFollowUp(rows[0]);
  throw new ReboundError(ErrorCode.StoreConflict, `follow-up ${id}: lease no longer held by this worker`);
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
