// Builds the modal for any step of a draft, with what the builders need from the store
// (the person's timezone for the follow-up picker). Shared by every listener that shows a step.

import { draftFeedbackRequests } from '../../domain/feedback-requests.js';
import { STEP_COUNT } from '../../domain/routine.js';
import type { Rejection, StepNumber, UserScope } from '../../domain/types.js';
import type { ListenerDeps } from '../platform/deps.js';
import type { DraftMetadata } from '../platform/private-metadata.js';
import { buildStepView } from './step-view.js';

export async function stepViewForDraft(
  deps: ListenerDeps,
  scope: UserScope,
  draft: Rejection,
  step: StepNumber,
  /** A step 1 whose draft is not stored yet: its first save creates it (open-routine.ts). */
  unsaved = false,
) {
  return stepViewOf(draft, step, {
    unsaved,
    // Only the last step's follow-up picker needs the timezone; spare the other steps the read.
    tz: step === STEP_COUNT ? await deps.timeZones.cached(scope) : null,
    now: deps.clock(),
    // Asked once: until they answer, step 1 carries the question.
    askEmployedHere: step === 1 && (await deps.store.getPrivacySettings(scope)).employedHere === null,
  });
}

/** The same modal from what the caller already knows: no store read. */
export function stepViewOf(
  draft: Rejection,
  step: StepNumber,
  known: { unsaved: boolean; tz: string | null; now: Date; askEmployedHere: boolean },
) {
  return buildStepView({
    step,
    draftId: draft.id,
    ...(known.unsaved ? { unsaved: true } : {}),
    answers: draft.answers,
    tz: known.tz,
    now: known.now,
    feedbackRequests: draftFeedbackRequests(draft.answers),
    askEmployedHere: known.askEmployedHere,
  });
}

/**
 * The draft a step modal stands for: the stored one, or — a new step 1 whose draft is not
 * stored yet (open-routine.ts) — an empty one its first save creates (`stored: false`).
 * Null when the draft is gone (finished, deleted) or the metadata claims what it cannot.
 */
export async function draftOfModal(
  deps: ListenerDeps,
  scope: UserScope,
  metadata: DraftMetadata,
  step: StepNumber,
  now: Date,
): Promise<{ draft: Rejection; stored: boolean } | null> {
  const draft = await deps.store.getRejection(scope, metadata.draftId);
  if (draft) return { draft, stored: true };
  if (step !== 1 || !metadata.unsaved) return null;
  return {
    draft: {
      id: metadata.draftId,
      scope,
      status: 'draft',
      step: 1,
      answers: {},
      createdAt: now,
      updatedAt: now,
      completedAt: null,
    },
    stored: false,
  };
}
