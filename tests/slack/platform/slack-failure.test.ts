// How each failed Slack call is sorted: what was surely not done, what may have been done
// (look before sending again), what is "not now", and what will never work.

import { webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { ErrorCode, ReboundError } from '../../../src/errors.js';
import { classifyLookupFailure, classifySlackFailure } from '../../../src/slack/platform/slack-failure.js';

const platform = (error: string, extra: object = {}) => ({
  code: webApi.ErrorCode.PlatformError,
  data: { ok: false, error, ...extra },
});
const http = (statusCode: number) => ({ code: webApi.ErrorCode.HTTPError, statusCode });
const request = (code: string) => ({ code: webApi.ErrorCode.RequestError, original: { code } });

describe('classifySlackFailure (a write: chat.postMessage)', () => {
  it.each([
    ['internal_error', platform('internal_error')],
    ['fatal_error', platform('fatal_error')],
    ['http_500', http(500)],
    ['http_502', http(502)],
    ['ECONNRESET', request('ECONNRESET')],
    ['ETIMEDOUT', request('ETIMEDOUT')],
    ['unexpected', new Error('something else')],
  ])('%s may have been posted', (code, error) => {
    expect(classifySlackFailure(error)).toEqual({ kind: 'maybe_delivered', code });
  });

  it.each([
    ['service_unavailable', platform('service_unavailable')],
    ['request_timeout', platform('request_timeout')],
    // A rotating token that expired: the next attempt refreshes it first.
    ['token_expired', platform('token_expired')],
    [ErrorCode.TokenRefreshFailed, new ReboundError(ErrorCode.TokenRefreshFailed, 'refused')],
    [ErrorCode.StoreUnavailable, new ReboundError(ErrorCode.StoreUnavailable, 'down')],
  ])('%s was surely not posted and may be retried', (code, error) => {
    expect(classifySlackFailure(error)).toEqual({ kind: 'not_delivered', code });
  });

  it('reads Retry-After of any length from a 429, and treats a platform `ratelimited` as one', () => {
    for (const seconds of [0, 1, 30, 3600])
      expect(classifySlackFailure({ code: webApi.ErrorCode.RateLimitedError, retryAfter: seconds })).toEqual({
        kind: 'rate_limited',
        code: 'ratelimited',
        retryAfterMs: seconds * 1000,
      });
    expect(classifySlackFailure(platform('ratelimited'))).toMatchObject({ kind: 'rate_limited' });
  });

  it.each(['user_not_found', 'account_inactive', 'cannot_dm_bot', 'token_revoked', 'invalid_auth'])(
    '%s will never work',
    (code) => {
      expect(classifySlackFailure(platform(code))).toEqual({ kind: 'permanent', code });
    },
  );

  it('names the scope a missing_scope needs, and only a scope-like value', () => {
    expect(classifySlackFailure(platform('missing_scope', { needed: 'im:history' }))).toEqual({
      kind: 'permanent',
      code: 'missing_scope',
      neededScope: 'im:history',
    });
    expect(classifySlackFailure(platform('missing_scope', { needed: '<script>' }))).toEqual({
      kind: 'permanent',
      code: 'missing_scope',
    });
  });

  it('an uninstalled workspace (distributed mode) is permanent; a 4xx other than 408/429 too', () => {
    expect(classifySlackFailure(new ReboundError(ErrorCode.NotInstalled, 'gone'))).toMatchObject({
      kind: 'permanent',
    });
    expect(classifySlackFailure(http(404))).toEqual({ kind: 'permanent', code: 'http_404' });
    expect(classifySlackFailure(http(408))).toEqual({ kind: 'maybe_delivered', code: 'http_408' });
  });
});

describe('classifyLookupFailure (a read: conversations.history)', () => {
  it('ambiguous and transient failures only mean "could not tell this time"', () => {
    for (const error of [
      platform('internal_error'),
      http(503),
      request('ECONNRESET'),
      platform('service_unavailable'),
    ])
      expect(classifyLookupFailure(error).kind).toBe('unknown');
  });

  it('missing_scope, user_not_found and a revoked token mean it can never tell', () => {
    expect(classifyLookupFailure(platform('missing_scope', { needed: 'im:history' }))).toEqual({
      kind: 'permanent',
      code: 'missing_scope',
      neededScope: 'im:history',
    });
    expect(classifyLookupFailure(platform('user_not_found')).kind).toBe('permanent');
    expect(classifyLookupFailure(platform('token_revoked')).kind).toBe('permanent');
  });
});
