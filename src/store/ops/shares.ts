// Notes a person shared from a rejection: recorded once Slack accepted the DM, so each can be
// deleted again (Stop sharing, /rejected delete). Scoped to the person who shared.

import type { Share, SharePart, UserScope } from '../../domain/types.js';
import { ErrorCode, ReboundError } from '../../errors.js';
import type { Operation } from '../driver.js';
import { newId } from '../ids.js';
import { rowToShare, SCOPE_MATCH, scopeParams, toMillis } from '../rows.js';

export interface NewShare {
  recipientId: string;
  parts: SharePart[];
  channelId: string;
  messageTs: string;
}

/** Only a complete rejection of this scope can be shared: the INSERT copies its scope. */
export function* recordShare(
  scope: UserScope,
  rejectionId: string,
  share: NewShare,
  now: Date,
): Operation<Share> {
  const rows = yield {
    sql: `INSERT INTO shares (id, rejection_id, team_id, enterprise_id, user_id, recipient_id, parts,
                              channel_id, message_ts, created_at)
          SELECT ?, id, team_id, enterprise_id, user_id, ?, ?, ?, ?, ? FROM rejections
          WHERE id = ? AND ${SCOPE_MATCH} AND status = 'complete'
          RETURNING *`,
    params: [
      newId(),
      share.recipientId,
      JSON.stringify(share.parts),
      share.channelId,
      share.messageTs,
      toMillis(now),
      rejectionId,
      ...scopeParams(scope),
    ],
  };
  if (rows[0]) return rowToShare(rows[0]);
  throw new ReboundError(ErrorCode.StoreNotFound, `complete rejection ${rejectionId} not found`);
}

/** Newest first; optionally one rejection's. */
export function* listShares(scope: UserScope, options: { rejectionId?: string } = {}): Operation<Share[]> {
  const byRejection = options.rejectionId === undefined ? '' : 'AND rejection_id = ?';
  const rows = yield {
    sql: `SELECT * FROM shares WHERE ${SCOPE_MATCH} ${byRejection} ORDER BY created_at DESC, id DESC`,
    params: [...scopeParams(scope), ...(options.rejectionId === undefined ? [] : [options.rejectionId])],
  };
  return rows.map(rowToShare);
}

export function* findShare(scope: UserScope, id: string): Operation<Share | null> {
  const rows = yield {
    sql: `SELECT * FROM shares WHERE id = ? AND ${SCOPE_MATCH}`,
    params: [id, ...scopeParams(scope)],
  };
  return rows[0] ? rowToShare(rows[0]) : null;
}

/** Forgets a share (its note was deleted); true when there was one. */
export function* deleteShare(scope: UserScope, id: string): Operation<boolean> {
  const rows = yield {
    sql: `DELETE FROM shares WHERE id = ? AND ${SCOPE_MATCH} RETURNING id`,
    params: [id, ...scopeParams(scope)],
  };
  return rows.length > 0;
}
