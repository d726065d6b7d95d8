// Everything of one person at once: their entries across rejections (App Home), what
// `/rejected export` hands back and what `/rejected delete` removes.

import type { EntryData, RejectionEntry, UserData, UserScope } from '../../domain/types.js';
import type { Operation, Row } from '../driver.js';
import { PLAIN_ROWS, type RowSealer } from '../row-sealer.js';
import { rowToEntry, rowToFollowUp, rowToRejection, SCOPE_MATCH, scopeParams } from '../rows.js';
import type { DeletedRecords } from '../store.js';
import { getPrivacySettings } from './privacy.js';
import { getUserProfile } from './user-profiles.js';

/** Oldest first, optionally only one kind (e.g. the feedback heard back, for App Home). */
export function* listUserEntries(
  scope: UserScope,
  options: { kind?: EntryData['kind'] } = {},
  sealer: RowSealer = PLAIN_ROWS,
): Operation<RejectionEntry[]> {
  const byKind = options.kind === undefined ? '' : 'AND kind = ?';
  const rows = yield {
    sql: `SELECT * FROM rejection_entries WHERE ${SCOPE_MATCH} ${byKind} ORDER BY created_at, id`,
    params: [...scopeParams(scope), ...(options.kind === undefined ? [] : [options.kind])],
  };
  return rows.map((row) => rowToEntry(row, sealer));
}

/** Run inside a transaction, so the four reads agree with each other. */
export function* exportUserData(scope: UserScope, sealer: RowSealer = PLAIN_ROWS): Operation<UserData> {
  const rejections = yield {
    sql: `SELECT * FROM rejections WHERE ${SCOPE_MATCH} ORDER BY created_at DESC, id DESC`,
    params: scopeParams(scope),
  };
  const entries = yield* listUserEntries(scope, {}, sealer);
  const followUps = yield {
    sql: `SELECT * FROM follow_ups WHERE ${SCOPE_MATCH} ORDER BY due_at, created_at, id`,
    params: scopeParams(scope),
  };
  return {
    rejections: rejections.map((row) => rowToRejection(row, sealer)),
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
  'shares',
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
  return (yield* deleteUserRecords(scope)).total;
}

/** Run inside a transaction: deletes as deleteUserData does, and says what went. */
export function* deleteUserRecords(scope: UserScope): Operation<DeletedRecords> {
  const deleted: Record<(typeof USER_TABLES)[number], Row[]> = {
    rejection_entries: [],
    follow_ups: [],
    shares: [],
    rejections: [],
    user_profiles: [],
    user_settings: [],
    user_uploads: [],
  };
  const returning: Record<(typeof USER_TABLES)[number], string> = {
    rejection_entries: 'user_id',
    follow_ups: 'id, status',
    shares: 'user_id',
    rejections: 'status',
    user_profiles: 'user_id',
    user_settings: 'user_id',
    user_uploads: 'file_id',
  };
  for (const table of USER_TABLES) {
    deleted[table] = yield {
      sql: `DELETE FROM ${table} WHERE ${SCOPE_MATCH} RETURNING ${returning[table]}`,
      params: scopeParams(scope),
    };
  }
  const followUps = deleted.follow_ups;
  return {
    total: Object.values(deleted).reduce((sum, rows) => sum + rows.length, 0),
    rejections: deleted.rejections.filter((row) => row.status === 'complete').length,
    drafts: deleted.rejections.filter((row) => row.status !== 'complete').length,
    entries: deleted.rejection_entries.length,
    upcomingFollowUps: followUps.filter((row) => row.status === 'pending').length,
    sendingFollowUpIds: followUps.filter((row) => row.status === 'sending').map((row) => String(row.id)),
    uploadIds: deleted.user_uploads.map((row) => String(row.file_id)),
  };
}
