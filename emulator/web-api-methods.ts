// The Web API methods the emulator answers, and Slack's token rules for calling them.

import { foreignTarget } from './cross-team.js';
import type { JsonObject } from './types.js';
import { CHAT_METHODS } from './web-api-chat.js';
import { FILE_METHODS } from './web-api-files.js';
import { MISC_METHODS } from './web-api-misc.js';
import { OAUTH_METHODS } from './web-api-oauth.js';
import { type ApiResult, fail, type MethodSpec } from './web-api-result.js';
import { VIEW_METHODS } from './web-api-views.js';
import type { Workspace } from './workspace.js';

export const METHODS: Record<string, MethodSpec> = {
  ...MISC_METHODS,
  ...VIEW_METHODS,
  ...CHAT_METHODS,
  ...FILE_METHODS,
  ...OAUTH_METHODS,
};

/** Bearer header first, then a `token` param (both are how Slack accepts tokens). */
export function tokenOf(authorization: string | undefined, params: JsonObject): string | undefined {
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (bearer) return bearer;
  return typeof params.token === 'string' && params.token !== '' ? params.token : undefined;
}

/**
 * Slack's answers: no token → not_authed; revoked (uninstalled) → token_revoked; a rotating
 * token past its expiry → token_expired; unknown →
 * invalid_auth; the other kind → not_allowed_token_type. Any installed workspace's bot token works.
 */
export function checkToken(
  workspace: Workspace,
  spec: MethodSpec,
  token: string | undefined,
): ApiResult | undefined {
  if (spec.token === 'none') return undefined;
  if (token === undefined) return fail('not_authed');
  if (workspace.teams.isRevoked(token)) return fail('token_revoked');
  if (workspace.teams.isExpired(token)) return fail('token_expired');
  const kind = workspace.teams.teamOfToken(token)
    ? 'bot'
    : token === workspace.options.appToken
      ? 'app'
      : undefined;
  if (kind === undefined) return fail('invalid_auth');
  return kind === spec.token ? undefined : fail('not_allowed_token_type');
}

export function callMethod(
  workspace: Workspace,
  method: string,
  params: JsonObject,
  token: string | undefined,
): ApiResult {
  const spec = METHODS[method];
  if (spec === undefined) return fail('unknown_method');
  const refused = checkToken(workspace, spec, token);
  if (refused) return refused;
  const team = spec.token === 'bot' && token !== undefined ? workspace.teams.teamOfToken(token) : undefined;
  const foreign = team ? foreignTarget(workspace, params, team.id) : undefined;
  if (team && foreign) {
    workspace.problem(
      `${method}: workspace ${team.id}'s token used for user ${foreign.userId} of workspace ${foreign.teamId}`,
    );
    return fail(foreign.error);
  }
  return spec.handle(workspace, params, team);
}
