// Going Back or closing a step keeps what was typed on it in the draft, unvalidated, so the
// next view or the next `/rejected` starts from exactly there.

import { mergeStepAnswers } from '../../domain/step-submission.js';
import type { Rejection, StepNumber, UserScope } from '../../domain/types.js';
import type { ListenerDeps } from '../platform/deps.js';
import { readStepAnswers } from './parse-step.js';

/**
 * The draft with step `step`'s typed answers, saved at step `at`; null if it is no longer a
 * draft. A new step 1 not stored yet (`unsaved`, open-routine.ts) is created here, so closing
 * it at once still keeps the company for the next `/rejected`.
 */
export async function keepTypedAnswers(
  deps: Pick<ListenerDeps, 'store' | 'clock'>,
  scope: UserScope,
  typed: {
    draftId: string;
    step: StepNumber;
    values: Record<string, Record<string, unknown>>;
    unsaved?: boolean;
  },
  at: StepNumber,
): Promise<Rejection | null> {
  const now = deps.clock();
  const draft = await deps.store.getRejection(scope, typed.draftId);
  if (!draft && typed.unsaved && typed.step === 1) {
    const answers = mergeStepAnswers(1, {}, readStepAnswers(1, typed.values));
    return deps.store.createDraft(scope, answers, now, { id: typed.draftId, step: at });
  }
  if (draft?.status !== 'draft') return null;
  const answers = mergeStepAnswers(typed.step, draft.answers, readStepAnswers(typed.step, typed.values));
  return deps.store.saveDraft(scope, draft.id, at, answers, now);
}
