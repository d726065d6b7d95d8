// App Home, loaded and published. Every listener that changes what Home shows publishes it
// after its own ack and its own work: a failure is logged by code and never reaches the
// person, whose action already succeeded. Listeners on Home itself (and delete, which must
// clear it) use publishHome; those in a DM or a modal use refreshHome, which skips the Home
// of someone who never opened it: Slack asks for it on their first visit (app-home-opened.ts).

import type { webApi } from '@slack/bolt';
import { DEFAULT_DRAFT_EXPIRY_DAYS } from '../../domain/drafts.js';
import type { PrivacySettings } from '../../domain/notification-text.js';
import { patternRejection, readPatterns } from '../../domain/patterns.js';
import { lessonsOf } from '../../domain/prep.js';
import type { Rejection, UserScope } from '../../domain/types.js';
import { errorCode } from '../../error-code.js';
import type { Store } from '../../store/store.js';
import type { ListenerDeps } from '../platform/deps.js';
import { viewPayload } from '../platform/view-payload.js';
import { notesOf } from './feedback-notes.js';
import { buildHomeView, type HomeInput } from './home-view.js';
import { loadUndelivered } from './undelivered.js';

/** Most rejections one Home page can hold (Slack allows 100 blocks; a few are headers and buttons). */
export const HOME_PAGE_SIZE = 95;
/** The first page reads this many to draw patterns: more than anyone should ever need. */
export const PATTERN_SAMPLE = 500;
const UPCOMING_SHOWN = 5;
const AWAITING_SHOWN = 3;

/**
 * Everything Home shows for one person, starting at `offset` in their history; with `now`,
 * also the check-ins that could not be delivered lately.
 */
export async function loadHomeInput(
  store: Store,
  scope: UserScope,
  offset: number,
  now?: Date,
): Promise<HomeInput & { settings: PrivacySettings }> {
  const first = offset === 0;
  // One operation, one connection: a Home publish costs one pool checkout, not eight.
  const read = await store.readHome(
    scope,
    first ? { limit: PATTERN_SAMPLE } : { limit: HOME_PAGE_SIZE + 1, offset },
  );
  const listed = read.rejections;
  const upcoming = read.pending;
  const awaiting = [...read.sent].reverse().slice(0, AWAITING_SHOWN);
  // Heard back at least once counts as answered; only "nothing came" counts as not.
  const feedback = new Map<string, boolean>();
  for (const { rejectionId, data } of read.feedback) {
    if (data.kind === 'feedback')
      feedback.set(rejectionId, feedback.get(rejectionId) === true || data.received);
  }
  const sample = first ? listed : [];
  const notes = notesOf(read.notes, sample);
  const known = new Map<string, Rejection>(listed.map((rejection) => [rejection.id, rejection]));
  const upcomingContext = new Map<string, Rejection>();
  for (const { rejectionId } of [...awaiting, ...upcoming.slice(0, UPCOMING_SHOWN)]) {
    if (upcomingContext.has(rejectionId)) continue;
    const rejection = known.get(rejectionId) ?? (await store.getRejection(scope, rejectionId));
    if (rejection) upcomingContext.set(rejectionId, rejection);
  }
  return {
    // The builder cuts the first page to what fits and offers the rest behind "Show more".
    rejections: first ? listed : listed.slice(0, HOME_PAGE_SIZE),
    offset,
    hasMore: first ? listed.length >= PATTERN_SAMPLE : listed.length > HOME_PAGE_SIZE,
    draft: read.draft,
    upcoming,
    awaiting,
    upcomingContext,
    feedback,
    patterns: readPatterns(
      sample.map((rejection) =>
        patternRejection(rejection, notes.get(rejection.id) ?? [], feedback.get(rejection.id)),
      ),
    ),
    lessons: lessonsOf(sample),
    undelivered: first && now ? await loadUndelivered(store, scope, now, { failed: read.failed, known }) : [],
    settings: read.settings,
  };
}

/** Publishes this person's Home. Never throws: Home catches up on their next visit anyway. */
export async function publishHome(
  client: webApi.WebClient,
  deps: ListenerDeps,
  scope: UserScope,
  offset = 0,
): Promise<void> {
  try {
    const { settings, ...input } = await loadHomeInput(deps.store, scope, offset, deps.clock());
    const days = deps.draftExpiryDays ?? DEFAULT_DRAFT_EXPIRY_DAYS;
    const view = buildHomeView({
      ...input,
      privacy: { settings, sealed: deps.answersSealed ?? false, draftExpiryDays: days },
      draftExpiry: { now: deps.clock(), days },
    });
    await client.views.publish({ user_id: scope.userId, view: viewPayload(view) });
  } catch (error) {
    deps.logger.warn('App Home could not be published:', errorCode(error));
  }
}

/**
 * Publishes their Home if they have ever opened it (one read), so a Home that may be in view
 * keeps up; one nobody has opened costs no views.publish and no Home read.
 */
export async function refreshHome(
  client: webApi.WebClient,
  deps: ListenerDeps,
  scope: UserScope,
): Promise<void> {
  try {
    if (!(await deps.store.getUserProfile(scope))?.homeOpenedAt) return;
  } catch (error) {
    deps.logger.warn('App Home could not be published:', errorCode(error));
    return;
  }
  await publishHome(client, deps, scope);
}

/**
 * Remembers that this person looks at Home, so refreshHome keeps it up to date from then on.
 * app_home_opened does not say which workspace the visitor belongs to, and a member of
 * another workspace must get nothing kept here (platform/scope-guard.ts): a visit alone is
 * remembered only for someone Rebound already knows here (a profile or a rejection: they have
 * used it). A click on Home has passed the scope guard, so it is remembered either way.
 */
export async function noteHomeVisit(
  deps: ListenerDeps,
  scope: UserScope,
  { fromClick }: { fromClick: boolean },
): Promise<void> {
  try {
    const profile = await deps.store.getUserProfile(scope);
    if (profile?.homeOpenedAt) return;
    const known =
      fromClick || profile !== null || (await deps.store.listRejections(scope, { limit: 1 })).length > 0;
    if (known) await deps.store.noteHomeOpened(scope, deps.clock());
  } catch (error) {
    // Only means their Home waits for their next visit to catch up on a change.
    deps.logger.warn('A Home visit could not be remembered:', errorCode(error));
  }
}

/** A "Show more" button's value: a page offset, read defensively (it comes back over the network). */
export function parseHomeOffset(value: unknown): number {
  const offset = typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : 0;
  return Number.isSafeInteger(offset) ? offset : 0;
}
