// oauth.v2.access: exchanges the code an install approval produced (TeamRegistry) for that
// workspace's bot token, or (token rotation) a refresh token for a new token and refresh
// token, checking the app's client credentials the way Slack does.

import { stringParam } from './http-body.js';
import type { TeamRecord, TokenGrant } from './teams.js';
import type { JsonObject } from './types.js';
import { fail, type MethodSpec, ok } from './web-api-result.js';
import { BOT_USER_ID, type Workspace } from './workspace.js';

const oauthV2Access: MethodSpec = {
  token: 'none',
  handle(workspace, params) {
    const { clientId, clientSecret } = workspace.options;
    if (clientId === undefined || stringParam(params, 'client_id') !== clientId)
      return fail('invalid_client_id');
    if (stringParam(params, 'client_secret') !== clientSecret) return fail('bad_client_secret');
    if (stringParam(params, 'grant_type') === 'refresh_token') {
      const refreshed = workspace.teams.refresh(stringParam(params, 'refresh_token'));
      const team = refreshed && workspace.teams.get(refreshed.teamId);
      if (!refreshed || !team) return fail('invalid_refresh_token');
      return ok(tokenAnswer(workspace, team, refreshed.grant, refreshed.scopes));
    }
    const grant = workspace.teams.redeemCode(stringParam(params, 'code'));
    if (grant === undefined) return fail('invalid_code');
    const { team } = grant;
    return ok({
      ...tokenAnswer(workspace, team, workspace.teams.install(team.id, grant.scopes), grant.scopes),
      authed_user: { id: grant.userId },
    });
  },
};

function tokenAnswer(
  workspace: Workspace,
  team: TeamRecord,
  grant: TokenGrant,
  scopes: string[],
): JsonObject {
  return {
    access_token: grant.accessToken,
    token_type: 'bot',
    scope: scopes.join(','),
    bot_user_id: BOT_USER_ID,
    app_id: workspace.options.appId,
    // An org-wide install names the org only, as Slack's oauth.v2.access does.
    team: team.orgWide ? null : { id: team.id, name: team.name },
    enterprise: team.orgWide
      ? { id: team.id, name: team.name }
      : team.enterpriseId
        ? { id: team.enterpriseId, name: 'Emulated Enterprise' }
        : null,
    is_enterprise_install: team.orgWide === true,
    ...(grant.refreshToken !== undefined
      ? { refresh_token: grant.refreshToken, expires_in: grant.expiresIn }
      : {}),
  };
}

export const OAUTH_METHODS: Record<string, MethodSpec> = { 'oauth.v2.access': oauthV2Access };
