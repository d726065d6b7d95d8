// Matching every record of a workspace, or of a whole Grid org, for uninstall and retention.

import type { TeamScope } from '../../domain/types.js';
import { ErrorCode, ReboundError } from '../../errors.js';

/** A WHERE clause (and its parameters) matching every record of `team`. */
export function teamMatch(team: TeamScope): { sql: string; params: string[] } {
  if (team.teamId !== null) {
    return { sql: 'team_id = ? AND enterprise_id = ?', params: [team.teamId, team.enterpriseId ?? ''] };
  }
  // An org-wide install: its users' records carry their own workspace, or the org itself.
  if (!team.enterpriseId) throw new ReboundError(ErrorCode.InvalidPayload, 'team scope names no team');
  // `<> ''` lets the engines use the partial indexes on Grid rows only (migration 17).
  return { sql: "enterprise_id <> '' AND enterprise_id = ?", params: [team.enterpriseId] };
}

/** The columns a team is stored under: '' stands for "none", as enterprise_id does elsewhere. */
export function teamKey(team: TeamScope): [string, string] {
  if (team.teamId === null && !team.enterpriseId)
    throw new ReboundError(ErrorCode.InvalidPayload, 'team scope names no team');
  return [team.teamId ?? '', team.enterpriseId ?? ''];
}
