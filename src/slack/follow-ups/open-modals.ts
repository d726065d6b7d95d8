// The follow-up DM's choices that open a modal: "Reflect now" (older DMs), "Change the plan",
// "Yes, note it", "Yes, I did it" and "Not yet". The modal starts from what the person
// already wrote and holds only ids; saving happens on submit (forms.ts).

import { FEEDBACK_CHECK_WORKING_DAYS, workingDaysLater } from '../../domain/follow-up-rules.js';
import { mergeStepAnswers } from '../../domain/step-submission.js';
import { instantToZonedParts } from '../../domain/time.js';
import type { RoutineAnswers } from '../../domain/types.js';
import { errorCode } from '../../error-code.js';
import type { ModalView } from '../platform/block-kit.js';
import { viewPayload } from '../platform/view-payload.js';
import { type FollowUpClick, followUpClickCallback, readButton } from './click.js';
import {
  buildDidItModal,
  buildFeedbackModal,
  buildNotYetModal,
  buildReflectModal,
  buildTweakModal,
} from './modals.js';
import { isoDate } from './parse-feedback.js';
import { FOLLOW_UP_SLOW_TEXT } from './replies.js';

async function open(click: FollowUpClick<null>, view: ModalView): Promise<void> {
  try {
    await click.client.views.open({ trigger_id: click.triggerId, view: viewPayload(view) });
  } catch (error) {
    click.deps.logger.warn(
      `Follow-up ${click.loaded.followUp.id}: a follow-up modal did not open:`,
      errorCode(error),
    );
    await click.tell(FOLLOW_UP_SLOW_TEXT);
  }
}

function metadata(click: FollowUpClick<null>) {
  return { followUpId: click.loaded.followUp.id };
}

export const reflectNowCallback = followUpClickCallback({
  name: 'reflect now',
  read: readButton,
  async act(click) {
    const { rejection } = click.loaded;
    // What they last wrote: the newest reflection entry, else their step-2 answers.
    const entries = await click.deps.store.listEntries(click.scope, rejection.id);
    const latest = entries.findLast((entry) => entry.data.kind === 'reflection')?.data;
    const answers: RoutineAnswers =
      latest?.kind === 'reflection'
        ? mergeStepAnswers(2, rejection.answers, latest.answers)
        : rejection.answers;
    await open(click, buildReflectModal({ metadata: metadata(click), answers, now: click.now }));
  },
});

export const tweakSearchCallback = followUpClickCallback({
  name: 'tweak my search',
  read: readButton,
  async act(click) {
    const answers = click.loaded.rejection.answers;
    await open(click, buildTweakModal({ metadata: metadata(click), answers, now: click.now }));
  },
});

/** A local date a few working days on, for a date picker to start from. */
async function workingDaysOn(click: FollowUpClick<null>, days: number): Promise<string> {
  const tz = await click.deps.timeZones.cached(click.scope);
  return isoDate(instantToZonedParts(workingDaysLater(click.now, days, tz), tz));
}

export const feedbackYesCallback = followUpClickCallback({
  name: 'feedback yes',
  read: readButton,
  async act(click) {
    const actionBy = await workingDaysOn(click, FEEDBACK_CHECK_WORKING_DAYS);
    await open(
      click,
      buildFeedbackModal({ metadata: metadata(click), answers: click.loaded.rejection.answers, actionBy }),
    );
  },
});

export const didItCallback = followUpClickCallback({
  name: 'did it',
  read: readButton,
  async act(click) {
    await open(click, buildDidItModal({ metadata: metadata(click) }));
  },
});

/** Days ahead the "ask again" picker starts on. */
const ASK_AGAIN_WORKING_DAYS = 2;

export const notYetCallback = followUpClickCallback({
  name: 'not yet',
  read: readButton,
  async act(click) {
    const askOn = await workingDaysOn(click, ASK_AGAIN_WORKING_DAYS);
    await open(click, buildNotYetModal({ metadata: metadata(click), askOn }));
  },
});
