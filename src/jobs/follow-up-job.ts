// Sends the follow-up DMs that are due. A plain function of (deps, now): node-cron calls it
// from scheduler.ts, tests and the bench call it directly with their own clock.
//
// Exactly once: a follow-up is claimed under a lease before sending, and every DM carries
// the follow-up's id in its message metadata. Whenever Slack may already have posted it — a
// retry after a 5xx or a reset, or a lease taken over from a crashed instance — we look for
// that DM before sending again.

import type { Logger } from '@slack/bolt';
import type { FollowUp, Rejection, RejectionEntry } from '../domain/types.js';
import { errorCode } from '../error-code.js';
import { ErrorCode, isReboundError } from '../errors.js';
import { classifySlackFailure } from '../slack/platform/slack-failure.js';
import type { Store } from '../store/store.js';
import { forEachLimited } from './concurrency.js';

export interface DmMessage {
  text: string;
  blocks: unknown[];
}

export interface Delivery {
  channelId: string;
  messageTs: string;
}

/** The Slack side of sending a follow-up (see slack/follow-up-dms.ts). */
export interface FollowUpDms {
  send(followUp: FollowUp, message: DmMessage): Promise<Delivery>;
  /** The DM already posted for this follow-up, if Slack has it. */
  findDelivered(followUp: FollowUp): Promise<Delivery | null>;
}

export interface FollowUpJobOptions {
  /** Follow-ups claimed per store round trip. */
  batchSize: number;
  /** DMs in flight at once: slow Slack must not pile up work without bound. */
  concurrency: number;
  /** How long a claim holds; longer than the worst inline wait below. */
  leaseMs: number;
  /** Attempts (ticks) before a follow-up that keeps failing transiently is marked failed. */
  maxAttempts: number;
  /** Retries within one tick after an ambiguous or transient failure. */
  inlineRetries: number;
  /** Longest Retry-After we wait for inline; longer ones go back to the store. */
  maxInlineWaitMs: number;
  /** Base of the exponential backoff between tries. */
  backoffMs: number;
}

export const DEFAULT_FOLLOW_UP_JOB_OPTIONS: FollowUpJobOptions = {
  batchSize: 100,
  concurrency: 8,
  leaseMs: 5 * 60_000,
  maxAttempts: 8,
  inlineRetries: 3,
  maxInlineWaitMs: 60_000,
  backoffMs: 500,
};

export interface FollowUpJobDeps {
  store: Store;
  dms: FollowUpDms;
  /** Builds the DM from the follow-up, its rejection and what was added to it since (oldest first). */
  compose: (followUp: FollowUp, rejection: Rejection, entries: RejectionEntry[]) => DmMessage;
  logger: Logger;
  /** This instance's name on the leases it takes. */
  owner: string;
  clock: () => Date;
  sleep?: (ms: number) => Promise<void>;
  options?: Partial<FollowUpJobOptions>;
}

