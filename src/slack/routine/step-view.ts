// One step of the routine as a modal. Every field starts from the saved answers, so going
// back and forth between steps never loses a word.

import type { FeedbackRequest } from '../../domain/feedback-requests.js';
import { draftFeedbackRequests } from '../../domain/feedback-requests.js';
import { type FieldDefinition, FOLLOW_UP_GRACE_MS, getStep, STEP_COUNT } from '../../domain/routine.js';
import { defaultFollowUpAt } from '../../domain/time.js';
import type { RoutineAnswers, StepNumber } from '../../domain/types.js';
import {
  type ActionsBlock,
  button,
  type InputBlock,
  type InputBlockElement,
  type KnownBlock,
  Limit,
  type ModalView,
  modal,
  mrkdwnContext,
  mrkdwnSection,
  option,
  plainText,
} from '../platform/block-kit.js';
import { ActionId, BlockId, routineStepCallbackId } from '../platform/ids.js';
import { escapeMrkdwn, escapeName, truncate } from '../platform/mrkdwn.js';
import { encodeDraftMetadata } from '../platform/private-metadata.js';
import { employedHereQuestionBlocks } from './employed-here-question.js';

export interface StepViewInput {
  step: StepNumber;
  draftId: string;
  answers: RoutineAnswers;
  /** The person's IANA timezone (null when Slack has none): the default check-in is 10:00 theirs. */
  tz: string | null;
  now: Date;
  /** Drafted from step 1 when left out. */
  feedbackRequests?: FeedbackRequest[];
  /** Step 1 of a draft not stored yet (open-routine.ts): its first save creates it. */
  unsaved?: boolean;
  /** Step 1 asks once whether they search while employed here (until they answered). */
  askEmployedHere?: boolean;
}

export const STEP_SUBMIT_TEXT = 'Next';
export const LAST_STEP_SUBMIT_TEXT = 'Finish';
/** Closing keeps what was typed: the view_closed listener saves the step's values. */
export const STEP_CLOSE_TEXT = 'Save & close';
export const BACK_TEXT = 'Back';

export function stepTitle(step: StepNumber): string {
  return `Step ${step} of ${STEP_COUNT} · ${getStep(step).title}`;
}

/** What a field's input needs to start from: the saved answers, and the clock and zone for the follow-up picker. */
export type FieldInput = Pick<StepViewInput, 'answers' | 'tz' | 'now'>;

/** A saved check-in time that has since passed is replaced by a fresh default. */
function initialFollowUpAt(input: FieldInput): Date {
  const saved = input.answers.followUpAt;
  const stillAhead =
    saved instanceof Date &&
    !Number.isNaN(saved.getTime()) &&
    saved.getTime() >= input.now.getTime() - FOLLOW_UP_GRACE_MS;
  return stillAhead ? saved : defaultFollowUpAt(input.now, input.tz, input.answers.feeling);
}

function elementFor(field: FieldDefinition, input: FieldInput): InputBlockElement {
  const value: unknown = input.answers[field.id];
  const options = (field.options ?? []).map((choice) => option(choice.value, choice.label));
  const selected = options.filter((choice) =>
    Array.isArray(value) ? value.includes(choice.value) : choice.value === value,
  );
  const placeholder =
    field.placeholder === undefined ? {} : { placeholder: plainText(field.placeholder, Limit.placeholder) };
  const firstSelected = selected[0] === undefined ? {} : { initial_option: selected[0] };

  switch (field.kind) {
    case 'text':
    case 'multiline': {
      const initial = typeof value === 'string' && value.trim() !== '' ? value : undefined;
      return {
        type: 'plain_text_input',
        action_id: ActionId.fieldValue,
        multiline: field.kind === 'multiline',
        ...(field.maxLength === undefined ? {} : { max_length: field.maxLength }),
        ...placeholder,
        // Slack refuses a view whose initial value is longer than max_length.
        ...(initial === undefined
          ? {}
          : { initial_value: truncate(initial, field.maxLength ?? Infinity, '') }),
      };
    }
    case 'select':
      return {
        type: 'static_select',
        action_id: ActionId.fieldValue,
        options,
        ...placeholder,
        ...firstSelected,
      };
    case 'radio':
      return { type: 'radio_buttons', action_id: ActionId.fieldValue, options, ...firstSelected };
    case 'checkboxes':
      return {
        type: 'checkboxes',
        action_id: ActionId.fieldValue,
        options,
        ...(selected.length === 0 ? {} : { initial_options: selected }),
      };
    case 'datetime':
      return {
        type: 'datetimepicker',
        action_id: ActionId.fieldValue,
        initial_date_time: Math.floor(initialFollowUpAt(input).getTime() / 1000),
      };
  }
}

/** One field of the routine as an input block, starting from the saved answer (block_id = field id). */
export function inputBlock(field: FieldDefinition, input: FieldInput): InputBlock {
  return {
    type: 'input',
    block_id: field.id,
    label: plainText(field.label, Limit.label),
    ...(field.hint === undefined ? {} : { hint: plainText(field.hint, Limit.hint) }),
    optional: field.optional,
    element: elementFor(field, input),
  };
}

function joinNames(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** Step 2 reassures that step 1's notes are waiting, without repeating them in full. */
function draftedNotesLine(requests: FeedbackRequest[]): string | null {
  if (requests.length === 0) return null;
  const names = joinNames(requests.map((request) => `*${escapeName(request.recipient)}*`));
  return requests.length === 1
    ? `:envelope: Your note to ${names} is drafted. It'll be in your summary at the end, ready to send.`
    : `:envelope: Your notes to ${names} are drafted. They'll be in your summary at the end, ready to send.`;
}

function navigationBlock(): ActionsBlock {
  return { type: 'actions', block_id: BlockId.navigation, elements: [button(ActionId.back, BACK_TEXT)] };
}

export function buildStepView(input: StepViewInput): ModalView {
  const step = getStep(input.step);
  const blocks: KnownBlock[] = [
    mrkdwnSection(`*${escapeMrkdwn(step.heading)}*\n${escapeMrkdwn(step.intro)}`),
  ];
  if (input.step === 2) {
    const line = draftedNotesLine(input.feedbackRequests ?? draftFeedbackRequests(input.answers));
    if (line !== null) blocks.push(mrkdwnContext(line));
  }
  for (const field of step.fields) blocks.push(inputBlock(field, input));
  if (input.step === 1 && input.askEmployedHere) blocks.push(...employedHereQuestionBlocks());
  if (input.step > 1) blocks.push(navigationBlock());

  return modal({
    callbackId: routineStepCallbackId(input.step),
    // Ids only: the draft itself lives in the store.
    privateMetadata: encodeDraftMetadata({
      draftId: input.draftId,
      ...(input.unsaved ? { unsaved: true as const } : {}),
    }),
    notifyOnClose: true,
    title: stepTitle(input.step),
    submit: input.step === STEP_COUNT ? LAST_STEP_SUBMIT_TEXT : STEP_SUBMIT_TEXT,
    close: STEP_CLOSE_TEXT,
    blocks,
  });
}
