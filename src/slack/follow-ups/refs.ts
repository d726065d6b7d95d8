// How a follow-up DM and its modals point back at a follow-up: ids only, never what anyone
// wrote. Everything here comes back over the network, so it is read defensively: anything
// malformed reads as null and the click is ignored.

import { isSnoozeChoice, type SnoozeChoice } from '../../domain/follow-up-rules.js';

const MAX_ID = 100;

/**
 * What a follow-up modal carries in private_metadata: which follow-up. Not which DM: the DM
 * updated after saving is the one Rebound stored when it sent the follow-up.
 */
export interface FollowUpMetadata {
  followUpId: string;
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

export function encodeFollowUpMetadata(metadata: FollowUpMetadata): string {
  return JSON.stringify(metadata);
}

export function decodeFollowUpMetadata(text: string | undefined): FollowUpMetadata | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text ?? '');
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  // Modals opened before this release also name a message; it is ignored.
  const { followUpId } = parsed as Record<string, unknown>;
  return isId(followUpId) ? { followUpId } : null;
}
