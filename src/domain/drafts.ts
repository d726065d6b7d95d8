// How long an unfinished routine is kept. A draft nobody touched for this long is deleted,
// and Home says so the day before.

export const DEFAULT_DRAFT_EXPIRY_DAYS = 30;
const DAY_MS = 86_400_000;

/** Drafts last updated before this moment have expired. */
export function draftsExpireBefore(now: Date, expiryDays: number): Date {
  return new Date(now.getTime() - expiryDays * DAY_MS);
}
