// Saving the three follow-up modals: a reflection (a new entry), search tweaks (the rejection's
// step-3 answers) and the employer's feedback (a new entry). Validation is the routine's own,
// answered inline on the field.

import { getStep, validateStep } from '../../domain/routine.js';
import { mergeStepAnswers } from '../../domain/step-submission.js';
import type { ReflectionAnswers } from '../../domain/types.js';
import { FollowUpBlockId } from '../platform/ids.js';
import { readStepAnswers } from '../routine/parse-step.js';
import { FollowUpModalText } from './modals.js';
import { readFeedbackText } from './parse-feedback.js';
import { followUpSubmissionCallback } from './submission.js';

const firstField = (step: 2 | 3): string => getStep(step).fields[0]?.id ?? '';

function hasErrors(errors: object): boolean {
  return Object.keys(errors).length > 0;
}

export const reflectSubmissionCallback = followUpSubmissionCallback({
  name: 'reflection',
  errorBlock: firstField(2),
  async save({ deps, scope, loaded, now, values }) {
    const answers: ReflectionAnswers = readStepAnswers(2, values);
    const errors = validateStep(2, answers, { now });
    if (hasErrors(errors)) return { errors: errors as Record<string, string> };
    await deps.store.addEntry(scope, loaded.rejection.id, { kind: 'reflection', answers }, now);
    return { choice: { kind: 'reflected' } };
  },
});

export const tweakSubmissionCallback = followUpSubmissionCallback({
  name: 'search tweaks',
  errorBlock: firstField(3),
  async save({ deps, scope, loaded, now, values }) {
    const answers = mergeStepAnswers(3, loaded.rejection.answers, readStepAnswers(3, values));
    const errors = validateStep(3, answers, { now });
    if (hasErrors(errors)) return { errors: errors as Record<string, string> };
    await deps.store.updateAnswers(scope, loaded.rejection.id, answers, now);
    return { choice: { kind: 'tweaked' } };
  },
});

export const feedbackSubmissionCallback = followUpSubmissionCallback({
  name: 'feedback',
  errorBlock: FollowUpBlockId.feedbackText,
  async save({ deps, scope, loaded, now, values }) {
    const text = readFeedbackText(values);
    if (text === null)
      return { errors: { [FollowUpBlockId.feedbackText]: FollowUpModalText.feedbackRequired } };
    await deps.store.addEntry(scope, loaded.rejection.id, { kind: 'feedback', received: true, text }, now);
    return { choice: { kind: 'feedback_noted' } };
  },
});
