// Wires runDueFollowUps to Slack: a Web API client of its own that fails fast (the job does
// its own retries and honours Retry-After itself) and this instance's lease owner name.

import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { type Logger, webApi } from '@slack/bolt';
import type { Config } from '../config.js';
import { createFollowUpDms } from '../slack/follow-up-dms.js';
import { buildFollowUpMessage } from '../slack/views/follow-up-message.js';
import type { Store } from '../store/store.js';
import { type FollowUpJobOptions, runDueFollowUps, type TickReport } from './follow-ups.js';

export function createFollowUpJob(input: {
  /** Logger for Slack's SDK (floored at info: it logs payloads at debug). */
  slackLogger: Logger;
  config: Config;
  store: Store;
  clock: () => Date;
  logger: Logger;
  options?: Partial<FollowUpJobOptions> & { sleep?: (ms: number) => Promise<void> };
}): (now: Date) => Promise<TickReport> {
  const { config, store, clock, logger, options } = input;
  const client = new webApi.WebClient(config.slack.botToken, {
    ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
    logger: input.slackLogger,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 15_000,
  });
  const owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const { sleep, ...jobOptions } = options ?? {};
  return (now) =>
    runDueFollowUps(
      {
        store,
        dms: createFollowUpDms(client),
        compose: buildFollowUpMessage,
        logger,
        owner,
        clock,
        ...(sleep ? { sleep } : {}),
        options: { leaseMs: config.followUpLeaseSeconds * 1000, ...jobOptions },
      },
      now,
    );
}
