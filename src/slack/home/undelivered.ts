// Home's one line about check-ins that could not be delivered (they failed for good: the job
// gave up, or Slack refused them for good), so nobody waits for a DM that will not come.
// Recent ones only, at most two, in one context block: a short apology, not an error report.

import type { FollowUp, Rejection, UserScope } from '../../domain/types.js';
import type { Store } from '../../store/store.js';
import { type KnownBlock, mrkdwnContext } from '../platform/block-kit.js';
import { HomeBlockId } from '../platform/ids.js';
import { escapeName, slackDate } from '../platform/mrkdwn.js';

/** A check-in that failed for good, and the company of its rejection. */
export interface Undelivered {
  followUpId: string;
  company: string | undefined;
  dueAt: Date;
}

const SHOWN = 2;
/** How long Home mentions a failed check-in after it failed. */
export const UNDELIVERED_SHOWN_DAYS = 14;
const NAME_MAX = 80;

/** The person's recently failed check-ins, newest failure first; none whose rejection is gone. */
export async function loadUndelivered(
  store: Store,
  scope: UserScope,
  now: Date,
  read?: { failed: readonly FollowUp[]; known: ReadonlyMap<string, Rejection> },
): Promise<Undelivered[]> {
  const since = now.getTime() - UNDELIVERED_SHOWN_DAYS * 86_400_000;
  const failed = [...(read?.failed ?? (await store.listFollowUps(scope, { status: 'failed' })))]
    .filter((followUp) => followUp.updatedAt.getTime() >= since)
    .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime())
    .slice(0, SHOWN);
  const found: Undelivered[] = [];
  const rejections = new Map<string, Rejection | null>(read?.known ?? []);
  for (const followUp of failed) {
    if (!rejections.has(followUp.rejectionId))
      rejections.set(followUp.rejectionId, await store.getRejection(scope, followUp.rejectionId));
    const rejection = rejections.get(followUp.rejectionId);
    if (rejection)
      found.push({ followUpId: followUp.id, company: rejection.answers.company, dueAt: followUp.dueAt });
  }
  return found;
}

/** Nothing, or one context block: "We couldn't deliver your check-in about *Acme* on Mar 5." */
export function undeliveredBlocks(items: readonly Undelivered[]): KnownBlock[] {
  if (items.length === 0) return [];
  const lines = items.map((item) => {
    const company = escapeName(item.company, { max: NAME_MAX });
    const about = company ? `*${company}*` : 'a past rejection';
    const day = slackDate(item.dueAt, '{date_short_pretty}', item.dueAt.toISOString().slice(0, 10));
    return `We couldn't deliver your check-in about ${about} on ${day}.`;
  });
  return [{ ...mrkdwnContext(`${lines.join('\n')} Sorry about that.`), block_id: HomeBlockId.undelivered }];
}
