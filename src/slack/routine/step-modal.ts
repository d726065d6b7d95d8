// Builds the modal for any step of a draft, with what the builders need from the store
// (the person's timezone for the follow-up picker). Shared by every listener that shows a step.

import { draftFeedbackRequests } from '../../domain/feedback-requests.js';
import { STEP_COUNT } from '../../domain/routine.js';
import type { Rejection, StepNumber, UserScope } from '../../domain/types.js';
import type { ListenerDeps } from '../platform/deps.js';
import { buildStepView } from './step-view.js';

export async function stepViewForDraft(
  deps: ListenerDeps,
  scope: UserScope,
  draft: Rejection,
  step: StepNumber,
) {
  return buildStepView({
    step,
    draftId: draft.id,
    answers: draft.answers,
    // Only the last step's follow-up picker needs the timezone; spare the other steps the read.
    tz: step === STEP_COUNT ? await deps.timeZones.cached(scope) : null,
    now: deps.clock(),
    feedbackRequests: draftFeedbackRequests(draft.answers),
    // Asked once: until they answer, step 1 carries the question.
    askEmployedHere: step === 1 && (await deps.store.getPrivacySettings(scope)).employedHere === null,
  });
}
