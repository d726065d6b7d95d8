// The way in: a *Share with…* button for one rejection, as a block any surface can place
// (the summary DM here; App Home and the rejection's own view where they are built).

import { type ActionsBlock, type Button, button, Limit } from '../platform/block-kit.js';
import { ShareActionId, ShareBlockId } from '../platform/ids.js';

export const SHARE_BUTTON_TEXT = 'Share with…';

/** The button alone, for a surface that has its own actions block (value: the rejection id). */
export function shareButton(rejectionId: string): Button {
  return { ...button(ShareActionId.open, SHARE_BUTTON_TEXT), value: rejectionId };
}

/** An actions block holding only the button; `blockId` keeps it unique when a view lists several. */
export function shareEntryBlock(rejectionId: string, blockId: string = ShareBlockId.entry): ActionsBlock {
  return { type: 'actions', block_id: blockId, elements: [shareButton(rejectionId)] };
}

/** A modal (the rejection's own view) with the share block at its end, within 100 blocks. */
export function withShareEntryInView<V extends { blocks: unknown[] }>(view: V, rejectionId: string): V {
  return { ...view, blocks: [...view.blocks.slice(0, Limit.modalBlocks - 1), shareEntryBlock(rejectionId)] };
}

/** A message with the share block at its end, still within Slack's 50 blocks. */
export function withShareEntry<M extends { blocks: unknown[] }>(message: M, rejectionId: string): M {
  const room = message.blocks.slice(0, Limit.messageBlocks - 1);
  return { ...message, blocks: [...room, shareEntryBlock(rejectionId)] };
}
