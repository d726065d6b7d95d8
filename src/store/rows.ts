// Row ↔ record mapping shared by both engines. Columns are snake_case; times are epoch
// milliseconds (SQLite INTEGER, PostgreSQL BIGINT — which pg returns as a string).

import type {
  FollowUp,
  FollowUpKind,
  FollowUpStatus,
  Rejection,
  RejectionEntry,
  RejectionStatus,
  Share,
  SharePart,
  StepNumber,
  UserProfile,
  UserScope,
} from '../domain/types.js';
import { ErrorCode, ReboundError } from '../errors.js';
import type { Row } from './driver.js';
import { PLAIN_ROWS, type RowSealer } from './row-sealer.js';

/** Matches one user's records; bind with `scopeParams`. */
export const SCOPE_MATCH = 'team_id = ? AND enterprise_id = ? AND user_id = ?';

/**
 * Outside Enterprise Grid the enterprise column holds '' rather than NULL, so scope
 * matching is a plain `=` and the user_profiles primary key stays unique.
 */
export function scopeParams(scope: UserScope): [string, string, string] {
  return [scope.teamId, scope.enterpriseId ?? '', scope.userId];
}

export function toMillis(date: Date): number {
  const millis = date.getTime();
  if (Number.isNaN(millis))
    throw new ReboundError(ErrorCode.InvalidPayload, 'store was given an invalid date');
  return millis;
}

export function rowToRejection(row: Row, sealer: RowSealer = PLAIN_ROWS): Rejection {
  const scope = rowScope(row);
  return {
    id: String(row.id),
    scope,
    status: String(row.status) as RejectionStatus,
    step: Number(row.step) as StepNumber,
    answers: sealer.answersFromText(String(row.answers), scope),
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
    completedAt: toNullableDate(row.completed_at),
  };
}

export function rowToFollowUp(row: Row): FollowUp {
  return {
    id: String(row.id),
    rejectionId: String(row.rejection_id),
    scope: rowScope(row),
    kind: String(row.kind) as FollowUpKind,
    dueAt: toDate(row.due_at),
    status: String(row.status) as FollowUpStatus,
    attempts: Number(row.attempts),
    leaseOwner: toNullableString(row.lease_owner),
    leaseUntil: toNullableDate(row.lease_until),
    lastError: toNullableString(row.last_error),
    sendStartedAt: toNullableDate(row.send_started_at),
    retryingSince: toNullableDate(row.retrying_since),
    channelId: toNullableString(row.channel_id),
    messageTs: toNullableString(row.message_ts),
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
    sentAt: toNullableDate(row.sent_at),
  };
}

export function rowToUserProfile(row: Row): UserProfile {
  return {
    scope: rowScope(row),
    tz: toNullableString(row.tz),
    tzFetchedAt: toDate(row.tz_fetched_at),
    homeOpenedAt: toNullableDate(row.home_opened_at),
  };
}

export function rowToEntry(row: Row, sealer: RowSealer = PLAIN_ROWS): RejectionEntry {
  const scope = rowScope(row);
  return {
    id: String(row.id),
    rejectionId: String(row.rejection_id),
    scope,
    data: sealer.entryFromText(String(row.data), scope),
    createdAt: toDate(row.created_at),
  };
}

export function rowToShare(row: Row): Share {
  return {
    id: String(row.id),
    rejectionId: String(row.rejection_id),
    scope: rowScope(row),
    recipientId: String(row.recipient_id),
    parts: JSON.parse(String(row.parts)) as SharePart[],
    channelId: String(row.channel_id),
    messageTs: String(row.message_ts),
    createdAt: toDate(row.created_at),
  };
}

export function rowScope(row: Row): UserScope {
  const enterpriseId = String(row.enterprise_id);
  return {
    teamId: String(row.team_id),
    enterpriseId: enterpriseId === '' ? null : enterpriseId,
    userId: String(row.user_id),
  };
}

function toDate(value: unknown): Date {
  return new Date(Number(value));
}

function toNullableDate(value: unknown): Date | null {
  return value === null || value === undefined ? null : toDate(value);
}

function toNullableString(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}
