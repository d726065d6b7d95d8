// Saving the follow-up modals: a reflection (a new entry), the plan (the rejection's step-3
// answers), the employer's feedback with the one thing to act on, "how it went", and the day
// to ask again. Each also says which follow-up comes next; the answered one is closed and the
// next stored in one transaction. Validation is answered inline on the field.

import {
  actionCheckDueAt,
  FEEDBACK_CHECK_WORKING_DAYS,
  NEXT_CHECK_IN_WORKING_DAYS,
  workingDaysLater,
} from '../../domain/follow-up-rules.js';
import { getStep, validateStep } from '../../domain/routine.js';
import { mergeStepAnswers } from '../../domain/step-submission.js';
import { SHORT_TEXT_MAX } from '../../domain/steps.js';
import type { NewFollowUp, ReflectionAnswers, UserScope } from '../../domain/types.js';
import type { Store } from '../../store/store.js';
import { FollowUpBlockId } from '../platform/ids.js';
import { readStepAnswers } from '../routine/parse-step.js';
import { FollowUpModalText, type NextChoice } from './modals.js';
import { readDate, readFeedbackText, readOption, readText } from './parse-feedback.js';
import { type FollowUpSubmission, followUpSubmissionCallback } from './submission.js';

const firstField = (step: 2 | 3): string => getStep(step).fields[0]?.id ?? '';

function hasErrors(errors: object): boolean {
  return Object.keys(errors).length > 0;
}

const ACTION_KINDS = new Set(['action_check', 'reflect']);

/** The rejection's action check-in still to come, if one is waiting. */
async function pendingActionCheck(store: Store, scope: UserScope, rejectionId: string) {
  const pending = await store.listFollowUps(scope, { rejectionId, status: 'pending' });
  return pending.find((followUp) => ACTION_KINDS.has(followUp.kind));
}

/** The person's clock decides "a week on": a stale cache is refreshed first. */
async function tzOf(submission: FollowUpSubmission): Promise<string | null> {
  return submission.deps.timeZones.current(submission.client, submission.scope, submission.now);
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

/** "Change the plan": the step-3 answers replaced, and a check-in a week on to see how it goes. */
export const tweakSubmissionCallback = followUpSubmissionCallback({
  name: 'search tweaks',
  errorBlock: firstField(3),
  async save(submission) {
    const { deps, scope, loaded, now, values } = submission;
    const answers = mergeStepAnswers(3, loaded.rejection.answers, readStepAnswers(3, values));
    const errors = validateStep(3, answers, { now });
    if (hasErrors(errors)) return { errors: errors as Record<string, string> };
    await deps.store.updateAnswers(scope, loaded.rejection.id, answers, now);
    const isActionCheck = ACTION_KINDS.has(loaded.followUp.kind);
    if (!isActionCheck) return { choice: { kind: 'tweaked', next: null } };
    const dueAt = workingDaysLater(now, NEXT_CHECK_IN_WORKING_DAYS['1w'], await tzOf(submission));
    return { choice: { kind: 'tweaked', next: dueAt }, next: [{ kind: 'action_check', dueAt }] };
  },
});

/**
 * "Yes, note it": their feedback, the one thing the person will act on, and by when. The action
 * check-in moves to that day (or, when none is waiting, one is planned for it).
 */
export const feedbackSubmissionCallback = followUpSubmissionCallback({
  name: 'feedback',
  errorBlock: FollowUpBlockId.feedbackText,
  async save(submission) {
    const { deps, scope, loaded, now, values } = submission;
    const text = readFeedbackText(values);
    if (text === null)
      return { errors: { [FollowUpBlockId.feedbackText]: FollowUpModalText.feedbackRequired } };
    const rejectionId = loaded.rejection.id;
    await deps.store.addEntry(scope, rejectionId, { kind: 'feedback', received: true, text }, now);
    const action = readText(values, FollowUpBlockId.actionText, SHORT_TEXT_MAX);
    if (action !== null) await deps.store.addEntry(scope, rejectionId, { kind: 'action', text: action }, now);
    const tz = await tzOf(submission);
    const by = readDate(values, FollowUpBlockId.actionBy);
    const waiting = await pendingActionCheck(deps.store, scope, rejectionId);
    const dueAt =
      by !== null
        ? actionCheckDueAt(by, now, tz)
        : (waiting?.dueAt ?? workingDaysLater(now, FEEDBACK_CHECK_WORKING_DAYS, tz));
    let next: NewFollowUp[] = [];
    if (waiting) {
      if (waiting.dueAt.getTime() !== dueAt.getTime())
        await deps.store.rescheduleFollowUp(scope, waiting.id, dueAt, now);
    } else {
      next = [{ kind: 'action_check', dueAt }];
    }
    return { choice: { kind: 'feedback_noted', next: dueAt }, next };
  },
});

/** "Yes, I did it": how it went, then the next check-in, or none (done, or a new role). */
export const didItSubmissionCallback = followUpSubmissionCallback({
  name: 'did it',
  errorBlock: FollowUpBlockId.progressText,
  async save(submission) {
    const { deps, scope, loaded, now, values } = submission;
    const text = readText(values, FollowUpBlockId.progressText, SHORT_TEXT_MAX);
    if (text === null)
      return { errors: { [FollowUpBlockId.progressText]: FollowUpModalText.progressRequired } };
    await deps.store.addEntry(scope, loaded.rejection.id, { kind: 'progress', text }, now);
    const choice = (readOption(values, FollowUpBlockId.nextCheckIn) ?? '1w') as NextChoice;
    if (choice === '1w' || choice === '2w') {
      const dueAt = workingDaysLater(now, NEXT_CHECK_IN_WORKING_DAYS[choice], await tzOf(submission));
      return {
        choice: { kind: 'did_it', next: dueAt, foundRole: false },
        next: [{ kind: 'action_check', dueAt }],
      };
    }
    // Done with this one: nothing else of it is asked (a feedback re-check still waiting included).
    for (const pending of await deps.store.listFollowUps(scope, {
      rejectionId: loaded.rejection.id,
      status: 'pending',
    })) {
      await deps.store.cancelFollowUp(scope, pending.id, now);
    }
    return { choice: { kind: 'did_it', next: null, foundRole: choice === 'found_role' } };
  },
});

/** "Not yet": ask again on the day they picked, in the morning their time. */
export const notYetSubmissionCallback = followUpSubmissionCallback({
  name: 'not yet',
  errorBlock: FollowUpBlockId.askAgainOn,
  async save(submission) {
    const day = readDate(submission.values, FollowUpBlockId.askAgainOn);
    if (day === null) return { errors: { [FollowUpBlockId.askAgainOn]: FollowUpModalText.askAgainRequired } };
    const at = actionCheckDueAt(day, submission.now, await tzOf(submission));
    return { choice: { kind: 'ask_again', at }, next: [{ kind: 'action_check', dueAt: at }] };
  },
});
