// The follow-up DM's choices that open a modal: "Reflect now", "Tweak my search" and "Yes, note
// it". The modal starts from what the person already wrote and holds only ids; saving
// happens on submit (submission.ts).

import { mergeStepAnswers } from '../../domain/step-submission.js';
import type { RoutineAnswers } from '../../domain/types.js';
import { errorCode } from '../../error-code.js';
import type { ModalView } from '../platform/block-kit.js';
import { type FollowUpClick, followUpClickCallback, readButton } from './click.js';
import { buildFeedbackModal, buildReflectModal, buildTweakModal } from './modals.js';
import { FOLLOW_UP_SLOW_TEXT } from './replies.js';

async function open(click: FollowUpClick<null>, view: ModalView): Promise<void> {
  try {
    await click.client.views.open({ trigger_id: click.triggerId, view });
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

export const feedbackYesCallback = followUpClickCallback({
  name: 'feedback yes',
  read: readButton,
  async act(click) {
    await open(
      click,
      buildFeedbackModal({ metadata: metadata(click), answers: click.loaded.rejection.answers }),
    );
  },
});
