// Sends the follow-up DMs that are due. A plain function of (deps, now): node-cron calls it
// from scheduler.ts, tests and the bench call it directly with their own clock. It knows no
// Slack: a sender port posts and looks up DMs and says, as a typed outcome, what happened.
//
// Exactly once: a follow-up is claimed under a lease before sending, and every DM carries
// the follow-up's id in its message metadata. Whenever Slack may already have posted it — a
// retry after a 5xx or a reset, or a lease taken over from a crashed instance — we look for
// that DM before sending again.

import type { FollowUp, Rejection, RejectionEntry } from '../domain/types.js';
import { errorCode } from '../error-code.js';
import { ErrorCode, isReboundError } from '../errors.js';
import type { Store } from '../store/store.js';
import { forEachLimited } from './concurrency.js';
import type { JobLogger } from './job-logger.js';

export interface DmMessage {
  text: string;
  blocks: unknown[];
}

export interface Delivery {
  channelId: string;
  messageTs: string;
}

/** What became of one attempt to post a follow-up's DM. */
export type SendOutcome =
  | { kind: 'delivered'; delivery: Delivery }
  /** Refused this time and nothing was posted: safe to send again. */
  | { kind: 'not_delivered'; code: string }
  /** It may have been posted (timeout, reset, 5xx): look before sending again. */
  | { kind: 'maybe_delivered'; code: string }
  /** "Not now": nothing was posted; wait `retryAfterMs`. */
  | { kind: 'rate_limited'; code: string; retryAfterMs: number }
  /** Refused, and will be refused again (user_not_found, not_installed…). */
  | { kind: 'permanent'; code: string };

/** The Slack side of sending a follow-up (slack/follow-ups/sender.ts). */
export interface FollowUpSender {
  send(followUp: FollowUp, message: DmMessage): Promise<SendOutcome>;
  /** The DM already posted for this follow-up, if Slack has it. Throws when it cannot tell. */
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
  sender: FollowUpSender;
  /**
   * Builds the DM from the follow-up, its rejection and what was added to it since (oldest
   * first); may read the person's privacy settings, hence a promise.
   */
  compose: (
    followUp: FollowUp,
    rejection: Rejection,
    entries: RejectionEntry[],
  ) => DmMessage | Promise<DmMessage>;
  logger: JobLogger;
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

async function stillHeld(store: Store, followUp: FollowUp, owner: string): Promise<boolean> {
  const current = await store.findFollowUp(followUp.scope, followUp.id);
  return current?.status === 'sending' && current.leaseOwner === owner;
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
        const found = await deps.sender.findDelivered(followUp);
        if (found) {
          await record('recovered', () => store.markFollowUpSent(followUp.id, owner, found, current()));
          return;
        }
      }
      const message = await deps.compose(followUp, rejection, entries);
      // The person may have deleted their data since the claim (or another instance took the
      // lease over): then nothing may be posted. `/rejected delete` waits out a send begun before.
      if (!(await stillHeld(store, followUp, owner))) {
        report.leaseLost += 1;
        logger.info(`Follow-up ${followUp.id} is no longer ours to send; nothing was posted.`);
        return;
      }
      const outcome = await deps.sender.send(followUp, message);
      if (outcome.kind !== 'delivered') {
        if (outcome.kind === 'permanent') {
          logger.warn(`Follow-up ${followUp.id} cannot be delivered: ${outcome.code}`);
          await record('failed', () => store.markFollowUpFailed(followUp.id, owner, outcome.code, current()));
          return;
        }
        mayBeDelivered ||= outcome.kind === 'maybe_delivered';
        const wait = outcome.kind === 'rate_limited' ? outcome.retryAfterMs : options.backoffMs * 2 ** tries;
        const inline = tries < options.inlineRetries && wait <= options.maxInlineWaitMs;
        if (inline) {
          await sleep(wait);
          continue;
        }
        if (followUp.attempts >= options.maxAttempts) {
          logger.warn(
            `Follow-up ${followUp.id} gave up after ${followUp.attempts} attempts: ${outcome.code}`,
          );
          await record('failed', () => store.markFollowUpFailed(followUp.id, owner, outcome.code, current()));
          return;
        }
        const retryAt = new Date(
          current().getTime() + Math.max(wait, options.backoffMs * 2 ** followUp.attempts),
        );
        logger.info(`Follow-up ${followUp.id} will be retried: ${outcome.code}`);
        await record('retrying', () =>
          store.releaseFollowUp(followUp.id, owner, retryAt, outcome.code, current()),
        );
        return;
      }
      const { delivery } = outcome;
      // Slack has the DM. A store failure while recording it is not a Slack failure and must
      // never send the DM again. It goes to the catch below; the lease
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
