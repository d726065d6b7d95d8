// What Rebound remembers about a Slack user: their timezone and when it was fetched, and when
// they first opened Rebound's Home.

import type { UserProfile, UserScope } from '../../domain/types.js';
import type { Operation } from '../driver.js';
import { rowToUserProfile, SCOPE_MATCH, scopeParams, toMillis } from '../rows.js';
import { onlyRow } from './shared.js';

export function* getUserProfile(scope: UserScope): Operation<UserProfile | null> {
  const rows = yield { sql: `SELECT * FROM user_profiles WHERE ${SCOPE_MATCH}`, params: scopeParams(scope) };
  return rows[0] ? rowToUserProfile(rows[0]) : null;
}

export function* saveUserProfile(scope: UserScope, tz: string | null, now: Date): Operation<UserProfile> {
  const rows = yield {
    sql: `INSERT INTO user_profiles (team_id, enterprise_id, user_id, tz, tz_fetched_at) VALUES (?, ?, ?, ?, ?)
          ON CONFLICT (team_id, enterprise_id, user_id)
          DO UPDATE SET tz = excluded.tz, tz_fetched_at = excluded.tz_fetched_at
          RETURNING *`,
    params: [...scopeParams(scope), tz, toMillis(now)],
  };
  return rowToUserProfile(onlyRow(rows, 'user profile'));
}

/** Remembers their first visit to Home; later visits keep it. A new row's timezone is stale. */
export function* noteHomeOpened(scope: UserScope, now: Date): Operation<void> {
  yield {
    sql: `INSERT INTO user_profiles (team_id, enterprise_id, user_id, tz, tz_fetched_at, home_opened_at)
          VALUES (?, ?, ?, NULL, 0, ?)
          ON CONFLICT (team_id, enterprise_id, user_id)
          DO UPDATE SET home_opened_at = COALESCE(user_profiles.home_opened_at, excluded.home_opened_at)`,
    params: [...scopeParams(scope), toMillis(now)],
  };
}
