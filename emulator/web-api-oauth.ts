// oauth.v2.access: exchanges the code an install approval produced (TeamRegistry) for that
// workspace's bot token, checking the app's client credentials the way Slack does.

import { stringParam } from './http-body.js';
import { fail, type MethodSpec, ok } from './web-api-result.js';
import { BOT_USER_ID } from './workspace.js';

const oauthV2Access: MethodSpec = {
  token: 'none',
  handle(workspace, params) {
    const { clientId, clientSecret, appId } = workspace.options;
    if (clientId === undefined || stringParam(params, 'client_id') !== clientId)
      return fail('invalid_client_id');
    if (stringParam(params, 'client_secret') !== clientSecret) return fail('bad_client_secret');
    const grant = workspace.teams.redeemCode(stringParam(params, 'code'));
    if (grant === undefined) return fail('invalid_code');
    const { team } = grant;
    return ok({
      access_token: workspace.teams.install(team.id),
      token_type: 'bot',
      scope: grant.scopes.join(','),
      bot_user_id: BOT_USER_ID,
      app_id: appId,
      team: { id: team.id, name: team.name },
      enterprise: team.enterpriseId ? { id: team.enterpriseId, name: 'Emulated Enterprise' } : null,
      authed_user: { id: grant.userId },
      is_enterprise_install: false,
    });
  },
};

export const OAUTH_METHODS: Record<string, MethodSpec> = { 'oauth.v2.access': oauthV2Access };
