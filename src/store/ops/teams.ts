// Whole workspaces: stopping their follow-ups when Rebound loses its token, and deleting their
// data once they have been uninstalled for longer than the retention period.

import type { TeamScope } from '../../domain/types.js';
import type { Operation } from '../driver.js';
import { toMillis } from '../rows.js';
import type { PurgeBatch } from '../store.js';
import { teamKey, teamMatch } from './team-match.js';

/** Every pending follow-up of the team becomes `cancelled`; returns how many. */
export function* stopTeamFollowUps(team: TeamScope, now: Date): Operation<number> {
  const match = teamMatch(team);
  const rows = yield {
    sql: `UPDATE follow_ups SET status = 'cancelled', updated_at = ?
          WHERE ${match.sql} AND status = 'pending'
          RETURNING id`,
    params: [toMillis(now), ...match.params],
  };
  return rows.length;
}

/** Remembers when the team uninstalled; a repeated event keeps the first time. */
export function* markTeamUninstalled(team: TeamScope, now: Date): Operation<void> {
  yield {
    sql: `INSERT INTO uninstalled_teams (team_id, enterprise_id, uninstalled_at) VALUES (?, ?, ?)
          ON CONFLICT (team_id, enterprise_id) DO NOTHING`,
    params: [...teamKey(team), toMillis(now)],
  };
}

/** The team is installed again: its data stays. True when it had been marked. */
export function* clearTeamUninstalled(team: TeamScope): Operation<boolean> {
  const rows = yield {
    sql: 'DELETE FROM uninstalled_teams WHERE team_id = ? AND enterprise_id = ? RETURNING team_id',
    params: teamKey(team),
  };
  return rows.length > 0;
}

/** A team's records, children first: a rejection goes only once nothing refers to it. */
const PURGED_TABLES = [
  { table: 'rejection_entries', key: 'id', columns: 'id' },
  { table: 'follow_ups', key: 'id', columns: 'id' },
  { table: 'shares', key: 'id', columns: 'id' },
  { table: 'rejections', key: 'id', columns: 'id' },
  {
    table: 'user_profiles',
    key: '(team_id, enterprise_id, user_id)',
    columns: 'team_id, enterprise_id, user_id',
  },
  {
    table: 'user_settings',
    key: '(team_id, enterprise_id, user_id)',
    columns: 'team_id, enterprise_id, user_id',
  },
  { table: 'user_uploads', key: 'file_id', columns: 'file_id' },
] as const;

/**
 * Claims the longest-uninstalled team due for purging (uninstalled at or before `before`)
 * that no live purge holds, until `now + leaseMs`. Null when none is due.
 */
export function* claimTeamPurge(before: Date, now: Date, leaseMs: number): Operation<TeamScope | null> {
  const rows = yield {
    sql: `UPDATE uninstalled_teams SET purge_claimed_until = ?
          WHERE (team_id, enterprise_id) IN (
            SELECT team_id, enterprise_id FROM uninstalled_teams
            WHERE uninstalled_at <= ? AND (purge_claimed_until IS NULL OR purge_claimed_until <= ?)
            ORDER BY uninstalled_at, team_id, enterprise_id LIMIT 1)
          RETURNING team_id, enterprise_id`,
    params: [toMillis(now) + leaseMs, toMillis(before), toMillis(now)],
  };
  const [row] = rows;
  if (!row) return null;
  return { teamId: String(row.team_id) || null, enterpriseId: String(row.enterprise_id) || null };
}

/**
 * Run inside a transaction: deletes up to `limit` of the team's records. It first renews the
 * claim on the team's mark, which takes the row's write lock: a reinstall's
 * clearTeamUninstalled waits for this batch, and the next batch finds no mark and deletes
 * nothing more. The batch that finds nothing left removes the mark.
 */
export function* purgeTeamBatch(
  team: TeamScope,
  limit: number,
  now: Date,
  leaseMs: number,
): Operation<PurgeBatch> {
  const claimed = yield {
    sql: `UPDATE uninstalled_teams SET purge_claimed_until = ?
          WHERE team_id = ? AND enterprise_id = ? RETURNING team_id`,
    params: [toMillis(now) + leaseMs, ...teamKey(team)],
  };
  if (claimed.length === 0) return { deleted: 0, finished: false, reinstalled: true };
  const match = teamMatch(team);
  let deleted = 0;
  for (const { table, key, columns } of PURGED_TABLES) {
    const room = limit - deleted;
    if (room <= 0) return { deleted, finished: false, reinstalled: false };
    const rows = yield {
      sql: `DELETE FROM ${table} WHERE ${key} IN (SELECT ${columns} FROM ${table} WHERE ${match.sql} LIMIT ?)
            RETURNING 1 AS gone`,
      params: [...match.params, room],
    };
    deleted += rows.length;
    if (rows.length === room) return { deleted, finished: false, reinstalled: false };
  }
  yield* clearTeamUninstalled(team);
  return { deleted, finished: true, reinstalled: false };
}
