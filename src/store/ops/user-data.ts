// Everything of one person at once: their entries across rejections (App Home), what
// `/rejected export` hands back and what `/rejected delete` removes.

import type { EntryData, RejectionEntry, UserData, UserScope } from '../../domain/types.js';
import type { Operation } from '../driver.js';
import { rowToEntry, rowToFollowUp, rowToRejection, SCOPE_MATCH, scopeParams } from '../rows.js';
import { getPrivacySettings } from './privacy.js';
import { getUserProfile } from './user-profiles.js';

/** Oldest first, optionally only one kind (e.g. the feedback heard back, for App Home). */
export function* listUserEntries(
  scope: UserScope,
  options: { kind?: EntryData['kind'] } = {},
): Operation<RejectionEntry[]> {
  const byKind = options.kind === undefined ? '' : 'AND kind = ?';
  const rows = yield {
    sql: `SELECT * FROM rejection_entries WHERE ${SCOPE_MATCH} ${byKind} ORDER BY created_at, id`,
    params: [...scopeParams(scope), ...(options.kind === undefined ? [] : [options.kind])],
  };
  return rows.map(rowToEntry);
}

/** Run inside a transaction, so the four reads agree with each other. */
export function* exportUserData(scope: UserScope): Operation<UserData> {
  const rejections = yield {
    sql: `SELECT * FROM rejections WHERE ${SCOPE_MATCH} ORDER BY created_at DESC, id DESC`,
    params: scopeParams(scope),
  };
  const entries = yield* listUserEntries(scope);
  const followUps = yield {
    sql: `SELECT * FROM follow_ups WHERE ${SCOPE_MATCH} ORDER BY due_at, created_at, id`,
    params: scopeParams(scope),
  };
  return {
    rejections: rejections.map(rowToRejection),
    entries,
    followUps: followUps.map(rowToFollowUp),
    profile: yield* getUserProfile(scope),
    settings: yield* getPrivacySettings(scope),
  };
}

/** Every table holding one person's records, children before the rejections they reference. */
export const USER_TABLES = [
  'rejection_entries',
  'follow_ups',
  'rejections',
  'user_profiles',
  'user_settings',
  'user_uploads',
] as const;

/**
 * Run inside a transaction: all of it goes, or none. Children before the rejections they
 * reference. Pending follow-ups go with the rest, so no follow-up is sent afterwards.
 */
export function* deleteUserData(scope: UserScope): Operation<number> {
  let removed = 0;
  for (const table of USER_TABLES) {
    const rows = yield {
      sql: `DELETE FROM ${table} WHERE ${SCOPE_MATCH} RETURNING user_id`,
      params: scopeParams(scope),
    };
    removed += rows.length;
  }
  return removed;
}
