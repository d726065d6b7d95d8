// The shape of a Web API answer and the helpers method handlers share.

import type { TeamRecord } from './teams.js';
import type { JsonObject } from './types.js';
import type { Workspace } from './workspace.js';

export type ApiResult = JsonObject & { ok: boolean; error?: string };

export interface MethodSpec {
  /** Which token Slack accepts for the method; `none` for oauth.v2.access (client credentials instead). */
  token: 'bot' | 'app' | 'none';
  /** `team` is the workspace of the calling bot token. */
  handle: (workspace: Workspace, params: JsonObject, team: TeamRecord | undefined) => ApiResult;
}

export function ok(fields: JsonObject = {}): ApiResult {
  return { ok: true, ...fields };
}

/** Slack explains invalid_arguments in response_metadata.messages. */
export function fail(error: string, messages?: string[]): ApiResult {
  return messages ? { ok: false, error, response_metadata: { messages } } : { ok: false, error };
}

/** Slack's wording for schema problems, e.g. "[ERROR] blocks[0].text.text: 3001 chars > 3000". */
export function invalidArguments(problems: string[]): ApiResult {
  return fail(
    'invalid_arguments',
    problems.map((problem) => `[ERROR] ${problem}`),
  );
}
