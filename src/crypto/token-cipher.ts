// Encrypts Slack tokens at rest with AES-256-GCM. Each ciphertext names the key that made it
// (a short fingerprint), so keys can be rotated: encrypt with the current key, decrypt with
// the current, the next or any retired one, and re-encrypt what a retired key still holds.
//
// The record's own id (e.g. the team id) is bound in as additional authenticated data, so a
// ciphertext copied onto another workspace's row fails to decrypt instead of leaking a token.

import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { ErrorCode, ReboundError } from '../errors.js';

const VERSION = 'v1';
const IV_BYTES = 12;
const KEY_BYTES = 32;
/** GCM's full tag. A shorter one would be accepted by Node unless told, and is far easier to forge. */
const TAG_BYTES = 16;

export interface TokenCipher {
  encrypt(plaintext: string, boundTo: string): string;
  decrypt(ciphertext: string, boundTo: string): string;
  /**
   * True when the ciphertext was made with a key other than the current or the next one
   * (a retired key, or one not configured) and should be re-encrypted. A row sealed with
   * the next key is left alone: during a rolling deploy it is the newer instances' work.
   */
  needsRewrap(ciphertext: string): boolean;
  /** The fingerprints of the retired keys, as ciphertexts name them. */
  readonly retiredKeyIds: readonly string[];
}

/**
 * A key as written in the environment: exactly 64 hex characters, or the canonical base64
 * (padded, standard alphabet) of exactly 32 bytes. Anything else is null: Buffer.from would
 * quietly skip stray characters and turn a typo into a different key.
 */
export function parseKey(text: string): Buffer | null {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (!/^[A-Za-z0-9+/]{43}=$/.test(trimmed)) return null;
  const key = Buffer.from(trimmed, 'base64');
  return key.length === KEY_BYTES && key.toString('base64') === trimmed ? key : null;
}

/** The fingerprint a ciphertext names its key by. */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 12);
}

export function createTokenCipher(
  current: Buffer,
  retired: readonly Buffer[] = [],
  next: Buffer | null = null,
): TokenCipher {
  const keys = new Map<string, Buffer>();
  for (const key of [current, ...(next ? [next] : []), ...retired]) keys.set(keyIdOf(key), key);
  const currentId = keyIdOf(current);
  const nextId = next ? keyIdOf(next) : null;
  const retiredKeyIds = retired.map(keyIdOf).filter((id) => id !== currentId && id !== nextId);

  const fail = (why: string) =>
    new ReboundError(ErrorCode.TokenDecryptFailed, `Stored token cannot be decrypted: ${why}`);

  return {
    retiredKeyIds,

    encrypt(plaintext, boundTo) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', current, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(boundTo, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [VERSION, currentId, iv, cipher.getAuthTag(), body]
        .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
        .join('.');
    },

    decrypt(ciphertext, boundTo) {
      const [version, keyId, ivText, tagText, body, ...rest] = ciphertext.split('.');
      if (version !== VERSION || !keyId || !ivText || !tagText || body === undefined || rest.length > 0)
        throw fail('unknown format');
      const key = keys.get(keyId);
      if (!key) throw fail('made with a key that is not configured (see TOKEN_ENCRYPTION_OLD_KEYS)');
      const iv = Buffer.from(ivText, 'base64url');
      const tag = Buffer.from(tagText, 'base64url');
      if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES)
        throw fail('it was altered or belongs to another record');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
        decipher.setAAD(Buffer.from(boundTo, 'utf8'));
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
          'utf8',
        );
      } catch {
        throw fail('it was altered or belongs to another record');
      }
    },

    needsRewrap(ciphertext) {
      const keyId = ciphertext.split('.')[1];
      return keyId !== currentId && keyId !== nextId;
    },
  };
}
