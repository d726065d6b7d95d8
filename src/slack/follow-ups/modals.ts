// The short modals a follow-up opens: reflect again (the step-2 prompts), tweak the search (the
// step-3 fields) and note the employer's feedback. Each starts from what the person already
// wrote, and carries only ids in private_metadata.

import { getStep } from '../../domain/routine.js';
import { LONG_TEXT_MAX } from '../../domain/steps.js';
import type { RoutineAnswers } from '../../domain/types.js';
import { type KnownBlock, Limit, type ModalView, mrkdwnSection, plainText } from '../platform/block-kit.js';
import { ActionId, FollowUpBlockId, FollowUpCallbackId } from '../platform/ids.js';
import { escapeMrkdwn, escapeName } from '../platform/mrkdwn.js';
import { inputBlock } from '../routine/step-view.js';
import { encodeFollowUpMetadata, type FollowUpMetadata } from './refs.js';

export interface FollowUpModalInput {
  metadata: FollowUpMetadata;
  /** The rejection's answers, with the latest reflection laid over them for "Reflect now". */
  answers: RoutineAnswers;
  now: Date;
}

export const FollowUpModalText = {
  save: 'Save',
  cancel: 'Cancel',
  reflectTitle: 'Reflect',
  tweakTitle: 'Tweak my search',
  feedbackTitle: 'Their feedback',
  feedbackLabel: 'What did they say?',
  feedbackHint: 'Their words or your own summary. Only you will see this.',
  feedbackRequired: 'Add a line about what they said.',
} as const;

function company(answers: RoutineAnswers): string {
  const name = escapeName(answers.company);
  return name ? `*${name}*` : 'this one';
}

function modal(
  callbackId: string,
  title: string,
  metadata: FollowUpMetadata,
  blocks: KnownBlock[],
): ModalView {
  return {
    type: 'modal',
    callback_id: callbackId,
    private_metadata: encodeFollowUpMetadata(metadata),
    title: plainText(title, Limit.modalTitle),
    submit: plainText(FollowUpModalText.save, Limit.modalButton),
    close: plainText(FollowUpModalText.cancel, Limit.modalButton),
    blocks,
  };
}

/** "Reflect now": the step-2 prompts, filled with what they last wrote. Saved as a new entry. */
export function buildReflectModal(input: FollowUpModalInput): ModalView {
  const step = getStep(2);
  return modal(FollowUpCallbackId.reflect, FollowUpModalText.reflectTitle, input.metadata, [
    mrkdwnSection(
      `Looking back at ${company(input.answers)}\nAdd to what you wrote or change it. Any one answer is enough.`,
    ),
    ...step.fields.map((field) => inputBlock(field, { answers: input.answers, tz: null, now: input.now })),
  ]);
}

/** "Tweak my search": the step-3 fields as they were saved. */
export function buildTweakModal(input: FollowUpModalInput): ModalView {
  const step = getStep(3);
  return modal(FollowUpCallbackId.tweak, FollowUpModalText.tweakTitle, input.metadata, [
    mrkdwnSection(`*${escapeMrkdwn(step.heading)}*\n${escapeMrkdwn(step.intro)}`),
    ...step.fields.map((field) => inputBlock(field, { answers: input.answers, tz: null, now: input.now })),
  ]);
}

/** "Yes, note it": one box for what the employer said. */
export function buildFeedbackModal(input: Omit<FollowUpModalInput, 'now'>): ModalView {
  return modal(FollowUpCallbackId.feedback, FollowUpModalText.feedbackTitle, input.metadata, [
    mrkdwnSection(`Note what ${company(input.answers)} said, in a line or two. It stays with your plan.`),
    {
      type: 'input',
      block_id: FollowUpBlockId.feedbackText,
      label: plainText(FollowUpModalText.feedbackLabel, Limit.label),
      hint: plainText(FollowUpModalText.feedbackHint, Limit.hint),
      element: {
        type: 'plain_text_input',
        action_id: ActionId.fieldValue,
        multiline: true,
        max_length: LONG_TEXT_MAX,
      },
    },
  ]);
}
