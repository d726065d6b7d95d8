// The Web API methods the emulator answers, and Slack's token rules for calling them.

import type { JsonObject } from './types.js';
import { CHAT_METHODS } from './web-api-chat.js';
import { FILE_METHODS } from './web-api-files.js';
import { MISC_METHODS } from './web-api-misc.js';
import { type ApiResult, fail, type MethodSpec } from './web-api-result.js';
import { VIEW_METHODS } from './web-api-views.js';
import type { Workspace } from './workspace.js';

export const METHODS: Record<string, MethodSpec> = {
  ...MISC_METHODS,
  ...VIEW_METHODS,
  ...CHAT_METHODS,
  ...FILE_METHODS,
};

/** Bearer header first, then a `token` param (both are how Slack accepts tokens). */
export function tokenOf(authorization: string | undefined, params: JsonObject): string | undefined {
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (bearer) return bearer;
  return typeof params.token === 'string' && params.token !== '' ? params.token : undefined;
}

/** Slack's answers: no token → not_authed; unknown → invalid_auth; the other kind → not_allowed_token_type. */
export function checkToken(
  workspace: Workspace,
  spec: MethodSpec,
  token: string | undefined,
): ApiResult | undefined {
  const { botToken, appToken } = workspace.options;
  if (token === undefined) return fail('not_authed');
  if (token !== botToken && token !== appToken) return fail('invalid_auth');
  const expected = spec.token === 'app' ? appToken : botToken;
  return token === expected ? undefined : fail('not_allowed_token_type');
}

export function callMethod(
  workspace: Workspace,
  method: string,
  params: JsonObject,
  token: string | undefined,
): ApiResult {
  const spec = METHODS[method];
  if (spec === undefined) return fail('unknown_method');
  return checkToken(workspace, spec, token) ?? spec.handle(workspace, params);
}
