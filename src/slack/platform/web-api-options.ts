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

/** The clients Bolt hands listeners: interactive work must finish within Slack's 3 s. */
export function interactiveClientOptions(api: SlackApi, retries = 2): webApi.WebClientOptions {
  const { logger: _logger, ...options } = base(api);
  return { ...options, retryConfig: { retries, factor: 2, minTimeout: 200, maxTimeout: 1000 } };
}

/** The longest a follow-up DM's chat.postMessage may take before the job gives up on its answer. */
export const JOB_CLIENT_TIMEOUT_MS = 15_000;

/** The follow-up job's clients: they fail fast, since the job retries and honours Retry-After itself. */
export function jobClientOptions(api: SlackApi): webApi.WebClientOptions {
  return {
    ...base(api),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: JOB_CLIENT_TIMEOUT_MS,
  };
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
