// Deletes routines left unfinished: a draft nobody touched for `expiryDays` is gone (Home
// says so the day before). A plain function of (deps, now): node-cron calls it hourly from
// scheduler.ts; tests call it directly with their own clock.

import { draftsExpireBefore } from '../domain/drafts.js';
import type { Store } from '../store/store.js';
import type { JobLogger } from './job-logger.js';

/** Hourly, so a draft goes within the hour it expires. */
export const DRAFT_EXPIRY_CRON = '41 * * * *';

export interface DraftExpiryDeps {
  store: Store;
  logger: JobLogger;
  expiryDays: number;
}

export async function runDraftExpiry(deps: DraftExpiryDeps, now: Date): Promise<number> {
  const deleted = await deps.store.purgeStaleDrafts(draftsExpireBefore(now, deps.expiryDays));
  if (deleted > 0) deps.logger.info(`Deleted ${deleted} draft(s) untouched for ${deps.expiryDays} days.`);
  return deleted;
}
