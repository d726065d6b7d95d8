// Slack keeps workspaces apart: a bot token of one workspace cannot DM, look up or open a
// modal for a user of another. A call that tries is answered as Slack would (the user or
// channel is not found) and recorded as a problem: it is the app's bug. The exception is
// Slack Connect: a workspace's bot reaches the members of a workspace it shares a channel
// with (docs.slack.dev/apis/slack-connect, "External members").

import type { JsonObject } from './types.js';
import type { Workspace } from './workspace.js';

export interface ForeignTarget {
  userId: string;
  teamId: string;
  error: string;
}

export function foreignTarget(
  workspace: Workspace,
  params: JsonObject,
  callerTeamId: string,
): ForeignTarget | undefined {
  const userIds = (value: unknown): string[] =>
    typeof value === 'string' ? value.split(',').filter((id) => workspace.users.has(id)) : [];
  const channel = typeof params.channel === 'string' ? params.channel : '';
  const targets: [string[], string][] = [
    [userIds(channel.startsWith('D') ? channel.slice(1) : channel), 'channel_not_found'],
    [userIds(params.user), 'user_not_found'],
    [userIds(params.user_id), 'user_not_found'],
    [userIds(params.users), 'user_not_found'],
    [userIds(workspace.triggers.ownerOf(params.trigger_id)), 'invalid_trigger_id'],
    [userIds(viewOwner(workspace, params.view_id)), 'not_found'],
  ];
  const org = workspace.teams.get(callerTeamId)?.orgWide === true;
  for (const [ids, error] of targets) {
    for (const userId of ids) {
      const spec = workspace.users.get(userId)?.spec;
      // An org-wide install's token serves every workspace of its org.
      if (org && spec?.enterpriseId === callerTeamId) continue;
      const teamId = spec?.teamId;
      if (teamId !== undefined && teamId !== callerTeamId && !workspace.connected(callerTeamId, teamId))
        return { userId, teamId, error };
    }
  }
  return undefined;
}

function viewOwner(workspace: Workspace, viewId: unknown): string | undefined {
  return typeof viewId === 'string' ? workspace.findView(viewId, undefined)?.user.spec.id : undefined;
}
