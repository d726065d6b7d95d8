// Slack tells us a user's timezone only through users.info. We cache it in the store and
// refresh it daily (people travel), after the modal is open so no modal waits on it.

import type { Logger, webApi } from '@slack/bolt';
import { isValidTimeZone } from '../../domain/time.js';
import type { UserScope } from '../../domain/types.js';
import { errorCode } from '../../error-code.js';
import type { Store } from '../../store/store.js';

export const TIMEZONE_REFRESH_MS = 24 * 60 * 60 * 1000;

/** Refreshes the cached timezone when it is a day old; returns it (null when Slack has none). */
export function refreshUserTimezone(
  client: webApi.WebClient,
  store: Store,
  scope: UserScope,
  now: Date,
): Promise<string | null> {
  const refreshes = refreshing.get(store) ?? new Map<string, Promise<string | null>>();
  refreshing.set(store, refreshes);
  const key = userKey(scope);
  const running = refreshes.get(key);
  if (running) return running;
  const refresh = fetchIfStale(client, store, scope, now).finally(() => refreshes.delete(key));
  refreshes.set(key, refresh);
  return refresh;
}

async function fetchIfStale(
  client: webApi.WebClient,
  store: Store,
  scope: UserScope,
  now: Date,
): Promise<string | null> {
  const profile = await store.getUserProfile(scope);
  if (profile && now.getTime() - profile.tzFetchedAt.getTime() < TIMEZONE_REFRESH_MS) return profile.tz;
  const result = await client.users.info({ user: scope.userId });
  const tz = result.user?.tz;
  // isValidTimeZone reuses one cached Intl formatter per zone: building a new one for each
  // check cost CPU and native memory that a GC does not give back (see BENCHMARKS.md).
  return (await store.saveUserProfile(scope, isValidTimeZone(tz) ? tz : null, now)).tz;
}

/**
 * The timezone to compute "3 days from now" in: refreshed when stale, and when Slack cannot
 * be asked, the last one known (logged by code), so a person's click never fails on it.
 */
export async function currentTimeZone(
  client: webApi.WebClient,
  deps: { store: Store; logger: Logger },
  scope: UserScope,
  now: Date,
): Promise<string | null> {
  try {
    return await refreshUserTimezone(client, deps.store, scope, now);
  } catch (error) {
    deps.logger.warn('users.info for the timezone failed:', errorCode(error));
    return cachedTimeZone(deps.store, scope);
  }
}

/**
 * The user's cached timezone, or null (views then fall back to UTC). A refresh still under
 * way for them (started when they opened the routine) is waited for, so a quick first-timer
 * never gets a follow-up time computed in UTC.
 */
export async function cachedTimeZone(store: Store, scope: UserScope): Promise<string | null> {
  await refreshing
    .get(store)
    ?.get(userKey(scope))
    ?.catch(() => undefined);
  return (await store.getUserProfile(scope))?.tz ?? null;
}

/** Refreshes under way, per store (so per app instance) and user: one users.info at a time. */
const refreshing = new WeakMap<Store, Map<string, Promise<string | null>>>();

function userKey(scope: UserScope): string {
  return `${scope.enterpriseId ?? ''}/${scope.teamId}/${scope.userId}`;
}
