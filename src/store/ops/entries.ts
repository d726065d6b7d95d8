// What a person adds to a finished rejection later (a reflection, the feedback they got),
// kept as entries beside it so the routine's own answers stay as they were written.

import type { EntryData, RejectionEntry, UserScope } from '../../domain/types.js';
import { ErrorCode, ReboundError } from '../../errors.js';
import type { Operation } from '../driver.js';
import { newId } from '../ids.js';
import { PLAIN_ROWS, type RowSealer } from '../row-sealer.js';
import { rowToEntry, SCOPE_MATCH, scopeParams, toMillis } from '../rows.js';

/** Only a complete rejection of this scope takes entries: the INSERT copies its scope. */
export function* addEntry(
  scope: UserScope,
  rejectionId: string,
  data: EntryData,
  now: Date,
  sealer: RowSealer = PLAIN_ROWS,
): Operation<RejectionEntry> {
  const rows = yield {
    sql: `INSERT INTO rejection_entries (id, rejection_id, team_id, enterprise_id, user_id, kind, data, created_at)
          SELECT ?, id, team_id, enterprise_id, user_id, ?, ?, ? FROM rejections
          WHERE id = ? AND ${SCOPE_MATCH} AND status = 'complete'
          RETURNING *`,
    params: [
      newId(),
      data.kind,
      sealer.entryToText(data, scope),
      toMillis(now),
      rejectionId,
      ...scopeParams(scope),
    ],
  };
  if (rows[0]) return rowToEntry(rows[0], sealer);
  const current = yield {
    sql: `SELECT status FROM rejections WHERE id = ? AND ${SCOPE_MATCH}`,
    params: [rejectionId, ...scopeParams(scope)],
  };
  const status = current[0]?.status;
  if (status === undefined)
    throw new ReboundError(ErrorCode.StoreNotFound, `rejection ${rejectionId} not found`);
  throw new ReboundError(
    ErrorCode.StoreConflict,
    `rejection ${rejectionId} is ${String(status)}, not complete`,
  );
}

/** Oldest first. */
export function* listEntries(
  scope: UserScope,
  rejectionId: string,
  sealer: RowSealer = PLAIN_ROWS,
): Operation<RejectionEntry[]> {
  const rows = yield {
    sql: `SELECT * FROM rejection_entries WHERE rejection_id = ? AND ${SCOPE_MATCH}
          ORDER BY created_at, id`,
    params: [rejectionId, ...scopeParams(scope)],
  };
  return rows.map((row) => rowToEntry(row, sealer));
}
