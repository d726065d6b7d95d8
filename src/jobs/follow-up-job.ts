// Sends the follow-up DMs that are due. A plain function of (deps, now): node-cron calls it
// from scheduler.ts, tests and the bench call it directly with their own clock. It knows no
// Slack: a sender port posts and looks up DMs and says, as a typed outcome, what happened.
//
// Exactly once, however Slack behaves:
// - A follow-up is claimed under a lease, and only as many as can start at once. Right before
//   every Slack call the lease is re-checked and extended; a worker that lost it stops, and a
//   wait that would outlast it becomes a release instead. So no lease is ever outlived.
// - Every DM carries the follow-up's id in its message metadata. Whenever Slack may already
//   have posted it (an answer that was `internal_error`, a timeout, a reset, a 5xx, or a post
//   attempted under an earlier lease) we look for that DM before sending again, and never
//   send while we cannot tell.
// - Transient failures retry with capped, jittered exponential backoff for `giveUpAfterMs`
//   (a day) from the first failure; rate limits wait as long as Slack says and do not count.

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
  /** It may have been posted (internal_error, timeout, reset, 5xx): look before sending again. */
  | { kind: 'maybe_delivered'; code: string }
  /** "Not now": nothing was posted; wait `retryAfterMs`. */
  | { kind: 'rate_limited'; code: string; retryAfterMs: number }
  /** Refused, and will be refused again (user_not_found, not_installed…). */
  | { kind: 'permanent'; code: string; neededScope?: string };

/** What a "was it already posted?" lookup found. */
export type LookupOutcome =
  | { kind: 'found'; delivery: Delivery }
  | { kind: 'not_found' }
  /** Could not tell this time (timeout, 5xx, internal_error): never send blind, try later. */
  | { kind: 'unknown'; code: string }
  | { kind: 'rate_limited'; code: string; retryAfterMs: number }
  /** Cannot tell and never will (missing_scope, user_not_found, a revoked token). */
  | { kind: 'permanent'; code: string; neededScope?: string };

/** The Slack side of sending a follow-up (slack/follow-ups/sender.ts). Neither call throws. */
export interface FollowUpSender {
  send(followUp: FollowUp, message: DmMessage): Promise<SendOutcome>;
  /** The DM already posted for this follow-up, if Slack has it. */
  findDelivered(followUp: FollowUp): Promise<LookupOutcome>;
}

export interface FollowUpJobOptions {
  /** Most follow-ups claimed per store round trip; never more than `concurrency`. */
  batchSize: number;
  /** DMs in flight at once, and so how many follow-ups are claimed at a time. */
  concurrency: number;
  /** How long a claim holds; it is extended before each Slack call. */
  leaseMs: number;
  /** Longest one Slack call may take (the job client's timeout): a wait must leave this much lease. */
  callTimeoutMs: number;
  /** How long after its first failure (rate limits aside) a follow-up is still retried. */
  giveUpAfterMs: number;
  /** Retries within one lease after an ambiguous or transient failure. */
  inlineRetries: number;
  /** Longest Retry-After we wait for inline; longer ones go back to the store. */
  maxInlineWaitMs: number;
  /** Base of the exponential backoff between tries. */
  backoffMs: number;
  /** Cap of the backoff between ticks, so a follow-up goes out soon after Slack is back. */
  maxBackoffMs: number;
}

export const DEFAULT_FOLLOW_UP_JOB_OPTIONS: FollowUpJobOptions = {
  batchSize: 8,
  concurrency: 8,
  leaseMs: 5 * 60_000,
  callTimeoutMs: 15_000,
  giveUpAfterMs: 24 * 60 * 60_000,
  inlineRetries: 3,
  maxInlineWaitMs: 60_000,
  backoffMs: 500,
  maxBackoffMs: 5 * 60_000,
};

