// Asked once, inside the routine's first modal (never a message in its place): is the person
// searching while employed here? Their answer shapes Rebound's wording from then on and is
// changeable on Home. Optional: skipping it keeps the discreet defaults and asks again next time.

import { EMPLOYED_HERE_HINT, EMPLOYED_HERE_NOTE, EMPLOYED_HERE_QUESTION } from '../../domain/privacy-copy.js';
import { type KnownBlock, Limit, mrkdwnContext, plainText } from '../platform/block-kit.js';
import { ActionId, PrivacyChoice } from '../platform/ids.js';

export const EMPLOYED_HERE_BLOCK = 'employed_here';

export function employedHereQuestionBlocks(): KnownBlock[] {
  return [
    {
      type: 'input',
      block_id: EMPLOYED_HERE_BLOCK,
      optional: true,
      label: plainText(EMPLOYED_HERE_QUESTION, Limit.label),
      hint: plainText(EMPLOYED_HERE_HINT, Limit.hint),
      element: {
        type: 'radio_buttons',
        action_id: ActionId.fieldValue,
        options: [
          { text: plainText('Yes, keep it discreet', Limit.optionText), value: PrivacyChoice.employedYes },
          { text: plainText('No', Limit.optionText), value: PrivacyChoice.employedNo },
        ],
      },
    },
    mrkdwnContext(`If you are: ${EMPLOYED_HERE_NOTE.replace('\n', ' ')}`),
  ];
}

/** Whether a submitted view carried the question. */
export function askedEmployedHere(view: { blocks?: readonly { block_id?: string }[] }): boolean {
  return view.blocks?.some((block) => block.block_id === EMPLOYED_HERE_BLOCK) ?? false;
}

/** The answer in a step-1 submission: true, false, or null when skipped or unreadable. */
export function readEmployedHere(values: unknown): boolean | null {
  const block = (values as Record<string, unknown> | null)?.[EMPLOYED_HERE_BLOCK];
  const state = (block as Record<string, unknown> | undefined)?.[ActionId.fieldValue];
  const value = (state as { selected_option?: { value?: unknown } | null } | undefined)?.selected_option
    ?.value;
  if (value === PrivacyChoice.employedYes) return true;
  if (value === PrivacyChoice.employedNo) return false;
  return null;
}
