// Wires runDueFollowUps to Slack: Web API clients of its own that fail fast (the job does
// its own retries and honours Retry-After itself) and this instance's lease owner name.
// With one bot token every DM goes out with it; in distributed mode each follow-up goes out
// with the token of its own workspace's installation.

import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { type Logger, webApi } from '@slack/bolt';
import type { Config } from '../../config.js';
import { ErrorCode, ReboundError } from '../../errors.js';
import {
  type FollowUpDms,
  type FollowUpJobOptions,
  runDueFollowUps,
  type TickReport,
} from '../../jobs/follow-up-job.js';
import type { Store } from '../../store/store.js';
import type { TeamClients } from '../installs/team-clients.js';
import { buildFollowUpMessage } from './message.js';
import { createFollowUpDms } from './sender.js';

/** How the job's clients talk to Slack; also used for the per-workspace clients. */
export function followUpClientOptions(config: Config, slackLogger: Logger): webApi.WebClientOptions {
  return {
    ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
    logger: slackLogger,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 15_000,
  };
}

/** Sends each follow-up with its workspace's client; `not_installed` (permanent) when there is none. */
export function createTeamRoutedDms(clients: TeamClients<webApi.WebClient>): FollowUpDms {
  const dmsFor = async (scope: { teamId: string; enterpriseId: string | null }) => {
    const client = await clients.clientFor(scope);
    return client ? createFollowUpDms(client) : null;
  };
  return {
    async send(followUp, message) {
      const dms = await dmsFor(followUp.scope);
      if (!dms)
        throw new ReboundError(
          ErrorCode.NotInstalled,
          `Rebound is not installed for team ${followUp.scope.teamId}`,
        );
      return dms.send(followUp, message);
    },
    // Without an installation nothing can be looked up; send() then fails for good.
    async findDelivered(followUp) {
      const dms = await dmsFor(followUp.scope);
      return dms ? dms.findDelivered(followUp) : null;
    },
  };
}

export function createFollowUpJob(input: {
  /** Logger for Slack's SDK (floored at info: it logs payloads at debug). */
  slackLogger: Logger;
  config: Config;
  store: Store;
  clock: () => Date;
  logger: Logger;
  /** Distributed mode: per-workspace clients. Without it the job uses config.slack.botToken. */
  teamClients?: TeamClients<webApi.WebClient>;
  options?: Partial<FollowUpJobOptions> & { sleep?: (ms: number) => Promise<void> };
}): (now: Date) => Promise<TickReport> {
  const { config, store, clock, logger, options } = input;
  const dms = input.teamClients
    ? createTeamRoutedDms(input.teamClients)
    : createFollowUpDms(
        new webApi.WebClient(
          config.slack.botToken ?? undefined,
          followUpClientOptions(config, input.slackLogger),
        ),
      );
  const owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const { sleep, ...jobOptions } = options ?? {};
  return (now) =>
    runDueFollowUps(
      {
        store,
        dms,
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
