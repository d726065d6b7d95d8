// Deletes what Rebound should no longer keep. A plain function of (deps, now): node-cron
// calls it daily from scheduler.ts; tests call it directly with their own clock.
//
// - Workspaces that uninstalled Rebound more than `retentionDays` ago: all their data. The
//   grace period lets a team that uninstalled by mistake install again and find it intact.
// - Event ids recorded for deduplication: Slack stops retrying within minutes, so a day is
//   plenty.

import { DAY_MS } from '../domain/time.js';
import type { Store } from '../store/store.js';
import type { JobLogger } from './job-logger.js';

export const EVENT_ID_RETENTION_MS = DAY_MS;
/** Daily, at a quiet minute off the hour. */
export const DATA_RETENTION_CRON = '17 3 * * *';

export interface DataRetentionDeps {
  store: Store;
  logger: JobLogger;
  retentionDays: number;
}

export interface RetentionReport {
  teamsPurged: number;
  eventIdsForgotten: number;
}

export async function runDataRetention(deps: DataRetentionDeps, now: Date): Promise<RetentionReport> {
  const cutoff = new Date(now.getTime() - deps.retentionDays * DAY_MS);
  const teamsPurged = await deps.store.purgeUninstalledTeams(cutoff);
  if (teamsPurged > 0) {
    deps.logger.info(
      `Deleted the data of ${teamsPurged} workspace(s) uninstalled more than ${deps.retentionDays} days ago.`,
    );
  }
  const eventIdsForgotten = await deps.store.purgeRecordedEvents(
    new Date(now.getTime() - EVENT_ID_RETENTION_MS),
  );
  return { teamsPurged, eventIdsForgotten };
}
