// Rebound lost its bot token for a workspace (app_uninstalled, or tokens_revoked listing the
// bot): every pending follow-up there is cancelled at once, since none could be delivered. An
// uninstall is also remembered, so the retention job deletes the workspace's data once
// DATA_RETENTION_DAYS have passed (unless it installs Rebound again first).

import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { TeamScope } from '../../domain/types.js';
import type { ListenerDeps } from '../platform/deps.js';
import { teamScopeFromContext } from '../platform/scope.js';

type Args<E extends 'app_uninstalled' | 'tokens_revoked'> = AllMiddlewareArgs & SlackEventMiddlewareArgs<E>;

function describe(team: TeamScope): string {
  return team.teamId ?? `org ${team.enterpriseId}`;
}

async function stopFollowUps(deps: ListenerDeps, team: TeamScope, why: string): Promise<void> {
  const stopped = await deps.store.stopTeamFollowUps(team, deps.clock());
  deps.logger.info(`${why} in ${describe(team)}: ${stopped} pending follow-up(s) cancelled.`);
}

export function appUninstalledCallback(deps: ListenerDeps) {
  return async ({ context }: Args<'app_uninstalled'>): Promise<void> => {
    const team = teamScopeFromContext(context);
    await stopFollowUps(deps, team, 'Rebound was uninstalled');
    await deps.store.markTeamUninstalled(team, deps.clock());
    deps.teamInstalls.forget(team);
  };
}

export function tokensRevokedCallback(deps: ListenerDeps) {
  return async ({ event, context }: Args<'tokens_revoked'>): Promise<void> => {
    // Follow-ups are DMs sent with the bot token. Rebound keeps no user tokens, so a person
    // revoking theirs (tokens.oauth) changes nothing for it; only a revoked bot token does.
    const bot = event.tokens.bot;
    if (!Array.isArray(bot) || bot.length === 0) return;
    await stopFollowUps(deps, teamScopeFromContext(context), 'The bot token was revoked');
  };
}
