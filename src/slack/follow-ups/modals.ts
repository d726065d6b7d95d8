// The short modals a follow-up opens: reflect again (the step-2 prompts), change the plan (the
// step-3 fields), note the employer's feedback and what to act on, say how it went, and pick
// a day to be asked again. Each starts from what the person already
// wrote, and carries only ids in private_metadata.

import { getStep } from '../../domain/routine.js';
import { LONG_TEXT_MAX, SHORT_TEXT_MAX } from '../../domain/steps.js';
import type { RoutineAnswers } from '../../domain/types.js';
import type { KnownBlock, ModalView } from '../platform/block-kit.js';
import { Limit, modal, mrkdwnSection, option, plainText } from '../platform/block-kit.js';
import { ActionId, FollowUpBlockId, FollowUpCallbackId } from '../platform/ids.js';
import { escapeMrkdwn, escapeName, fitRendered, quote } from '../platform/mrkdwn.js';
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
  matchQuestion: '*Does this match what you wrote?*',
  actionLabel: "What's one thing you'll act on?",
  actionPlaceholder: 'e.g. bring two project stories to every interview',
  actionByLabel: 'By when?',
  actionByHint: "We'll check in that morning to see how it went.",
  didItTitle: 'How it went',
  didItIntro: 'Nice. A line on how it went is plenty.',
  progressLabel: 'How did it go?',
  progressRequired: 'Add a line on how it went.',
  nextLabel: 'Another check-in?',
  nextWeek: 'In a week',
  nextTwoWeeks: 'In two weeks',
  nextDone: "No more, I'm done",
  nextFoundRole: 'I found a role',
  notYetTitle: 'Ask again',
  notYetIntro: 'No rush. When should we ask again?',
  askAgainLabel: 'Ask me on',
  askAgainRequired: 'Pick a day.',
} as const;

/** The next check-in a person picks after "Yes, I did it". */
export type NextChoice = '1w' | '2w' | 'done' | 'found_role';

export const NEXT_CHOICES: readonly { value: NextChoice; label: string }[] = [
  { value: '1w', label: FollowUpModalText.nextWeek },
  { value: '2w', label: FollowUpModalText.nextTwoWeeks },
  { value: 'done', label: FollowUpModalText.nextDone },
  { value: 'found_role', label: FollowUpModalText.nextFoundRole },
];

function company(answers: RoutineAnswers): string {
  const name = escapeName(answers.company);
  return name ? `*${name}*` : 'this one';
}

function followUpModal(
  callbackId: string,
  title: string,
  metadata: FollowUpMetadata,
  blocks: KnownBlock[],
): ModalView {
  return modal({
    callbackId,
    privateMetadata: encodeFollowUpMetadata(metadata),
    title,
    submit: FollowUpModalText.save,
    close: FollowUpModalText.cancel,
    blocks,
  });
}

/** "Reflect now": the step-2 prompts, filled with what they last wrote. Saved as a new entry. */
export function buildReflectModal(input: FollowUpModalInput): ModalView {
  const step = getStep(2);
  return followUpModal(FollowUpCallbackId.reflect, FollowUpModalText.reflectTitle, input.metadata, [
    mrkdwnSection(
      `Looking back at ${company(input.answers)}\nAdd to what you wrote or change it. Any one answer is enough.`,
    ),
    ...step.fields.map((field) => inputBlock(field, { answers: input.answers, tz: null, now: input.now })),
  ]);
}

/** "Tweak my search": the step-3 fields as they were saved. */
export function buildTweakModal(input: FollowUpModalInput): ModalView {
  const step = getStep(3);
  return followUpModal(FollowUpCallbackId.tweak, FollowUpModalText.tweakTitle, input.metadata, [
    mrkdwnSection(`*${escapeMrkdwn(step.heading)}*\n${escapeMrkdwn(step.intro)}`),
    ...step.fields.map((field) => inputBlock(field, { answers: input.answers, tz: null, now: input.now })),
  ]);
}

