// The two modals of sharing: *who and what* (a users select, the parts as checkboxes), then
// the note exactly as it will arrive, with Share. Their private_metadata holds ids only.

import type { SharePart } from '../../domain/types.js';
import type { KnownBlock, ModalView } from '../platform/block-kit.js';
import { Limit, modal, mrkdwnContext, mrkdwnSection, option, plainText } from '../platform/block-kit.js';
import { ShareBlockId, ShareCallbackId } from '../platform/ids.js';
import { DEFAULT_SHARE_PARTS, SHARE_PARTS } from './share-parts.js';

export const PICK_ACTION = 'pick';

export interface ComposeMetadata {
  rejectionId: string;
}

export interface PreviewMetadata {
  rejectionId: string;
  recipientId: string;
  parts: SharePart[];
}

/** The rejection behind a share button was deleted (`/rejected delete`) or is not this person's. */
export const REJECTION_GONE_TEXT = 'This rejection is no longer in Rebound, so there’s nothing to share.';

/** Said in a small modal when *Share with…* is clicked for a rejection that is gone. */
export function buildGoneView(): ModalView {
  return modal({ title: 'Share with someone', close: 'OK', blocks: [mrkdwnSection(REJECTION_GONE_TEXT)] });
}

export function buildComposeView(input: { rejectionId: string }): ModalView {
  const options = SHARE_PARTS.map((part) => option(part.value, part.label));
  return modal({
    callbackId: ShareCallbackId.compose,
    privateMetadata: JSON.stringify({ rejectionId: input.rejectionId } satisfies ComposeMetadata),
    title: 'Share with someone',
    submit: 'Preview',
    close: 'Cancel',
    blocks: [
      mrkdwnSection(
        'Send a note to someone you trust, from Rebound. You pick who and what; you’ll see it before it goes, and you can take it back later.',
      ),
      {
        type: 'input',
        block_id: ShareBlockId.recipient,
        label: plainText('Who should get it?', Limit.label),
        element: {
          type: 'users_select',
          action_id: PICK_ACTION,
          placeholder: plainText('Pick a person', Limit.placeholder),
        },
      },
      {
        type: 'input',
        block_id: ShareBlockId.parts,
        optional: true,
        label: plainText('What to include', Limit.label),
        hint: plainText('Reflections and feedback stay out unless you tick them.', Limit.hint),
        element: {
          type: 'checkboxes',
          action_id: PICK_ACTION,
          options,
          initial_options: options.filter((choice) =>
            DEFAULT_SHARE_PARTS.includes(choice.value as SharePart),
          ),
        },
      },
    ],
  });
}

export function buildPreviewView(metadata: PreviewMetadata, note: KnownBlock[]): ModalView {
  return modal({
    callbackId: ShareCallbackId.preview,
    privateMetadata: JSON.stringify(metadata),
    title: 'Check before sharing',
    submit: 'Share',
    close: 'Back',
    blocks: [
      mrkdwnContext(`This is exactly what <@${metadata.recipientId}> will get, in a DM from Rebound:`),
      { type: 'divider' },
      ...note.slice(0, Limit.modalBlocks - 3),
      { type: 'divider' },
    ],
  });
}

function parseObject(text: string | undefined): Record<string, unknown> | null {
  if (!text || text.length > Limit.privateMetadata) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

const ID = /^[A-Za-z0-9_-]{1,100}$/;

/** Null for anything that is not metadata Rebound wrote. */
export function decodeComposeMetadata(text: string | undefined): ComposeMetadata | null {
  const parsed = parseObject(text);
  return typeof parsed?.rejectionId === 'string' && ID.test(parsed.rejectionId)
    ? { rejectionId: parsed.rejectionId }
    : null;
}

export function decodePreviewMetadata(text: string | undefined): PreviewMetadata | null {
  const parsed = parseObject(text);
  const compose = decodeComposeMetadata(text);
  const recipientId = parsed?.recipientId;
  const parts = parsed?.parts;
  if (!compose || typeof recipientId !== 'string' || !ID.test(recipientId) || !Array.isArray(parts))
    return null;
  const known = SHARE_PARTS.map((part) => part.value).filter((part) => parts.includes(part));
  return known.length === 0 ? null : { ...compose, recipientId, parts: known };
}
