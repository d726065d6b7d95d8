// A person's privacy settings (details in notifications, searching while employed here) and
// the files Rebound uploaded to their DM, which delete removes from Slack as well.

import { DEFAULT_PRIVACY_SETTINGS, type PrivacySettings } from '../../domain/notification-text.js';
import type { UserScope } from '../../domain/types.js';
import type { Operation, Row } from '../driver.js';
import { SCOPE_MATCH, scopeParams, toMillis } from '../rows.js';

function rowToSettings(row: Row): PrivacySettings {
  const employed = row.employed_here;
  return {
    showDetails: Number(row.show_details) === 1,
    employedHere: employed === null || employed === undefined ? null : Number(employed) === 1,
  };
}

/** The defaults (discreet, not yet asked) for someone who never chose. */
export function* getPrivacySettings(scope: UserScope): Operation<PrivacySettings> {
  const rows = yield { sql: `SELECT * FROM user_settings WHERE ${SCOPE_MATCH}`, params: scopeParams(scope) };
  return rows[0] ? rowToSettings(rows[0]) : { ...DEFAULT_PRIVACY_SETTINGS };
}

/** Changes only the settings given; the others keep their stored (or default) value. */
export function* savePrivacySettings(
  scope: UserScope,
  change: Partial<PrivacySettings>,
  now: Date,
): Operation<PrivacySettings> {
  const merged = { ...(yield* getPrivacySettings(scope)), ...change };
  const employed = merged.employedHere === null ? null : merged.employedHere ? 1 : 0;
  yield {
    sql: `INSERT INTO user_settings (team_id, enterprise_id, user_id, show_details, employed_here, updated_at)
          VALUES (?, ?, ?, ?, ?, ?)
          ON CONFLICT (team_id, enterprise_id, user_id)
          DO UPDATE SET show_details = excluded.show_details, employed_here = excluded.employed_here,
            updated_at = excluded.updated_at`,
    params: [...scopeParams(scope), merged.showDetails ? 1 : 0, employed, toMillis(now)],
  };
  return merged;
}

export function* recordUpload(scope: UserScope, fileId: string, now: Date): Operation<void> {
  yield {
    sql: `INSERT INTO user_uploads (file_id, team_id, enterprise_id, user_id, uploaded_at) VALUES (?, ?, ?, ?, ?)
          ON CONFLICT (file_id) DO NOTHING`,
    params: [fileId, ...scopeParams(scope), toMillis(now)],
  };
}

/** Oldest first. */
export function* listUploads(scope: UserScope): Operation<string[]> {
  const rows = yield {
    sql: `SELECT file_id FROM user_uploads WHERE ${SCOPE_MATCH} ORDER BY uploaded_at, file_id`,
    params: scopeParams(scope),
  };
  return rows.map((row) => String(row.file_id));
}