export interface FollowUpJobDeps {
  store: Store;
  sender: FollowUpSender;
  /** Builds the DM from the follow-up, its rejection and what was added to it since (oldest first). */
  /** May read the person's privacy settings (the notification text), hence a promise. */
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
  /** In [0, 1): spreads retries so follow-ups that failed together do not retry together. */
  random?: () => number;
  /** True once shutdown began: claim nothing more. */
  stopping?: () => boolean;
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
  /** The lease ran out or another instance took it over: we stopped before calling Slack. */
  leaseLost: number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function runDueFollowUps(deps: FollowUpJobDeps, now: Date): Promise<TickReport> {
  const options = { ...DEFAULT_FOLLOW_UP_JOB_OPTIONS, ...deps.options };
  const report: TickReport = { claimed: 0, sent: 0, recovered: 0, failed: 0, retrying: 0, leaseLost: 0 };
  const seen = new Set<string>();
  // Never earlier than the tick's `now`, and moving on with the clock while the tick runs.
  const current = () => new Date(Math.max(now.getTime(), deps.clock().getTime()));
  // Claim only what can start at once: a follow-up never waits for a free slot under its lease.
  const limit = Math.max(1, Math.min(options.batchSize, options.concurrency));
  let claimAt = now;
  while (!deps.stopping?.()) {
    const batch = await deps.store.claimDueFollowUps(claimAt, {
      limit,
      leaseMs: options.leaseMs,
      owner: deps.owner,
    });
    const fresh = batch.filter((followUp) => !seen.has(followUp.id));
    for (const followUp of fresh) seen.add(followUp.id);
    report.claimed += fresh.length;
    await forEachLimited(fresh, options.concurrency, (followUp) =>
      new Delivering(deps, options, current, followUp, report).run(),
    );
    // A short batch means nothing else is due; a batch of only repeats means we'd spin.
    if (batch.length < limit || fresh.length === 0) break;
    claimAt = current();
  }
  return report;
}

/**
 * Sends one follow-up now if it is due and free (the summary, right after the routine's
 * last step): the same claim, lease, lookup and retries as a tick. If Slack fails, it is
 * released with backoff and the next tick carries on; if it is held, its holder does.
 */
export async function sendFollowUpNow(deps: FollowUpJobDeps, id: string, now: Date): Promise<TickReport> {
  const options = { ...DEFAULT_FOLLOW_UP_JOB_OPTIONS, ...deps.options };
  const report: TickReport = { claimed: 0, sent: 0, recovered: 0, failed: 0, retrying: 0, leaseLost: 0 };
  if (deps.stopping?.()) return report;
  const followUp = await deps.store.claimFollowUp(id, now, { leaseMs: options.leaseMs, owner: deps.owner });
  if (!followUp) return report;
  report.claimed = 1;
  const current = () => new Date(Math.max(now.getTime(), deps.clock().getTime()));
  await new Delivering(deps, options, current, followUp, report).run();
  return report;
}

type Failure =
  | Exclude<SendOutcome, { kind: 'delivered' } | { kind: 'permanent' }>
  | Extract<LookupOutcome, { kind: 'unknown' }>;

/** One follow-up from claim to its recorded outcome. */
class Delivering {
  private held: FollowUp;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;

  constructor(
    private readonly deps: FollowUpJobDeps,
    private readonly options: FollowUpJobOptions,
    private readonly current: () => Date,
    followUp: FollowUp,
    private readonly report: TickReport,
  ) {
    this.held = followUp;
    this.sleep = deps.sleep ?? realSleep;
    this.random = deps.random ?? Math.random;
  }

  async run(): Promise<void> {
    const { store } = this.deps;
    const followUp = this.held;
    try {
      const rejection = await store.getRejection(followUp.scope, followUp.rejectionId);
      if (rejection?.status !== 'complete') {
        await this.fail('rejection_missing');
        return;
      }
      const message = await this.deps.compose(
        followUp,
        rejection,
        await store.listEntries(followUp.scope, followUp.rejectionId),
      );
      // A post attempted under an earlier lease may have gone out before its instance died.
      // An earlier claim without a recorded attempt (an instance older than send_started_at)
      // is looked up too: a lookup is cheap, a duplicate is not.
      let mayBeDelivered = followUp.sendStartedAt !== null || followUp.attempts > 1;
      for (let tries = 0; ; tries += 1) {
        if (mayBeDelivered) {
          if (!(await this.holdLease(false))) return;
          const looked = await this.deps.sender.findDelivered(this.held);
          if (looked.kind === 'found') {
            await this.record('recovered', () =>
              store.markFollowUpSent(followUp.id, this.deps.owner, looked.delivery, this.current()),
            );
            return;
          }
          if (looked.kind === 'permanent') {
            await this.fail(
              looked.code,
              'could not check whether its DM was already posted',
              looked.neededScope,
            );
            return;
          }
          if (looked.kind !== 'not_found') {
            if (await this.waitOrRelease(looked, tries)) continue;
            return;
          }
        }
        if (!(await this.holdLease(true))) return;
        const outcome = await this.deps.sender.send(this.held, message);
        if (outcome.kind === 'delivered') {
          // Slack has the DM. A store failure while recording it must never send it again: it
          // goes to the catch below, the lease runs out, and whoever claims it next finds
          // this DM in Slack (send_started_at is set) and records it.
          await this.record('sent', () =>
            store.markFollowUpSent(followUp.id, this.deps.owner, outcome.delivery, this.current()),
          );
          return;
        }
        if (outcome.kind === 'permanent') {
          await this.fail(outcome.code, 'cannot be delivered', outcome.neededScope);
          return;
        }
        mayBeDelivered ||= outcome.kind === 'maybe_delivered';
        if (await this.waitOrRelease(outcome, tries)) continue;
        return;
      }
    } catch (error) {
      // The store failed mid-delivery: the lease runs out and a later tick takes it over,
      // checking Slack first, so nothing is lost or sent twice.
      this.deps.logger.error(`Follow-up ${followUp.id} stopped mid-delivery:`, errorCode(error));
    }
  }

