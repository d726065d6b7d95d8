// The routine's rejections: drafts saved step by step, then completed or discarded.

import type {
  FollowUp,
  NewFollowUp,
  Rejection,
  RejectionStatus,
  RoutineAnswers,
  StepNumber,
  UserScope,
} from '../../domain/types.js';
import { ErrorCode, ReboundError } from '../../errors.js';
import type { Operation } from '../driver.js';
import { newId } from '../ids.js';
import { PLAIN_ROWS, type RowSealer } from '../row-sealer.js';
import { rowToRejection, SCOPE_MATCH, scopeParams, toMillis } from '../rows.js';
import { insertFollowUp } from './follow-ups.js';
import { pageParams } from './shared.js';

export function* createDraft(
  scope: UserScope,
  answers: RoutineAnswers,
  now: Date,
  chosen?: { id: string; step?: StepNumber },
  sealer: RowSealer = PLAIN_ROWS,
): Operation<Rejection> {
  const at = toMillis(now);
  const rows = yield {
    sql: `INSERT INTO rejections (id, team_id, enterprise_id, user_id, status, step, answers, company, role, stage,
            created_at, updated_at, completed_at)
          VALUES (?, ?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?, NULL)
          ON CONFLICT (id) DO NOTHING
          RETURNING *`,
    params: [
      chosen?.id ?? newId(),
      ...scopeParams(scope),
      chosen?.step ?? 1,
      ...answerColumns(answers, scope, sealer),
      at,
      at,
    ],
  };
  if (!rows[0]) throw new ReboundError(ErrorCode.StoreConflict, `rejection ${chosen?.id} exists already`);
  return rowToRejection(rows[0], sealer);
}

export function* findOpenDraft(
  scope: UserScope,
  sealer: RowSealer = PLAIN_ROWS,
): Operation<Rejection | null> {
  const rows = yield {
    sql: `SELECT * FROM rejections WHERE ${SCOPE_MATCH} AND status = 'draft'
          ORDER BY updated_at DESC, created_at DESC, id DESC LIMIT 1`,
    params: scopeParams(scope),
  };
  return rows[0] ? rowToRejection(rows[0], sealer) : null;
}

export function* getRejection(
  scope: UserScope,
  id: string,
  sealer: RowSealer = PLAIN_ROWS,
): Operation<Rejection | null> {
  const rows = yield {
    sql: `SELECT * FROM rejections WHERE id = ? AND ${SCOPE_MATCH}`,
    params: [id, ...scopeParams(scope)],
  };
  return rows[0] ? rowToRejection(rows[0], sealer) : null;
}

/**
 * New answers for a rejection in `status`: a draft's as the person moves between steps (with
 * the step they are on), or a complete one's (e.g. new search tweaks from a follow-up).
 */
export function* writeAnswers(
  scope: UserScope,
  id: string,
  status: 'draft' | 'complete',
  answers: RoutineAnswers,
  now: Date,
  options: { step?: StepNumber; sealer?: RowSealer } = {},
): Operation<Rejection> {
  const sealer = options.sealer ?? PLAIN_ROWS;
  const rows = yield {
    sql: `UPDATE rejections SET step = COALESCE(?, step), answers = ?, company = ?, role = ?, stage = ?, updated_at = ?
          WHERE id = ? AND ${SCOPE_MATCH} AND status = ?
          RETURNING *`,
    params: [
      options.step ?? null,
      ...answerColumns(answers, scope, sealer),
      toMillis(now),
      id,
      ...scopeParams(scope),
      status,
    ],
  };
  if (!rows[0]) return yield* notInStatus(scope, id, status);
  return rowToRejection(rows[0], sealer);
}

export function* discardDraft(scope: UserScope, id: string, now: Date): Operation<void> {
  const rows = yield {
    sql: `UPDATE rejections SET status = 'discarded', updated_at = ?
          WHERE id = ? AND ${SCOPE_MATCH} AND status = 'draft'
          RETURNING id`,
    params: [toMillis(now), id, ...scopeParams(scope)],
  };
  if (!rows[0]) yield* notInStatus(scope, id, 'draft');
}

