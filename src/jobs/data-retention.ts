// Deletes what Rebound should no longer keep. A plain function of (deps, now): node-cron
// calls it daily from scheduler.ts; tests call it directly with their own clock.
//
// - Workspaces that uninstalled Rebound more than `retentionDays` ago: all their data. The
//   grace period lets a team that uninstalled by mistake install again and find it intact.
//   A big workspace is deleted in bounded batches (each its own short transaction, well
//   inside the statement timeout), after claiming it so two instances do not purge it
//   together. If it installs again mid-purge, the purge stops at the next batch: whatever
//   it had not reached yet, and everything written since, stays.
// - Event ids recorded for deduplication: Slack stops retrying within minutes, so a day is
//   plenty.

import { DAY_MS } from '../domain/time.js';
import type { TeamScope } from '../domain/types.js';
import type { Store } from '../store/store.js';
import type { JobLogger } from './job-logger.js';

export const EVENT_ID_RETENTION_MS = DAY_MS;
/** Daily, at a quiet minute off the hour. */
export const DATA_RETENTION_CRON = '17 3 * * *';
/** Records deleted per transaction: milliseconds each with the indexes the deletes use. */
export const PURGE_BATCH_SIZE = 2000;
/** A claim outlives a stalled batch; an instance that died lets go of its team after this. */
export const PURGE_LEASE_MS = 10 * 60 * 1000;

export interface DataRetentionDeps {
  store: Store;
  logger: JobLogger;
  retentionDays: number;
  /** For the claims' leases while a long purge runs; defaults to the tick's `now`. */
  clock?: () => Date;
  batchSize?: number;
}

export interface RetentionReport {
  teamsPurged: number;
  /** Records deleted, across every team this run touched. */
  recordsDeleted: number;
  /** Teams that installed again while being purged: the purge stopped there. */
  teamsReinstalled: number;
  eventIdsForgotten: number;
}

export async function runDataRetention(deps: DataRetentionDeps, now: Date): Promise<RetentionReport> {
  const { store, logger } = deps;
  const clock = deps.clock ?? (() => now);
  const cutoff = new Date(now.getTime() - deps.retentionDays * DAY_MS);
  const report: RetentionReport = {
    teamsPurged: 0,
    recordsDeleted: 0,
    teamsReinstalled: 0,
    eventIdsForgotten: 0,
  };
  for (;;) {
    const team = await store.claimTeamPurge(cutoff, clock(), PURGE_LEASE_MS);
    if (!team) break;
    const { deleted, reinstalled } = await purgeTeam(deps, team, clock);
    report.recordsDeleted += deleted;
    if (reinstalled) {
      report.teamsReinstalled += 1;
      logger.info(
        `${describeTeam(team)} installed Rebound again while its data was being deleted: stopped after ${deleted} record(s); the rest stays.`,
      );
    } else {
      report.teamsPurged += 1;
      logger.info(
        `Deleted the data of ${describeTeam(team)} (${deleted} record(s)), uninstalled more than ${deps.retentionDays} days ago.`,
      );
    }
  }
  report.eventIdsForgotten = await store.purgeRecordedEvents(new Date(now.getTime() - EVENT_ID_RETENTION_MS));
  return report;
}

async function purgeTeam(
  deps: DataRetentionDeps,
  team: TeamScope,
  clock: () => Date,
): Promise<{ deleted: number; reinstalled: boolean }> {
  let deleted = 0;
  for (;;) {
    const batch = await deps.store.purgeTeamBatch(
      team,
      deps.batchSize ?? PURGE_BATCH_SIZE,
      clock(),
      PURGE_LEASE_MS,
    );
    deleted += batch.deleted;
    if (batch.reinstalled) return { deleted, reinstalled: true };
    if (batch.finished) return { deleted, reinstalled: false };
  }
}

function describeTeam(team: TeamScope): string {
  return team.teamId ? `workspace ${team.teamId}` : `org ${team.enterpriseId}`;
}
