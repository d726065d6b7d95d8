// Sorts a failed Slack call into what the sender should do next. Classification is by code
// only, so nothing Slack echoed back (which could include message text) reaches the logs.

import { ErrorCode, isReboundError } from '../../errors.js';

export type SlackFailure =
  /** Slack said "not now": wait `retryAfterMs`, the message was not posted. */
  | { kind: 'rate_limited'; code: 'ratelimited'; retryAfterMs: number }
  /** Slack may or may not have posted (5xx, reset, timeout): check before sending again. */
  | { kind: 'ambiguous'; code: string }
  /** Slack refused and will refuse again (user_not_found, account_inactive, cannot_dm_bot…). */
  | { kind: 'permanent'; code: string }
  /** Slack refused this time only (internal_error and friends); nothing was posted. */
  | { kind: 'transient'; code: string };

/** Platform errors (HTTP 200, ok:false) that are worth another try. */
const TRANSIENT_PLATFORM_ERRORS = new Set([
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'ratelimited',
]);

export function classifySlackFailure(error: unknown): SlackFailure {
  // Ours, before Slack was called: no installation for the workspace (distributed mode) will
  // not fix itself; anything else (the store, an installation that would not decrypt) may.
  if (isReboundError(error, ErrorCode.NotInstalled)) return { kind: 'permanent', code: error.code };
  if (isReboundError(error)) return { kind: 'transient', code: error.code };
  const e = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: unknown;
    data?: { error?: unknown };
    retryAfter?: unknown;
    statusCode?: unknown;
    original?: { code?: unknown };
  };
  switch (e.code) {
    case 'slack_webapi_rate_limited_error': {
      const seconds = typeof e.retryAfter === 'number' && e.retryAfter >= 0 ? e.retryAfter : 1;
      return { kind: 'rate_limited', code: 'ratelimited', retryAfterMs: seconds * 1000 };
    }
    case 'slack_webapi_platform_error': {
      const code = typeof e.data?.error === 'string' ? e.data.error : 'unknown_error';
      return TRANSIENT_PLATFORM_ERRORS.has(code) ? { kind: 'transient', code } : { kind: 'permanent', code };
    }
    case 'slack_webapi_http_error': {
      const status = typeof e.statusCode === 'number' ? e.statusCode : 0;
      // 4xx other than 408/429 means the request itself is wrong: retrying cannot help.
      if (status >= 400 && status < 500 && status !== 408 && status !== 429)
        return { kind: 'permanent', code: `http_${status}` };
      return { kind: 'ambiguous', code: `http_${status}` };
    }
    case 'slack_webapi_request_error': {
      const original = typeof e.original?.code === 'string' ? e.original.code : 'request_error';
      return { kind: 'ambiguous', code: original };
    }
    default:
      return { kind: 'ambiguous', code: 'unexpected' };
  }
}
