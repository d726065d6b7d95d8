// Every Web API client Rebound makes, and how each talks to Slack, in one place. The three
// differ by who is waiting: a person in Slack (3 s), a person in a browser, or nobody (the job).
// Each gives up through fetchWithTimeout, not the WebClient's own `timeout` (see there).

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
 * instead. `fetch` is also what Bolt's respond() posts response_urls with, so those get the
 * same timeout.
 */
export function interactiveClientOptions(api: SlackApi, retries = 2): webApi.WebClientOptions {
  const { logger: _logger, ...options } = base(api);
  return {
    ...options,
    retryConfig: { retries, factor: 2, minTimeout: 200, maxTimeout: 1000 },
    rejectRateLimitedCalls: true,
    fetch: fetchWithTimeout(INTERACTIVE_TIMEOUT_MS),
  };
}

/** The ways a Response's body is read (`bytes` where node has it). */
const BODY_READERS = ['arrayBuffer', 'blob', 'bytes', 'formData', 'json', 'text'] as const;

/**
 * fetch that gives up after `ms` on the whole exchange, the answer's body included (unless
 * the caller brings its own signal), and stops its timer as soon as the body has been read.
 * The WebClient's own `timeout` arms AbortSignal.timeout for every call and leaves it to fire
 * `ms` later on a call long done; under load that cost each `/rejected` about 3 % of its
 * CPU, and copying every body into a new Response to time it cost as much (BENCHMARKS.md).
 */
export function fetchWithTimeout(ms: number): webApi.FetchFunction {
  return (async (url: string, init?: RequestInit) => {
    if (init?.signal) return fetch(url, init);
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new DOMException(`No answer within ${ms} ms`, 'TimeoutError')),
      ms,
    );
    let response: Response;
    try {
      response = await fetch(url, { ...init, signal: controller.signal });
    } catch (error) {
      clearTimeout(timer);
      throw error;
    }
    // A body can stall after its headers: the timer runs on until it has been read.
    const stop = () => clearTimeout(timer);
    for (const name of BODY_READERS) {
      const read = (response as unknown as Record<string, unknown>)[name];
      if (typeof read !== 'function') continue;
      Object.defineProperty(response, name, {
        value: (...args: unknown[]) => (read.apply(response, args) as Promise<unknown>).finally(stop),
      });
    }
    return response;
  }) as unknown as webApi.FetchFunction;
}

/** The follow-up job's call timeout: 15 s, or a third of a shorter lease so no call outlives it. */
export function jobCallTimeoutMs(leaseMs: number): number {
  return Math.max(100, Math.min(15_000, Math.floor(leaseMs / 3)));
}

/** The longest a follow-up DM's chat.postMessage may take before the job gives up on its answer. */
export const JOB_CLIENT_TIMEOUT_MS = 15_000;

/** The follow-up job's clients: they fail fast, since the job retries and honours Retry-After itself. */
export function jobClientOptions(api: SlackApi, timeoutMs = JOB_CLIENT_TIMEOUT_MS): webApi.WebClientOptions {
  return {
    ...base(api),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    fetch: fetchWithTimeout(timeoutMs),
  };
}

/** The OAuth redirect's oauth.v2.access: a person waits in the browser, so answer within seconds. */
export function oauthClientOptions(api: SlackApi): Omit<webApi.WebClientOptions, 'logger' | 'logLevel'> {
  const { logger: _logger, ...options } = base(api);
  return {
    ...options,
    retryConfig: { retries: 1, factor: 2, minTimeout: 200, maxTimeout: 1000 },
    rejectRateLimitedCalls: true,
    fetch: fetchWithTimeout(10_000),
  };
}
