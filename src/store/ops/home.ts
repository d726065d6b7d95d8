// Everything App Home reads for one person, as one operation: one connection (one pool
// checkout on PostgreSQL) instead of eight at once for every Home publish.

import type { UserScope } from '../../domain/types.js';
import type { Operation } from '../driver.js';
import { PLAIN_ROWS, type RowSealer } from '../row-sealer.js';
import type { HomeReads } from '../store.js';
import { listFeedbackNotes } from './feedback-notes.js';
import { listFollowUps } from './follow-ups.js';
import { getPrivacySettings } from './privacy.js';
import { findOpenDraft, listRejections } from './rejections.js';
import { listUserEntries } from './user-data.js';

export function* readHome(
  scope: UserScope,
  list: { limit?: number; offset?: number },
  sealer: RowSealer = PLAIN_ROWS,
): Operation<HomeReads> {
  return {
    rejections: yield* listRejections(scope, list, sealer),
    draft: yield* findOpenDraft(scope, sealer),
    pending: yield* listFollowUps(scope, { status: 'pending' }),
    sent: yield* listFollowUps(scope, { status: 'sent' }),
    failed: yield* listFollowUps(scope, { status: 'failed' }),
    feedback: yield* listUserEntries(scope, { kind: 'feedback' }, sealer),
    notes: yield* listFeedbackNotes(scope),
    settings: yield* getPrivacySettings(scope),
  };
}
