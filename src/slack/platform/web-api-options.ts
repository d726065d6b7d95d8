// Every Web API client Rebound makes, and how each talks to Slack, in one place. The three
// differ by who is waiting: a person in Slack (3 s), a person in a browser, or nobody (the job).

import type { Logger, webApi } from '@slack/bolt';

export interface SlackApi {
  /** Another Web API base URL (the emulator), or null for Slack's own. */
  apiUrl: string | null;
  /** Logger for Slack's SDK (floored at info: it logs payloads at debug). */
  slackLogger: Logger;
}

function base(api: SlackApi): webApi.WebClientOptions {
  return { ...(api.apiUrl ? { slackApiUrl: api.apiUrl } : {}), logger: api.slackLogger };
}

/** A Web API call inside a listener gives up after this: a trigger_id lives 3 s. */
export const INTERACTIVE_TIMEOUT_MS = 2500;

/**
 * The clients Bolt hands listeners: interactive work must finish within Slack's 3 s. Bolt
 * shares one client per workspace, and a client that waits out a 429 pauses its whole queue,
 * so one person's Retry-After would hold up everyone's modal: a 429 fails that one call
 * instead. `fetch` is also what Bolt's respond() posts response_urls with, so it gets the
 * same timeout.
 */
export function interactiveClientOptions(api: SlackApi, retries = 2): webApi.WebClientOptions {
  const { logger: _logger, ...options } = base(api);
  return {
    ...options,
    retryConfig: { retries, factor: 2, minTimeout: 200, maxTimeout: 1000 },
    rejectRateLimitedCalls: true,
    timeout: INTERACTIVE_TIMEOUT_MS,
    fetch: fetchWithTimeout(INTERACTIVE_TIMEOUT_MS),
  };
}

/** fetch that gives up after `ms` unless the caller brought its own signal (the WebClient does). */
export function fetchWithTimeout(ms: number): webApi.FetchFunction {
  return (url, init) =>
    fetch(url, {
      ...init,
      signal: init?.signal ?? AbortSignal.timeout(ms),
    } as RequestInit) as ReturnType<webApi.FetchFunction>;
}

/** The follow-up job's call timeout: 15 s, or a third of a shorter lease so no call outlives it. */
export function jobCallTimeoutMs(leaseMs: number): number {
  return Math.max(100, Math.min(15_000, Math.floor(leaseMs / 3)));
}

/** The longest a follow-up DM's chat.postMessage may take before the job gives up on its answer. */
export const JOB_CLIENT_TIMEOUT_MS = 15_000;

/** The follow-up job's clients: they fail fast, since the job retries and honours Retry-After itself. */
export function jobClientOptions(api: SlackApi, timeoutMs = JOB_CLIENT_TIMEOUT_MS): webApi.WebClientOptions {
  return { ...base(api), retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: timeoutMs };
}

/** The OAuth redirect's oauth.v2.access: a person waits in the browser, so answer within seconds. */
export function oauthClientOptions(api: SlackApi): Omit<webApi.WebClientOptions, 'logger' | 'logLevel'> {
  const { logger: _logger, ...options } = base(api);
  return {
    ...options,
    retryConfig: { retries: 1, factor: 2, minTimeout: 200, maxTimeout: 1000 },
    rejectRateLimitedCalls: true,
    timeout: 10_000,
  };
}
