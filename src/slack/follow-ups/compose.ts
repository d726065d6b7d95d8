// What the follow-up job posts for each kind: the routine's summary, or a check-in.

import { draftFeedbackRequests } from '../../domain/feedback-requests.js';
import type { FollowUp, Rejection, RejectionEntry } from '../../domain/types.js';
import type { DmMessage } from '../../jobs/follow-up-job.js';
import { buildSummaryMessage } from '../routine/summary-message.js';
import { buildFollowUpMessage } from './message.js';

export function composeFollowUpDm(
  followUp: FollowUp,
  rejection: Rejection,
  entries: RejectionEntry[],
): DmMessage {
  if (followUp.kind !== 'summary') return buildFollowUpMessage(followUp, rejection, entries);
  return buildSummaryMessage({
    rejection,
    feedbackRequests: draftFeedbackRequests(rejection.answers),
    // The reflect follow-up is due when the person chose (step 4).
    followUpAt: rejection.answers.followUpAt ?? null,
    entries,
  });
}
