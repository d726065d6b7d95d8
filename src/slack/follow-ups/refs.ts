// How a nudge DM and its modals point back at a follow-up: ids only, never what anyone
// wrote. Everything here comes back over the network, so it is read defensively: anything
// malformed reads as null and the click is ignored.

import { isSnoozeChoice, type SnoozeChoice } from '../../domain/follow-up-rules.js';

const MAX_ID = 100;

/** The DM a nudge was posted as. */
export interface NudgeMessageRef {
  channelId: string;
  messageTs: string;
}

/** What a nudge modal carries in private_metadata. */
export interface NudgeMetadata {
  followUpId: string;
  /** The DM to update after saving; absent if the click did not say where it came from. */
  message: NudgeMessageRef | null;
}

function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_ID;
}

/** A button's value is the follow-up id. */
export function followUpIdFromValue(value: unknown): string | null {
  return isId(value) ? value : null;
}

export function snoozeOptionValue(choice: SnoozeChoice, followUpId: string): string {
  return `${choice}:${followUpId}`;
}

export function parseSnoozeOptionValue(value: unknown): { choice: SnoozeChoice; followUpId: string } | null {
  if (typeof value !== 'string') return null;
  const separator = value.indexOf(':');
  const choice = value.slice(0, separator);
  const followUpId = value.slice(separator + 1);
  return separator > 0 && isSnoozeChoice(choice) && isId(followUpId) ? { choice, followUpId } : null;
}

export function encodeNudgeMetadata(metadata: NudgeMetadata): string {
  return JSON.stringify(metadata);
}

export function decodeNudgeMetadata(text: string | undefined): NudgeMetadata | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text ?? '');
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const { followUpId, message } = parsed as Record<string, unknown>;
  if (!isId(followUpId)) return null;
  const { channelId, messageTs } = (typeof message === 'object' && message !== null ? message : {}) as Record<
    string,
    unknown
  >;
  return { followUpId, message: isId(channelId) && isId(messageTs) ? { channelId, messageTs } : null };
}