/** Start fresh: the old draft is deleted, not kept aside. Missing or not a draft: `store_conflict`/`store_not_found`. */
export function* deleteDraft(scope: UserScope, id: string): Operation<void> {
  const rows = yield {
    sql: `DELETE FROM rejections WHERE id = ? AND ${SCOPE_MATCH} AND status = 'draft' RETURNING id`,
    params: [id, ...scopeParams(scope)],
  };
  if (!rows[0]) yield* notInStatus(scope, id, 'draft');
}

/**
 * Drafts (and drafts set aside) untouched since before `before` are deleted, everyone's at
 * once; returns how many. Drafts have no follow-ups or entries, so nothing else refers to them.
 */
export function* purgeStaleDrafts(before: Date): Operation<number> {
  const rows = yield {
    sql: `DELETE FROM rejections WHERE status IN ('draft', 'discarded') AND updated_at < ? RETURNING id`,
    params: [toMillis(before)],
  };
  return rows.length;
}

/**
 * Run inside a transaction. The conditional UPDATE is the race arbiter: of two concurrent
 * calls only one still finds the row a draft (PostgreSQL re-checks the WHERE after the row
 * lock is released; SQLite serialises writers), so follow-ups are stored exactly once.
 */
export function* completeRejection(
  scope: UserScope,
  id: string,
  answers: RoutineAnswers,
  followUps: NewFollowUp[],
  now: Date,
  sealer: RowSealer = PLAIN_ROWS,
): Operation<{ rejection: Rejection; followUps: FollowUp[] }> {
  const at = toMillis(now);
  const rows = yield {
    sql: `UPDATE rejections SET status = 'complete', step = 4, answers = ?, company = ?, role = ?, stage = ?,
            updated_at = ?, completed_at = ?
          WHERE id = ? AND ${SCOPE_MATCH} AND status = 'draft'
          RETURNING *`,
    params: [...answerColumns(answers, scope, sealer), at, at, id, ...scopeParams(scope)],
  };
  if (!rows[0]) return yield* notInStatus(scope, id, 'draft');
  const rejection = rowToRejection(rows[0], sealer);
  const stored: FollowUp[] = [];
  for (const followUp of followUps) stored.push(yield* insertFollowUp(rejection, followUp, at));
  return { rejection, followUps: stored };
}

export function* listRejections(
  scope: UserScope,
  options?: { limit?: number; offset?: number },
  sealer: RowSealer = PLAIN_ROWS,
): Operation<Rejection[]> {
  const rows = yield {
    sql: `SELECT * FROM rejections WHERE ${SCOPE_MATCH} AND status = 'complete'
          ORDER BY completed_at DESC, id DESC LIMIT ? OFFSET ?`,
    params: [...scopeParams(scope), ...pageParams(options)],
  };
  return rows.map((row) => rowToRejection(row, sealer));
}

/** After a conditional update touched nothing: say whether the rejection is missing or in another state. */
function* notInStatus(scope: UserScope, id: string, wanted: RejectionStatus): Operation<never> {
  const rows = yield {
    sql: `SELECT status FROM rejections WHERE id = ? AND ${SCOPE_MATCH}`,
    params: [id, ...scopeParams(scope)],
  };
  const status = rows[0]?.status;
  if (status === undefined) throw new ReboundError(ErrorCode.StoreNotFound, `rejection ${id} not found`);
  throw new ReboundError(ErrorCode.StoreConflict, `rejection ${id} is ${String(status)}, not ${wanted}`);
}

/**
 * The JSON answers plus the columns extracted from them for listing. Sealed, company and
 * role are left out of the listing columns: they are typed text.
 */
function answerColumns(
  answers: RoutineAnswers,
  scope: UserScope,
  sealer: RowSealer,
): [string, string | null, string | null, string | null] {
  return [
    sealer.answersToText(answers, scope),
    sealer.sealing ? null : listingText(answers.company),
    sealer.sealing ? null : listingText(answers.role),
    answers.stage ?? null,
  ];
}

/** PostgreSQL text cannot hold U+0000; the JSON copy keeps it escaped, the listing copy drops it. */
function listingText(value: string | undefined): string | null {
  return value === undefined ? null : value.replaceAll('\u0000', '');
}
