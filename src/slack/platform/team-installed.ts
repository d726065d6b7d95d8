// A command or a Home visit can only come from a workspace where Rebound is installed. If
// that workspace had uninstalled it before, it came back: forget the uninstall, so the
// retention purge never deletes the data of a team that is using Rebound again.
//
// That check was a write after every command. Each app instance now remembers, for ten
// minutes, the teams it has already confirmed; the purge waits days, so a team marked
// uninstalled elsewhere in the meantime is still cleared long before its data is at risk.

import type { Context } from '@slack/bolt';
import type { TeamScope } from '../../domain/types.js';
import { errorCode } from '../../error-code.js';
import type { Store } from '../../store/store.js';
import type { ListenerDeps } from './deps.js';
import { teamScopeFromContext } from './scope.js';

export const CONFIRMED_FOR_MS = 10 * 60_000;

/** Per store (so per app instance): team key → when it was last confirmed installed. */
const confirmed = new WeakMap<Store, Map<string, number>>();

export async function noteTeamInstalled(deps: ListenerDeps, context: Context): Promise<void> {
  try {
    const team = teamScopeFromContext(context);
    const key = teamKey(team);
    const now = deps.clock().getTime();
    const seen = confirmed.get(deps.store) ?? new Map<string, number>();
    confirmed.set(deps.store, seen);
    const last = seen.get(key);
    if (last !== undefined && now - last >= 0 && now - last < CONFIRMED_FOR_MS) return;
    if (await deps.store.clearTeamUninstalled(team)) {
      deps.logger.info(`Workspace ${team.teamId ?? team.enterpriseId} uses Rebound again; its data is kept.`);
    }
    seen.set(key, now);
  } catch (error) {
    deps.logger.warn('Could not note that the workspace uses Rebound:', errorCode(error));
  }
}

/** This instance just saw the team uninstall: its next command must check again. */
export function forgetTeamConfirmation(store: Store, team: TeamScope): void {
  confirmed.get(store)?.delete(teamKey(team));
}

function teamKey(team: TeamScope): string {
  return `${team.enterpriseId ?? ''}/${team.teamId ?? ''}`;
}
