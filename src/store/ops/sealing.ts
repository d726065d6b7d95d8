// Seals what was stored before a key was set, and re-seals what an old key made after a
// rotation: one batch at a time, in id order, each row swapped only if it is unchanged since
// it was read, so several instances doing this at once seal each row exactly once.

import type { Operation } from '../driver.js';
import type { RowSealer } from '../row-sealer.js';
import { rowScope } from '../rows.js';

export interface ResealBatch {
  /** The last id looked at, to continue after; null when the table is done. */
  lastId: string | null;
  resealed: number;
  /** Rows no configured key opens (a key removed too early): left as they are. */
  unreadable: number;
}

const TABLES = {
  rejections: { column: 'answers', listing: ', company = NULL, role = NULL' },
  rejection_entries: { column: 'data', listing: '' },
} as const;

export type SealedTable = keyof typeof TABLES;

export function* resealBatch(
  table: SealedTable,
  after: string,
  limit: number,
  sealer: RowSealer,
): Operation<ResealBatch> {
  const { column, listing } = TABLES[table];
  const pattern = sealer.currentPattern;
  if (pattern === null) return { lastId: null, resealed: 0, unreadable: 0 };
  const rows = yield {
    sql: `SELECT id, team_id, enterprise_id, user_id, ${column} AS stored FROM ${table}
          WHERE id > ? AND ${column} NOT LIKE ? ORDER BY id LIMIT ?`,
    params: [after, pattern, limit],
  };
  let resealed = 0;
  let unreadable = 0;
  for (const row of rows) {
    const scope = rowScope(row);
    const stored = String(row.stored);
    let fresh: string;
    try {
      fresh =
        table === 'rejections'
          ? sealer.answersToText(sealer.answersFromText(stored, scope), scope)
          : sealer.entryToText(sealer.entryFromText(stored, scope), scope);
    } catch {
      unreadable += 1;
      continue;
    }
    const swapped = yield {
      sql: `UPDATE ${table} SET ${column} = ?${listing} WHERE id = ? AND ${column} = ? RETURNING id`,
      params: [fresh, row.id, stored],
    };
    resealed += swapped.length;
  }
  const last = rows.at(-1);
  return { lastId: rows.length < limit || !last ? null : String(last.id), resealed, unreadable };
}
