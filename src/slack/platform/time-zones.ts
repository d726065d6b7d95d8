// Slack tells us a user's timezone only through users.info. We cache it in the store and
// refresh it daily (people travel) when step 1 is answered or a draft is offered again, so
// neither `/rejected` nor any modal waits on it (routine/open-routine.ts, step-submission.ts).
// One TimeZones per app instance (built in app.ts): it remembers the refreshes under way, so
// each user gets one users.info at a time and a step that needs the zone can wait for it.

import type { Logger, webApi } from '@slack/bolt';
import { isValidTimeZone } from '../../domain/time.js';
import { type UserScope, userKey } from '../../domain/types.js';
import { errorCode } from '../../error-code.js';
import type { Store } from '../../store/store.js';
import type { ProfileNames } from './profile-name.js';

export const TIMEZONE_REFRESH_MS = 24 * 60 * 60 * 1000;

export interface TimeZones {
  /** Refreshes the cached timezone when it is a day old; returns it (null when Slack has none). */
  refresh(client: webApi.WebClient, scope: UserScope, now: Date): Promise<string | null>;
  /**
   * The timezone to compute "3 days from now" in: refreshed when stale, and when Slack cannot
   * be asked, the last one known (logged by code), so a person's click never fails on it.
   */
  current(client: webApi.WebClient, scope: UserScope, now: Date): Promise<string | null>;
  /**
   * The cached timezone, or null (views then fall back to UTC). A refresh still under way (started
   * when they answered step 1) is waited for, so a quick first-timer never gets a follow-up
   * time computed in UTC.
   */
  cached(scope: UserScope): Promise<string | null>;
}

export function createTimeZones({
  store,
  logger,
  names,
}: {
  store: Store;
  logger: Logger;
  /** users.info also tells their name: kept for signing their notes (profile-name.ts). */
  names?: ProfileNames;
}): TimeZones {
  const refreshing = new Map<string, Promise<string | null>>();

  const fetchIfStale = async (client: webApi.WebClient, scope: UserScope, now: Date) => {
    const profile = await store.getUserProfile(scope);
    if (profile && now.getTime() - profile.tzFetchedAt.getTime() < TIMEZONE_REFRESH_MS) return profile.tz;
    const result = await client.users.info({ user: scope.userId });
    names?.remember(scope, result.user, now);
    const tz = result.user?.tz;
    // isValidTimeZone reuses one cached Intl formatter per zone: building a new one for each
    // check cost CPU and native memory that a GC does not give back (see BENCHMARKS.md).
    return (await store.saveUserProfile(scope, isValidTimeZone(tz) ? tz : null, now)).tz;
  };

  const zones: TimeZones = {
    refresh(client, scope, now) {
      const key = userKey(scope);
      const running = refreshing.get(key);
      if (running) return running;
      const refresh = fetchIfStale(client, scope, now).finally(() => refreshing.delete(key));
      refreshing.set(key, refresh);
      return refresh;
    },
    async current(client, scope, now) {
      try {
        return await zones.refresh(client, scope, now);
      } catch (error) {
        logger.warn('users.info for the timezone failed:', errorCode(error));
        return zones.cached(scope);
      }
    },
    async cached(scope) {
      await refreshing.get(userKey(scope))?.catch(() => undefined);
      return (await store.getUserProfile(scope))?.tz ?? null;
    },
  };
  return zones;
}
