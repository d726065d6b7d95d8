// A command or a Home visit can only come from a workspace where Rebound is installed. If
// that workspace had uninstalled it before, it came back: forget the uninstall, so the
// retention purge never deletes the data of a team that is using Rebound again.
//
// That check was a write after every command. Each app instance (one TeamInstalls, built in
// app.ts) now remembers, for ten minutes, the teams it has already confirmed; the purge waits
// days, so a team marked uninstalled elsewhere in the meantime is cleared long before its
// data is at risk.

import type { Context, Logger } from '@slack/bolt';
import type { TeamScope } from '../../domain/types.js';
import { errorCode } from '../../error-code.js';
import type { Store } from '../../store/store.js';
import { teamScopeFromContext } from './scope.js';

export const CONFIRMED_FOR_MS = 10 * 60_000;

export interface TeamInstalls {
  /** The request's team uses Rebound: clear its uninstall mark (at most once per ten minutes). */
  note(context: Context): Promise<void>;
  /** This instance just saw the team uninstall: its next command must check again. */
  forget(team: TeamScope): void;
}

export function createTeamInstalls(deps: { store: Store; clock: () => Date; logger: Logger }): TeamInstalls {
  /** Team key → when it was last confirmed installed. */
  const confirmed = new Map<string, number>();
  return {
    async note(context) {
      try {
        const team = teamScopeFromContext(context);
        const key = teamKey(team);
        const now = deps.clock().getTime();
        const last = confirmed.get(key);
        if (last !== undefined && now - last >= 0 && now - last < CONFIRMED_FOR_MS) return;
        if (await deps.store.clearTeamUninstalled(team)) {
          deps.logger.info(
            `Workspace ${team.teamId ?? team.enterpriseId} uses Rebound again; its data is kept.`,
          );
        }
        confirmed.set(key, now);
      } catch (error) {
        deps.logger.warn('Could not note that the workspace uses Rebound:', errorCode(error));
      }
    },
    forget(team) {
      confirmed.delete(teamKey(team));
    },
  };
}

function teamKey(team: TeamScope): string {
  return `${team.enterpriseId ?? ''}/${team.teamId ?? ''}`;
}
