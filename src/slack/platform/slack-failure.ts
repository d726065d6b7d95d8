// Sorts a failed Slack call into what the follow-up job should do next (its outcome kinds in
// jobs/follow-up-job.ts), decided here so the job knows no Slack. By code only, so nothing
// Slack echoed back (which could include message text) reaches the logs.
//
// A write (chat.postMessage) that fails ambiguously may have been done: Slack documents
// `internal_error` and `fatal_error` as "some part of the operation may have succeeded", and
// a timeout, a reset or a 5xx says nothing about whether the message went out. Those are
// `maybe_delivered`: the job looks in Slack before it sends again. A read has no such doubt:
// the same failures only mean "could not tell this time".

import { ErrorCode, isReboundError } from '../../errors.js';
import type { LookupOutcome, SendOutcome } from '../../jobs/follow-up-job.js';

export type SlackFailure = Exclude<SendOutcome, { kind: 'delivered' }>;
export type LookupFailure = Exclude<LookupOutcome, { kind: 'found' } | { kind: 'not_found' }>;

/** Slack's reference says the work may have been done although the answer is an error. */
const MAYBE_DONE_PLATFORM_ERRORS = new Set(['internal_error', 'fatal_error']);
/**
 * Refused before anything was done, and worth another try (`token_expired`: a rotating token
 * that the next attempt refreshes first).
 */
const TRANSIENT_PLATFORM_ERRORS = new Set(['service_unavailable', 'request_timeout', 'token_expired']);

/** What a failed chat.postMessage (or our own step before it) means for sending again. */
export function classifySlackFailure(error: unknown): SlackFailure {
  // Ours, before Slack was called: no installation for the workspace (distributed mode) will
  // not fix itself; anything else (the store, an installation that would not decrypt) may.
  if (isReboundError(error, ErrorCode.NotInstalled)) return { kind: 'permanent', code: error.code };
  if (isReboundError(error)) return { kind: 'not_delivered', code: error.code };
  const e = slackErrorShape(error);
  switch (e.code) {
    case 'slack_webapi_rate_limited_error':
      return { kind: 'rate_limited', code: 'ratelimited', retryAfterMs: retryAfterMs(e.retryAfter) };
    case 'slack_webapi_platform_error': {
      const code = typeof e.data?.error === 'string' ? e.data.error : 'unknown_error';
      if (code === 'ratelimited') return { kind: 'rate_limited', code, retryAfterMs: 1000 };
      if (MAYBE_DONE_PLATFORM_ERRORS.has(code)) return { kind: 'maybe_delivered', code };
      if (TRANSIENT_PLATFORM_ERRORS.has(code)) return { kind: 'not_delivered', code };
      return permanent(code, e.data?.needed);
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
      // Anything we do not recognise on a write: it may have gone out.
      return { kind: 'maybe_delivered', code: 'unexpected' };
  }
}

/** What a failed "was it already posted?" lookup means: try later, or never able to tell. */
export function classifyLookupFailure(error: unknown): LookupFailure {
  const failure = classifySlackFailure(error);
  if (failure.kind === 'maybe_delivered' || failure.kind === 'not_delivered')
    return { kind: 'unknown', code: failure.code };
  return failure;
}

function permanent(code: string, needed: unknown): SlackFailure {
  // missing_scope names the scope in `needed` (e.g. im:history on an app installed before it).
  return typeof needed === 'string' && /^[a-z:.,_-]{1,100}$/.test(needed)
    ? { kind: 'permanent', code, neededScope: needed }
    : { kind: 'permanent', code };
}

function retryAfterMs(seconds: unknown): number {
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 1000;
}

function slackErrorShape(error: unknown) {
  return (typeof error === 'object' && error !== null ? error : {}) as {
    code?: unknown;
    data?: { error?: unknown; needed?: unknown };
    retryAfter?: unknown;
    statusCode?: unknown;
    original?: { code?: unknown };
  };
}
