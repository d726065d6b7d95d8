// The feedback notes drafted for a finished rejection and whether each was marked sent. The
// store is the one source of truth for "marked sent": the "did you hear back?" check is
// scheduled in the same transaction, and App Home counts answers only among notes marked sent.

import type { FeedbackNote, FollowUp, NewFollowUp, UserScope } from '../../domain/types.js';
import { ErrorCode, ReboundError } from '../../errors.js';
import type { Operation, Row } from '../driver.js';
import { newId } from '../ids.js';
import { SCOPE_MATCH, scopeParams, toMillis } from '../rows.js';
import { insertFollowUp } from './follow-ups.js';

const FEEDBACK_KINDS = "('feedback_check', 'feedback_recheck')";

function rowToNote(row: Row): FeedbackNote {
  const enterpriseId = String(row.enterprise_id);
  return {
    id: String(row.id),
    rejectionId: String(row.rejection_id),
    scope: {
      teamId: String(row.team_id),
      enterpriseId: enterpriseId === '' ? null : enterpriseId,
      userId: String(row.user_id),
    },
    audience: String(row.audience) as FeedbackNote['audience'],
    createdAt: new Date(Number(row.created_at)),
    sentAt: row.sent_at === null || row.sent_at === undefined ? null : new Date(Number(row.sent_at)),
  };
}

/** Employer first, then the recruiter or headhunter: the order the summary sends them in. */
const NOTE_ORDER = "created_at, CASE audience WHEN 'employer' THEN 0 ELSE 1 END, id";

/** This user's notes, oldest first; optionally only one rejection's. */
export function* listFeedbackNotes(
  scope: UserScope,
  options: { rejectionId?: string } = {},
): Operation<FeedbackNote[]> {
  const byRejection = options.rejectionId === undefined ? '' : 'AND rejection_id = ?';
  const rows = yield {
    sql: `SELECT * FROM feedback_notes WHERE ${SCOPE_MATCH} ${byRejection} ORDER BY ${NOTE_ORDER}`,
    params: [...scopeParams(scope), ...(options.rejectionId === undefined ? [] : [options.rejectionId])],
  };
  return rows.map(rowToNote);
}

/**
 * One note per audience for a complete rejection of this scope; saving the same audience
 * again keeps the first (so a retried summary never doubles a note). Returns all its notes.
 */
export function* saveFeedbackNotes(
  scope: UserScope,
  rejectionId: string,
  audiences: FeedbackNote['audience'][],
  now: Date,
): Operation<FeedbackNote[]> {
  for (const audience of audiences) {
    yield {
      sql: `INSERT INTO feedback_notes (id, rejection_id, team_id, enterprise_id, user_id, audience, created_at)
            SELECT ?, id, team_id, enterprise_id, user_id, ?, ? FROM rejections
            WHERE id = ? AND ${SCOPE_MATCH} AND status = 'complete'
            ON CONFLICT (rejection_id, audience) DO NOTHING`,
      params: [newId(), audience, toMillis(now), rejectionId, ...scopeParams(scope)],
    };
  }
  return yield* listFeedbackNotes(scope, { rejectionId });
}

export function* findFeedbackNote(scope: UserScope, id: string): Operation<FeedbackNote | null> {
  const rows = yield {
    sql: `SELECT * FROM feedback_notes WHERE id = ? AND ${SCOPE_MATCH}`,
    params: [id, ...scopeParams(scope)],
  };
  return rows[0] ? rowToNote(rows[0]) : null;
}

/**
 * Run inside a transaction. Marks the note sent and schedules `check` unless the rejection
 * already has a feedback check waiting or out (two notes, one question). The conditional
 * UPDATE is the race arbiter: a double click finds it sent and throws `store_conflict`.
 */
export function* markFeedbackNoteSent(
  scope: UserScope,
  id: string,
  check: NewFollowUp,
  now: Date,
): Operation<{ note: FeedbackNote; followUp: FollowUp | null }> {
  const rows = yield {
    sql: `UPDATE feedback_notes SET sent_at = ? WHERE id = ? AND ${SCOPE_MATCH} AND sent_at IS NULL RETURNING *`,
    params: [toMillis(now), id, ...scopeParams(scope)],
  };
  const [row] = rows;
  if (!row) {
    const current = yield* findFeedbackNote(scope, id);
    if (!current) throw new ReboundError(ErrorCode.StoreNotFound, `feedback note ${id} not found`);
    throw new ReboundError(ErrorCode.StoreConflict, `feedback note ${id} is already marked sent`);
  }
  const note = rowToNote(row);
  const waiting = yield {
    sql: `SELECT id FROM follow_ups WHERE rejection_id = ? AND ${SCOPE_MATCH}
          AND kind IN ${FEEDBACK_KINDS} AND status IN ('pending', 'sending', 'sent')`,
    params: [note.rejectionId, ...scopeParams(scope)],
  };
  if (waiting.length > 0) return { note, followUp: null };
  const followUp = yield* insertFollowUp({ id: note.rejectionId, scope }, check, toMillis(now));
  return { note, followUp };
}

/** "I didn't send it": the rejection's notes are drafts again. Returns how many changed. */
export function* unmarkFeedbackNotesSent(scope: UserScope, rejectionId: string): Operation<number> {
  const rows = yield {
    sql: `UPDATE feedback_notes SET sent_at = NULL
          WHERE rejection_id = ? AND ${SCOPE_MATCH} AND sent_at IS NOT NULL RETURNING id`,
    params: [rejectionId, ...scopeParams(scope)],
  };
  return rows.length;
}
