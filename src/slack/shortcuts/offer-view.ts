// Step 1 opened from a message: the routine's own step 1, with the company guess as the
// field's starting value (the person confirms or edits it) and the sender offered with two
// buttons. Nothing here is saved: the draft keeps only what the person submits or closes with.

import type { Rejection, RoutineAnswers, UserScope } from '../../domain/types.js';
import type { KnownBlock, ModalView } from '../platform/block-kit.js';
import { button, mrkdwnContext, mrkdwnSection } from '../platform/block-kit.js';
import type { ListenerDeps } from '../platform/deps.js';
import { ShortcutActionId, ShortcutBlockId } from '../platform/ids.js';
import { escapeMrkdwn, truncate } from '../platform/mrkdwn.js';
import { stepViewForDraft } from '../routine/step-modal.js';

export interface MessageOffer {
  /** A guess read from the message, or null. */
  company: string | null;
  /** The sender's name when a person in the workspace sent it, or null. */
  sender: string | null;
}

export const SENDER_IS_CONTACT_TEXT = 'My contact there';
export const SENDER_IS_RECRUITER_TEXT = 'My recruiter';

function bold(text: string): string {
  return `*${escapeMrkdwn(truncate(text, 100))}*`;
}

function offerBlocks(offer: MessageOffer): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  if (offer.company !== null) {
    blocks.push(
      mrkdwnContext(
        `:mag: From the message, the company looks like ${bold(offer.company)}. Change it below if not.`,
      ),
    );
  }
  if (offer.sender !== null) {
    blocks.push(mrkdwnSection(`${bold(offer.sender)} sent that message. Are they part of this one?`), {
      type: 'actions',
      block_id: ShortcutBlockId.senderOffer,
      elements: [
        { ...button(ShortcutActionId.senderIsContact, SENDER_IS_CONTACT_TEXT), value: offer.sender },
        { ...button(ShortcutActionId.senderIsRecruiter, SENDER_IS_RECRUITER_TEXT), value: offer.sender },
      ],
    });
  }
  return blocks;
}

/** Puts `extra` under the step's heading. */
export function withBlocks(view: ModalView, extra: KnownBlock[]): ModalView {
  const [heading, ...rest] = view.blocks;
  return { ...view, blocks: heading === undefined ? extra : [heading, ...extra, ...rest] };
}

/** Step 1 of `draft` with the offer shown; the answers shown start from `shown`. */
export async function offeredStepView(
  deps: ListenerDeps,
  scope: UserScope,
  draft: Rejection,
  offer: MessageOffer,
): Promise<ModalView> {
  const shown: RoutineAnswers =
    offer.company !== null && draft.answers.company === undefined
      ? { ...draft.answers, company: offer.company }
      : draft.answers;
  const view = await stepViewForDraft(deps, scope, { ...draft, answers: shown }, 1);
  return withBlocks(view, offerBlocks(offer));
}

/** After a choice: the sender in their field, and a line saying so (no more buttons). */
export function acceptedLine(sender: string, as: 'contact' | 'recruiter'): KnownBlock {
  const where = as === 'contact' ? 'as the person to write to' : 'as your recruiter';
  return mrkdwnContext(
    `:white_check_mark: Added ${bold(sender)} ${where}. Change it below if that's not right.`,
  );
}
