// What happens when a person submits a step: pure decision, no I/O. The listener does the
// saving and replying; this says whether the answers are valid, which step comes next and
// which follow-ups to store when the routine is finished.

import { feedbackCheckDueAt } from './follow-up-rules.js';
import { getStep, nextStep, validateStep } from './routine.js';
import type { FieldId, NewFollowUp, RoutineAnswers, StepNumber } from './types.js';

/** What a submission is judged against: the clock, and when and where the routine began. */
export interface SubmitContext {
  now: Date;
  /** The person's IANA timezone, or null (UTC). */
  tz: string | null;
  /** When the draft was created: the "did you hear back?" check counts from here. */
  startedAt: Date;
}

export type StepOutcome =
  | { kind: 'invalid'; errors: Partial<Record<FieldId, string>> }
  | { kind: 'next'; step: StepNumber; answers: RoutineAnswers }
  | { kind: 'finish'; answers: RoutineAnswers; followUps: NewFollowUp[] };

/**
 * Replaces this step's fields in the saved answers with what was just sent. Fields of the
 * step that came back empty are cleared, so a person can delete an optional answer.
 */
export function mergeStepAnswers(
  step: StepNumber,
  saved: RoutineAnswers,
  sent: RoutineAnswers,
): RoutineAnswers {
  const merged: RoutineAnswers = { ...saved };
  for (const field of getStep(step).fields) delete merged[field.id];
  return { ...merged, ...sent };
}

export function submitStep(
  step: StepNumber,
  saved: RoutineAnswers,
  sent: RoutineAnswers,
  context: SubmitContext,
): StepOutcome {
  const answers = mergeStepAnswers(step, saved, sent);
  const errors = validateStep(step, answers, { now: context.now });
  if (Object.keys(errors).length > 0) return { kind: 'invalid', errors };
  const next = nextStep(step);
  if (next !== null) return { kind: 'next', step: next, answers };
  // The summary goes out through the same outbox as every follow-up, due at once.
  const summary: NewFollowUp = { kind: 'summary', dueAt: context.now };
  return { kind: 'finish', answers, followUps: [summary, ...followUpsFor(answers, context)] };
}

/**
 * The follow-ups a finished routine schedules: the reflect follow-up at the time the person
 * chose, and the "did you hear back?" check a few days after they started.
 */
export function followUpsFor(answers: RoutineAnswers, context: SubmitContext): NewFollowUp[] {
  const feedbackCheck: NewFollowUp = {
    kind: 'feedback_check',
    dueAt: feedbackCheckDueAt(context.startedAt, context.now, context.tz),
  };
  return answers.followUpAt
    ? [{ kind: 'reflect', dueAt: answers.followUpAt }, feedbackCheck]
    : [feedbackCheck];
}
