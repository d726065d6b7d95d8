// What one follow-up tick's claim costs: claiming every due follow-up in the job's own
// batches (claimDueFollowUps until a short batch, as runDueFollowUps does), timed on the
// store Rebound uses. Two databases, one with 1,000 follow-ups stored and one with
// 1,000,000, both with the same 1,000 due; runs alternate between them so a noisy
// neighbour on the machine slows both alike, and each figure is the median of its runs.
//
// Between runs the claimed follow-ups go back to pending, due as before (untimed, see
// SeedDb.release), so each run claims the same 1,000.

import type { FollowUp } from '../src/domain/types.js';
import { DEFAULT_FOLLOW_UP_JOB_OPTIONS } from '../src/jobs/follow-up-job.js';
import type { Store } from '../src/store/store.js';
import type { SeedDb } from './bulk-seed.js';
import { median, round } from './stats.js';

export interface ClaimCost {
  stored: number;
  due: number;
  medianMs: number;
  runsMs: number[];
}

export interface ClaimTarget {
  store: Store;
  seed: SeedDb;
  stored: number;
}

const MAX_BATCHES = 1_000;

export async function measureClaimCosts(
  targets: readonly ClaimTarget[],
  input: { due: number; runs: number },
): Promise<ClaimCost[]> {
  const runs = targets.map((): number[] => []);
  // One untimed round first: statement caches and pages warm, as in a long-running instance.
  for (let round = 0; round <= input.runs; round += 1) {
    for (const [index, target] of targets.entries()) {
      const elapsed = await claimTick(target, input.due);
      if (round > 0) runs[index]?.push(elapsed);
    }
  }
  return targets.map((target, index) => {
    const runsMs = runs[index] ?? [];
    return {
      stored: target.stored,
      due: input.due,
      medianMs: round(median(runsMs)),
      runsMs: runsMs.map(round),
    };
  });
}

/** One tick's claims, timed; then the claimed follow-ups are released (untimed). */
async function claimTick({ store, seed, stored }: ClaimTarget, due: number): Promise<number> {
  const now = new Date();
  const claimed: FollowUp[] = [];
  const started = performance.now();
  for (let batches = 0; batches < MAX_BATCHES; batches += 1) {
    const batch = await store.claimDueFollowUps(now, {
      limit: DEFAULT_FOLLOW_UP_JOB_OPTIONS.batchSize,
      leaseMs: DEFAULT_FOLLOW_UP_JOB_OPTIONS.leaseMs,
      owner: 'bench-claim',
    });
    claimed.push(...batch);
    if (batch.length < DEFAULT_FOLLOW_UP_JOB_OPTIONS.batchSize) break;
  }
  const elapsed = performance.now() - started;
  const distinct = new Set(claimed.map((followUp) => followUp.id));
  const strangers = claimed.filter((followUp) => !followUp.id.startsWith('due-f-'));
  if (claimed.length !== due || distinct.size !== due || strangers.length > 0) {
    throw new Error(
      `claim with ${stored} stored: claimed ${claimed.length} (${distinct.size} distinct, ${strangers.length} not due), expected exactly ${due}`,
    );
  }
  await seed.release(claimed, store);
  return elapsed;
}
