// Block Kit types (re-exported by Bolt from @slack/types) and the few small constructors
// every builder shares. Lengths here are Slack's own limits.

import type { types } from '@slack/bolt';
import { truncate } from './mrkdwn.js';

export type ModalView = types.ModalView;
export type KnownBlock = types.KnownBlock;
export type SectionBlock = types.SectionBlock;
export type ContextBlock = types.ContextBlock;
export type ActionsBlock = types.ActionsBlock;
export type InputBlock = types.InputBlock;
export type InputBlockElement = types.InputBlockElement;
export type PlainTextElement = types.PlainTextElement;
export type PlainTextOption = types.PlainTextOption;
export type Button = types.Button;

export const Limit = {
  modalTitle: 24,
  modalButton: 24,
  modalBlocks: 100,
  homeBlocks: 100,
  messageBlocks: 50,
  sectionText: 3000,
  contextText: 3000,
  label: 2000,
  hint: 2000,
  placeholder: 150,
  optionText: 75,
  buttonText: 75,
  privateMetadata: 3000,
} as const;

/** Plain text cut to `max`: plain_text is never parsed for mentions, so it needs no escaping. */
export function plainText(text: string, max: number): PlainTextElement {
  return { type: 'plain_text', text: truncate(text, max) };
}

/** A section of mrkdwn the caller has already escaped. */
export function mrkdwnSection(text: string): SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(text, Limit.sectionText) } };
}

/** Small grey mrkdwn the caller has already escaped. */
export function mrkdwnContext(text: string): ContextBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(text, Limit.contextText) }] };
}

export function option(value: string, label: string): PlainTextOption {
  return { text: plainText(label, Limit.optionText), value };
}

export function button(actionId: string, label: string, style?: 'primary' | 'danger'): Button {
  const element: Button = { type: 'button', action_id: actionId, text: plainText(label, Limit.buttonText) };
  if (style !== undefined) element.style = style;
  return element;
}

export interface ModalParts {
  title: string;
  close: string;
  submit?: string;
  callbackId?: string;
  /** Already encoded (ids only); see private-metadata.ts. */
  privateMetadata?: string;
  notifyOnClose?: boolean;
  blocks: KnownBlock[];
}

/** A modal with its title and buttons cut to Slack's limits, so no builder repeats them. */
export function modal(parts: ModalParts): ModalView {
  const view: ModalView = {
    type: 'modal',
    title: plainText(parts.title, Limit.modalTitle),
    close: plainText(parts.close, Limit.modalButton),
    blocks: parts.blocks,
  };
  if (parts.submit !== undefined) view.submit = plainText(parts.submit, Limit.modalButton);
  if (parts.callbackId !== undefined) view.callback_id = parts.callbackId;
  if (parts.privateMetadata !== undefined) view.private_metadata = parts.privateMetadata;
  if (parts.notifyOnClose) view.notify_on_close = true;
  return view;
}
