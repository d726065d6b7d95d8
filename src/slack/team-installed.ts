// A command or a Home visit can only come from a workspace where Rebound is installed. If
// that workspace had uninstalled it before, it came back: forget the uninstall, so the
// retention purge never deletes the data of a team that is using Rebound again.

import type { Context } from '@slack/bolt';
import { errorCode } from '../error-code.js';
import type { ListenerDeps } from './listeners/deps.js';
import { teamScopeFromContext } from './scope.js';

export async function noteTeamInstalled(deps: ListenerDeps, context: Context): Promise<void> {
  try {
    const team = teamScopeFromContext(context);
    if (await deps.store.clearTeamUninstalled(team)) {
      deps.logger.info(`Workspace ${team.teamId ?? team.enterpriseId} uses Rebound again; its data is kept.`);
    }
  } catch (error) {
    deps.logger.warn('Could not note that the workspace uses Rebound:', errorCode(error));
  }
}
