// Slack tells us a user's timezone only through users.info. We cache it in the store and
// refresh it daily (people travel), fetching in the background so no modal waits on it.

import type { webApi } from '@slack/bolt';
import type { UserScope } from '../domain/types.js';
import type { Store } from '../store/store.js';

export const TIMEZONE_REFRESH_MS = 24 * 60 * 60 * 1000;

export async function refreshUserTimezone(
  client: webApi.WebClient,
  store: Store,
  scope: UserScope,
  now: Date,
): Promise<void> {
  const profile = await store.getUserProfile(scope);
  if (profile && now.getTime() - profile.tzFetchedAt.getTime() < TIMEZONE_REFRESH_MS) return;
  const result = await client.users.info({ user: scope.userId });
  const tz = result.user?.tz;
  await store.saveUserProfile(scope, typeof tz === 'string' && isKnownTimeZone(tz) ? tz : null, now);
}

/** The user's cached timezone, or null (views then fall back to UTC). */
export async function cachedTimeZone(store: Store, scope: UserScope): Promise<string | null> {
  return (await store.getUserProfile(scope))?.tz ?? null;
}

function isKnownTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
