// What the follow-up job posts for each kind: the routine's summary, or a check-in.

import { draftFeedbackRequests } from '../../domain/feedback-requests.js';
import { DEFAULT_PRIVACY_SETTINGS, type PrivacySettings } from '../../domain/notification-text.js';
import type { FollowUp, Rejection, RejectionEntry } from '../../domain/types.js';
import type { DmMessage } from '../../jobs/follow-up-job.js';
import { buildSummaryMessage } from '../routine/summary-message.js';
import { withShareEntry } from '../sharing/share-entry.js';
import { buildFollowUpMessage } from './message.js';

/** Discreet unless the person turned details on: their settings shape the `text`. */
export function composeFollowUpDm(
  followUp: FollowUp,
  rejection: Rejection,
  entries: RejectionEntry[],
  settings: PrivacySettings = DEFAULT_PRIVACY_SETTINGS,
): DmMessage {
  if (followUp.kind !== 'summary') return buildFollowUpMessage(followUp, rejection, entries, settings);
  const summary = buildSummaryMessage({
    rejection,
    feedbackRequests: draftFeedbackRequests(rejection.answers),
    // The reflect follow-up is due when the person chose (step 4).
    followUpAt: rejection.answers.followUpAt ?? null,
    entries,
    settings,
  });
  // The summary is where a person can share what they worked out (sharing/).
  return withShareEntry(summary, rejection.id);
}
