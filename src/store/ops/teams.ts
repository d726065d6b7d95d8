// Whole workspaces: stopping their follow-ups when Rebound loses its token, and deleting their
// data once they have been uninstalled for longer than the retention period.

import type { TeamScope } from '../../domain/types.js';
import type { Operation } from '../driver.js';
import { toMillis } from '../rows.js';
import { teamKey, teamMatch } from './team-match.js';
import { USER_TABLES } from './user-data.js';

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

/**
 * Run inside a transaction. Deletes every record of each team uninstalled at or before
 * `before`, then its mark; returns how many teams were purged.
 */
export function* purgeUninstalledTeams(before: Date): Operation<number> {
  const due = yield {
    sql: `SELECT team_id, enterprise_id FROM uninstalled_teams WHERE uninstalled_at <= ?
          ORDER BY uninstalled_at, team_id, enterprise_id`,
    params: [toMillis(before)],
  };
  for (const row of due) {
    const team: TeamScope = {
      teamId: String(row.team_id) || null,
      enterpriseId: String(row.enterprise_id) || null,
    };
    const match = teamMatch(team);
    for (const table of USER_TABLES) {
      yield { sql: `DELETE FROM ${table} WHERE ${match.sql}`, params: match.params };
    }
    yield* clearTeamUninstalled(team);
  }
  return due.length;
}
