// The feedback notes of each rejection, and whether the person marked each one sent. Home's
// feedback reading counts "answered" only among notes marked sent, and the rejection view
// shows every note, sent or not.
//
// The wording is drafted from the answers (as step 1 drafted it); whether a note was marked
// sent, and when, comes from the store, the one source of truth for "sent".

import { draftFeedbackRequests, type FeedbackRequest } from '../../domain/feedback-requests.js';
import type { Rejection, FeedbackNote as StoredNote, UserScope } from '../../domain/types.js';
import type { Store } from '../../store/store.js';

export interface FeedbackNote extends FeedbackRequest {
  /** When the person marked the note sent; null until then. */
  sentAt: Date | null;
}

/** rejection id → its notes, for every rejection given. */
export async function loadFeedbackNotes(
  store: Store,
  scope: UserScope,
  rejections: readonly Rejection[],
): Promise<Map<string, FeedbackNote[]>> {
  return notesOf(await store.listFeedbackNotes(scope), rejections);
}

/** The same, from the notes already read (Home reads them with everything else). */
export function notesOf(
  stored: readonly StoredNote[],
  rejections: readonly Rejection[],
): Map<string, FeedbackNote[]> {
  const sentAt = new Map(stored.map((note) => [`${note.rejectionId}/${note.audience}`, note.sentAt]));
  return new Map(
    rejections.map((rejection) => [
      rejection.id,
      draftFeedbackRequests(rejection.answers).map((note) => ({
        ...note,
        sentAt: sentAt.get(`${rejection.id}/${note.audience}`) ?? null,
      })),
    ]),
  );
}
