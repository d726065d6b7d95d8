// Rebound lost its bot token for a workspace (app_uninstalled, or tokens_revoked listing the
// bot): every pending follow-up there is cancelled at once, since none could be delivered. Both
// are also remembered as an uninstall, so the retention job deletes the workspace's data once
// DATA_RETENTION_DAYS have passed, unless it uses Rebound again first (a command, a click, a
// reinstall clears the mark). Each step is idempotent: Slack's retry of an event whose
// handling failed (event-dedupe.ts) runs it all again safely.

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

async function markUninstalled(deps: ListenerDeps, team: TeamScope): Promise<void> {
  await deps.store.markTeamUninstalled(team, deps.clock());
  deps.teamInstalls.forget(team);
}

export function appUninstalledCallback(deps: ListenerDeps) {
  return async ({ context }: Args<'app_uninstalled'>): Promise<void> => {
    const team = teamScopeFromContext(context);
    await stopFollowUps(deps, team, 'Rebound was uninstalled');
    await markUninstalled(deps, team);
  };
}

export function tokensRevokedCallback(deps: ListenerDeps) {
  return async ({ event, context }: Args<'tokens_revoked'>): Promise<void> => {
    // Follow-ups are DMs sent with the bot token. Rebound keeps no user tokens, so a person
    // revoking theirs (tokens.oauth) changes nothing for it; only a revoked bot token does.
    const bot = event.tokens.bot;
    if (!Array.isArray(bot) || bot.length === 0) return;
    const team = teamScopeFromContext(context);
    await stopFollowUps(deps, team, 'The bot token was revoked');
    await markUninstalled(deps, team);
  };
}