export interface TickReport {
  claimed: number;
  sent: number;
  /** Found already posted (after a crash or an ambiguous failure) and recorded, not re-sent. */
  recovered: number;
  failed: number;
  /** Released to try again on a later tick. */
  retrying: number;
  /** Another instance took the lease over before we could record the outcome. */
  leaseLost: number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function runDueFollowUps(deps: FollowUpJobDeps, now: Date): Promise<TickReport> {
  const options = { ...DEFAULT_FOLLOW_UP_JOB_OPTIONS, ...deps.options };
  const report: TickReport = { claimed: 0, sent: 0, recovered: 0, failed: 0, retrying: 0, leaseLost: 0 };
  const seen = new Set<string>();
  // Never earlier than the tick's `now`, and moving on with the clock while the tick runs.
  const current = () => new Date(Math.max(now.getTime(), deps.clock().getTime()));
  let claimAt = now;
  for (;;) {
    const batch = await deps.store.claimDueFollowUps(claimAt, {
      limit: options.batchSize,
      leaseMs: options.leaseMs,
      owner: deps.owner,
    });
    const fresh = batch.filter((followUp) => !seen.has(followUp.id));
    for (const followUp of fresh) seen.add(followUp.id);
    report.claimed += fresh.length;
    await forEachLimited(fresh, options.concurrency, (followUp) =>
      deliver(deps, options, current, followUp, report),
    );
    // A short batch means nothing else is due; a batch of only repeats means we'd spin.
    if (batch.length < options.batchSize || fresh.length === 0) break;
    claimAt = current();
  }
  return report;
}

async function deliver(
  deps: FollowUpJobDeps,
  options: FollowUpJobOptions,
  current: () => Date,
  followUp: FollowUp,
  report: TickReport,
): Promise<void> {
  const sleep = deps.sleep ?? realSleep;
  const { store, owner, logger } = deps;
  const record = async (outcome: keyof TickReport, write: () => Promise<unknown>) => {
    try {
      await write();
      report[outcome] += 1;
    } catch (error) {
      if (!isReboundError(error, ErrorCode.StoreConflict)) throw error;
      report.leaseLost += 1;
      logger.warn(`Follow-up ${followUp.id}: lease lost to another instance before recording ${outcome}.`);
    }
  };

  try {
    const rejection = await store.getRejection(followUp.scope, followUp.rejectionId);
    if (rejection?.status !== 'complete') {
      await record('failed', () =>
        store.markFollowUpFailed(followUp.id, owner, 'rejection_missing', current()),
      );
      return;
    }
    const entries = await store.listEntries(followUp.scope, followUp.rejectionId);
    // A previous attempt may have posted before its instance died.
    let mayBeDelivered = followUp.attempts > 1;
    for (let tries = 0; ; tries += 1) {
      if (mayBeDelivered) {
        const found = await deps.dms.findDelivered(followUp);
        if (found) {
          await record('recovered', () => store.markFollowUpSent(followUp.id, owner, found, current()));
          return;
        }
      }
      let delivery: Delivery;
      try {
        delivery = await deps.dms.send(followUp, deps.compose(followUp, rejection, entries));
      } catch (error) {
        const failure = classifySlackFailure(error);
        if (failure.kind === 'permanent') {
          logger.warn(`Follow-up ${followUp.id} cannot be delivered: ${failure.code}`);
          await record('failed', () => store.markFollowUpFailed(followUp.id, owner, failure.code, current()));
          return;
        }
        mayBeDelivered ||= failure.kind === 'ambiguous';
        const wait = failure.kind === 'rate_limited' ? failure.retryAfterMs : options.backoffMs * 2 ** tries;
        const inline = tries < options.inlineRetries && wait <= options.maxInlineWaitMs;
        if (inline) {
          await sleep(wait);
          continue;
        }
        if (followUp.attempts >= options.maxAttempts) {
          logger.warn(
            `Follow-up ${followUp.id} gave up after ${followUp.attempts} attempts: ${failure.code}`,
          );
          await record('failed', () => store.markFollowUpFailed(followUp.id, owner, failure.code, current()));
          return;
        }
        const retryAt = new Date(
          current().getTime() + Math.max(wait, options.backoffMs * 2 ** followUp.attempts),
        );
        logger.info(`Follow-up ${followUp.id} will be retried: ${failure.code}`);
        await record('retrying', () =>
          store.releaseFollowUp(followUp.id, owner, retryAt, failure.code, current()),
        );
        return;
      }
      // Slack has the DM. Recording it stays out of the try above: a store failure here is not
      // a Slack failure and must never send the DM again. It goes to the catch below; the lease
      // runs out and whoever claims it next finds this DM in Slack and records it.
      await record('sent', () => store.markFollowUpSent(followUp.id, owner, delivery, current()));
      return;
    }
  } catch (error) {
    // The store failed mid-delivery: the lease runs out and a later tick takes it over,
    // checking Slack first, so nothing is lost or sent twice.
    logger.error(`Follow-up ${followUp.id} stopped mid-delivery:`, errorCode(error));
  }
}
