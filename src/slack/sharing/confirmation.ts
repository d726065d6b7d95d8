// What the person who shared sees in their own DM: to whom, what, and a Stop sharing button
// that deletes the note from the other person's DM. Notification text names nothing.

import type { Share } from '../../domain/types.js';
import { button, type KnownBlock, mrkdwnContext, mrkdwnSection } from '../platform/block-kit.js';
import { ShareActionId, ShareBlockId } from '../platform/ids.js';
import { describeParts } from './share-parts.js';

export const SHARED_TEXT = 'You shared a note from Rebound.';
export const STOP_SHARING_TEXT = 'Stop sharing';
export const SHARE_FAILED_TEXT =
  'We couldn’t share that just now, so nothing was sent. Please try again in a moment.';
export const STOP_FAILED_TEXT =
  'We couldn’t take the note back just now. It’s still shared; please try again in a moment.';

export function buildShareConfirmation(share: Share): { text: string; blocks: KnownBlock[] } {
  return {
    text: SHARED_TEXT,
    blocks: [
      mrkdwnSection(
        `:handshake: You shared ${describeParts(share.parts)} with <@${share.recipientId}>. It’s in their DM from Rebound.`,
      ),
      {
        type: 'actions',
        block_id: ShareBlockId.stop,
        elements: [{ ...button(ShareActionId.stop, STOP_SHARING_TEXT), value: share.id }],
      },
    ],
  };
}

export function buildStoppedMessage(recipientId: string): { text: string; blocks: KnownBlock[] } {
  return {
    text: 'You stopped sharing a note.',
    blocks: [mrkdwnContext(`You stopped sharing this with <@${recipientId}>. It’s gone from their DM.`)],
  };
}
