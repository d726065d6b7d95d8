// Identifiers shaped like Slack's, so apps that sniff prefixes (V…, D…, Ev…) see what they would in production.

import { randomBytes, randomUUID } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function randomId(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += ALPHABET[byte % ALPHABET.length];
  return out;
}

export const newViewId = (): string => `V${randomId(10)}`;
export const newEventId = (): string => `Ev${randomId(10)}`;
export const newScheduledMessageId = (): string => `Q${randomId(10)}`;
export const newEnvelopeId = (): string => randomUUID();
/** Slack fills in a random block_id/action_id when the app leaves one out. */
export const newAutoId = (): string => randomId(5);

/** Trigger ids look like `1234567890.1234567890.abcdef…`. */
export function newTriggerId(): string {
  return `${Math.floor(Date.now() / 1000)}.${randomId(10)}.${randomBytes(16).toString('hex')}`;
}

/** View hashes look like `1712345678.AbCdEfGh`; each update gets a new one. */
export function newViewHash(): string {
  return `${Math.floor(Date.now() / 1000)}.${randomBytes(6).toString('base64url')}`;
}

let lastTsMicros = 0;

/** Message timestamps: unique and increasing, `seconds.micros` with 6 digits, as Slack's are. */
export function newMessageTs(): string {
  const micros = Math.max(Date.now() * 1000, lastTsMicros + 1);
  lastTsMicros = micros;
  const seconds = Math.floor(micros / 1_000_000);
  return `${seconds}.${String(micros % 1_000_000).padStart(6, '0')}`;
}

export const dmChannelFor = (userId: string): string => `D${userId}`;
