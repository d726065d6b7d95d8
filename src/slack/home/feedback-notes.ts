// The feedback notes of each rejection, and whether the person marked each one sent. Home's
// feedback reading counts "answered" only among notes marked sent, and the rejection view
// shows every note, sent or not.
//
// Today the store keeps no "marked sent" state: every note is the one step 1 drafted, not
// marked sent. When the store learns it, this is the one place to read it from.

import { draftFeedbackRequests, type FeedbackRequest } from '../../domain/feedback-requests.js';
import type { Rejection, UserScope } from '../../domain/types.js';
import type { Store } from '../../store/store.js';

export interface FeedbackNote extends FeedbackRequest {
  /** When the person marked the note sent; null until then. */
  sentAt: Date | null;
}

/** rejection id → its notes, for every rejection given. */
export async function loadFeedbackNotes(
  _store: Store,
  _scope: UserScope,
  rejections: readonly Rejection[],
): Promise<Map<string, FeedbackNote[]>> {
  return new Map(
    rejections.map((rejection) => [
      rejection.id,
      draftFeedbackRequests(rejection.answers).map((note) => ({ ...note, sentAt: null })),
    ]),
  );
}
