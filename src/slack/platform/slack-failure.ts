// Sorts a failed Slack call into what the sender should do next: the job's outcome kinds
// (jobs/follow-up-job.ts), decided here so the job knows no Slack. Classification is by code
// only, so nothing Slack echoed back (which could include message text) reaches the logs.

import { ErrorCode, isReboundError } from '../../errors.js';
import type { SendOutcome } from '../../jobs/follow-up-job.js';

export type SlackFailure = Exclude<SendOutcome, { kind: 'delivered' }>;

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
  if (isReboundError(error)) return { kind: 'not_delivered', code: error.code };
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
      return TRANSIENT_PLATFORM_ERRORS.has(code)
        ? { kind: 'not_delivered', code }
        : { kind: 'permanent', code };
    }
    case 'slack_webapi_http_error': {
      const status = typeof e.statusCode === 'number' ? e.statusCode : 0;
      // 4xx other than 408/429 means the request itself is wrong: retrying cannot help.
      if (status >= 400 && status < 500 && status !== 408 && status !== 429)
        return { kind: 'permanent', code: `http_${status}` };
      return { kind: 'maybe_delivered', code: `http_${status}` };
    }
    case 'slack_webapi_request_error': {
      const original = typeof e.original?.code === 'string' ? e.original.code : 'request_error';
      return { kind: 'maybe_delivered', code: original };
    }
    default:
      return { kind: 'maybe_delivered', code: 'unexpected' };
  }
}