  /** Re-checks and extends the lease before a Slack call; false when it is no longer ours. */
  private async holdLease(sending: boolean): Promise<boolean> {
    try {
      this.held = await this.deps.store.extendFollowUpLease(
        this.held.id,
        this.deps.owner,
        this.current(),
        this.options.leaseMs,
        { sending },
      );
      return true;
    } catch (error) {
      if (!isReboundError(error, ErrorCode.StoreConflict)) throw error;
      this.report.leaseLost += 1;
      this.deps.logger.warn(
        `Follow-up ${this.held.id}: lease lost before calling Slack; left to its new holder.`,
      );
      return false;
    }
  }

  /**
   * After a failure: wait inline and go again (true) when that fits well inside the lease,
   * else release the follow-up for a later tick — or, a day after its first failure, give up.
   */
  private async waitOrRelease(failure: Failure, tries: number): Promise<boolean> {
    const { options } = this;
    const rateLimited = failure.kind === 'rate_limited';
    const wait = rateLimited ? failure.retryAfterMs : options.backoffMs * 2 ** tries;
    const leaseLeft = (this.held.leaseUntil?.getTime() ?? 0) - this.current().getTime();
    const fitsLease = wait + 2 * options.callTimeoutMs < leaseLeft;
    // Shutting down: no waiting; the next holder retries.
    const stopping = this.deps.stopping?.() ?? false;
    if (tries < options.inlineRetries && wait <= options.maxInlineWaitMs && fitsLease && !stopping) {
      await this.sleep(wait);
      return true;
    }
    const now = this.current();
    const since = this.held.retryingSince ?? (rateLimited ? null : now);
    if (since !== null && now.getTime() - since.getTime() >= options.giveUpAfterMs) {
      await this.fail(failure.code, `gave up after ${describeDuration(options.giveUpAfterMs)} of retries`);
      return false;
    }
    const retryAt = new Date(now.getTime() + (rateLimited ? wait : Math.max(wait, this.backoff())));
    this.deps.logger.info(`Follow-up ${this.held.id} will be retried: ${failure.code}`);
    await this.record('retrying', () =>
      this.deps.store.releaseFollowUp(this.held.id, this.deps.owner, retryAt, failure.code, now, {
        rateLimited,
      }),
    );
    return false;
  }

  /** Capped exponential in the claims so far, with jitter over its upper half. */
  private backoff(): number {
    const { backoffMs, maxBackoffMs } = this.options;
    const capped = Math.min(maxBackoffMs, backoffMs * 2 ** Math.min(this.held.attempts, 30));
    return Math.round(capped * (0.5 + 0.5 * this.random()));
  }

  private async fail(code: string, why = 'cannot be delivered', neededScope?: string): Promise<void> {
    const scope = neededScope ? ` (the app needs the ${neededScope} scope: reinstall it to grant it)` : '';
    this.deps.logger.warn(`Follow-up ${this.held.id} failed for good, ${why}: ${code}${scope}`);
    await this.record('failed', () =>
      this.deps.store.markFollowUpFailed(this.held.id, this.deps.owner, code, this.current()),
    );
  }

  private async record(outcome: keyof TickReport, write: () => Promise<unknown>): Promise<void> {
    try {
      await write();
      this.report[outcome] += 1;
    } catch (error) {
      if (!isReboundError(error, ErrorCode.StoreConflict)) throw error;
      this.report.leaseLost += 1;
      this.deps.logger.warn(
        `Follow-up ${this.held.id}: lease lost to another instance before recording ${outcome}.`,
      );
    }
  }
}

/** "24 h", or "30 min" for less than an hour. */
function describeDuration(ms: number): string {
  const hours = ms / 3_600_000;
  return hours >= 1 ? `${Math.round(hours)} h` : `${Math.max(1, Math.round(ms / 60_000))} min`;
}