/** The first thing they wrote in step 2 (or their lesson), to set the feedback beside. */
function ownWords(answers: RoutineAnswers): string | undefined {
  const written = [
    answers.interview,
    answers.preparation,
    answers.strengths,
    answers.rapport,
    answers.lesson,
  ];
  return written.find((text) => text !== undefined && text.trim() !== '');
}

function datepicker(
  blockId: string,
  label: string,
  initialDate: string,
  optional: boolean,
  hint?: string,
): KnownBlock {
  return {
    type: 'input',
    block_id: blockId,
    optional,
    label: plainText(label, Limit.label),
    ...(hint === undefined ? {} : { hint: plainText(hint, Limit.hint) }),
    element: { type: 'datepicker', action_id: ActionId.fieldValue, initial_date: initialDate },
  };
}

/**
 * "Yes, note it": what they said, set beside what the person wrote, then "what's one thing
 * you'll act on, and by when?". `actionBy` is the date the picker starts on (YYYY-MM-DD).
 */
export function buildFeedbackModal(input: Omit<FollowUpModalInput, 'now'> & { actionBy: string }): ModalView {
  const mine = ownWords(input.answers);
  return followUpModal(FollowUpCallbackId.feedback, FollowUpModalText.feedbackTitle, input.metadata, [
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
    ...(mine === undefined
      ? []
      : [
          mrkdwnSection(
            fitRendered(
              mine,
              2000,
              (shown) => `${FollowUpModalText.matchQuestion}\nYou wrote:\n${quote(shown)}`,
            ),
          ),
        ]),
    {
      type: 'input',
      block_id: FollowUpBlockId.actionText,
      optional: true,
      label: plainText(FollowUpModalText.actionLabel, Limit.label),
      element: {
        type: 'plain_text_input',
        action_id: ActionId.fieldValue,
        max_length: SHORT_TEXT_MAX,
        placeholder: plainText(FollowUpModalText.actionPlaceholder, Limit.placeholder),
      },
    },
    datepicker(
      FollowUpBlockId.actionBy,
      FollowUpModalText.actionByLabel,
      input.actionBy,
      true,
      FollowUpModalText.actionByHint,
    ),
  ]);
}

/** "Yes, I did it": one line on how it went, and whether to check in again. */
export function buildDidItModal(input: Pick<FollowUpModalInput, 'metadata'>): ModalView {
  return followUpModal(FollowUpCallbackId.didIt, FollowUpModalText.didItTitle, input.metadata, [
    mrkdwnSection(FollowUpModalText.didItIntro),
    {
      type: 'input',
      block_id: FollowUpBlockId.progressText,
      label: plainText(FollowUpModalText.progressLabel, Limit.label),
      element: { type: 'plain_text_input', action_id: ActionId.fieldValue, max_length: SHORT_TEXT_MAX },
    },
    {
      type: 'input',
      block_id: FollowUpBlockId.nextCheckIn,
      label: plainText(FollowUpModalText.nextLabel, Limit.label),
      element: {
        type: 'radio_buttons',
        action_id: ActionId.fieldValue,
        options: NEXT_CHOICES.map((choice) => option(choice.value, choice.label)),
        initial_option: option(NEXT_CHOICES[0]?.value ?? '1w', NEXT_CHOICES[0]?.label ?? ''),
      },
    },
  ]);
}

/** "Not yet": the day to ask again (YYYY-MM-DD to start from). */
export function buildNotYetModal(input: Pick<FollowUpModalInput, 'metadata'> & { askOn: string }): ModalView {
  return followUpModal(FollowUpCallbackId.notYet, FollowUpModalText.notYetTitle, input.metadata, [
    mrkdwnSection(FollowUpModalText.notYetIntro),
    datepicker(FollowUpBlockId.askAgainOn, FollowUpModalText.askAgainLabel, input.askOn, false),
  ]);
}
