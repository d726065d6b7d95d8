// Encrypts Slack tokens at rest with AES-256-GCM. Each ciphertext names the key that made it
// (a short fingerprint), so keys can be rotated: encrypt with the current key, decrypt with
// the current or any retired one, and re-encrypt what an old key still holds.
//
// The record's own id (e.g. the team id) is bound in as additional authenticated data, so a
// ciphertext copied onto another workspace's row fails to decrypt instead of leaking a token.

import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { ErrorCode, ReboundError } from '../errors.js';

const VERSION = 'v1';
const IV_BYTES = 12;
const KEY_BYTES = 32;

export interface TokenCipher {
  encrypt(plaintext: string, boundTo: string): string;
  decrypt(ciphertext: string, boundTo: string): string;
  /** True when the ciphertext was made with a retired key and should be re-encrypted. */
  needsRewrap(ciphertext: string): boolean;
}

/** A key as written in the environment: 64 hex characters or base64 of 32 bytes. */
export function parseKey(text: string): Buffer | null {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed)
    ? Buffer.from(trimmed, 'hex')
    : Buffer.from(trimmed, 'base64');
  return key.length === KEY_BYTES ? key : null;
}

function fingerprint(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 12);
}

export function createTokenCipher(current: Buffer, retired: readonly Buffer[] = []): TokenCipher {
  const keys = new Map<string, Buffer>();
  for (const key of [current, ...retired]) keys.set(fingerprint(key), key);
  const currentId = fingerprint(current);

  const fail = (why: string) =>
    new ReboundError(ErrorCode.TokenDecryptFailed, `Stored token cannot be decrypted: ${why}`);

  return {
    encrypt(plaintext, boundTo) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', current, iv);
      cipher.setAAD(Buffer.from(boundTo, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [VERSION, currentId, iv, cipher.getAuthTag(), body]
        .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
        .join('.');
    },

    decrypt(ciphertext, boundTo) {
      const [version, keyId, iv, tag, body] = ciphertext.split('.');
      if (version !== VERSION || !keyId || !iv || !tag || body === undefined) throw fail('unknown format');
      const key = keys.get(keyId);
      if (!key) throw fail('made with a key that is not configured (see TOKEN_ENCRYPTION_OLD_KEYS)');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(boundTo, 'utf8'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
          'utf8',
        );
      } catch {
        throw fail('it was altered or belongs to another record');
      }
    },

    needsRewrap(ciphertext) {
      return ciphertext.split('.')[1] !== currentId;
    },
  };
}
