import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTokenCipher, parseKey } from '../../src/crypto/token-cipher.js';

const keyA = randomBytes(32);
const keyB = randomBytes(32);
const TOKEN = 'xoxb-1234-5678-secret';

describe('token cipher', () => {
  it('round-trips a token without the token appearing in the ciphertext', () => {
    const cipher = createTokenCipher(keyA);
    const sealed = cipher.encrypt(TOKEN, 'T1');
    expect(sealed).not.toContain('xoxb');
    expect(cipher.decrypt(sealed, 'T1')).toBe(TOKEN);
    expect(cipher.encrypt(TOKEN, 'T1')).not.toBe(sealed); // a fresh IV each time
  });

  it('refuses a ciphertext moved onto another record, or altered', () => {
    const cipher = createTokenCipher(keyA);
    const sealed = cipher.encrypt(TOKEN, 'T1');
    expect(() => cipher.decrypt(sealed, 'T2')).toThrow(/altered or belongs to another record/);
    const parts = sealed.split('.');
    parts[4] = Buffer.from('xoxb-evil').toString('base64url');
    expect(() => cipher.decrypt(parts.join('.'), 'T1')).toThrow(
      expect.objectContaining({ code: 'token_decrypt_failed' }),
    );
  });

  it('rotates keys: old ciphertexts still open with the retired key and are flagged for re-encryption', () => {
    const before = createTokenCipher(keyA);
    const sealed = before.encrypt(TOKEN, 'T1');
    const after = createTokenCipher(keyB, [keyA]);
    expect(after.decrypt(sealed, 'T1')).toBe(TOKEN);
    expect(after.needsRewrap(sealed)).toBe(true);
    const rewrapped = after.encrypt(after.decrypt(sealed, 'T1'), 'T1');
    expect(after.needsRewrap(rewrapped)).toBe(false);
    // Once the old key is dropped, only re-encrypted tokens open.
    const later = createTokenCipher(keyB);
    expect(later.decrypt(rewrapped, 'T1')).toBe(TOKEN);
    expect(() => later.decrypt(sealed, 'T1')).toThrow(/key that is not configured/);
  });

  it('reads keys as 64 hex characters or base64 of 32 bytes, and nothing else', () => {
    expect(parseKey(keyA.toString('hex'))?.equals(keyA)).toBe(true);
    expect(parseKey(keyA.toString('base64'))?.equals(keyA)).toBe(true);
    expect(parseKey('too-short')).toBeNull();
    expect(parseKey(randomBytes(16).toString('hex'))).toBeNull();
  });
});
