import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTokenCipher, keyIdOf, parseKey } from '../../src/crypto/token-cipher.js';

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
    expect(parseKey(keyA.toString('hex').toUpperCase())?.equals(keyA)).toBe(true);
    expect(parseKey(` ${keyA.toString('base64')}\n`)?.equals(keyA)).toBe(true);
    expect(parseKey('too-short')).toBeNull();
    expect(parseKey(randomBytes(16).toString('hex'))).toBeNull();
    // What Buffer.from would quietly accept as some other key:
    const base64 = keyA.toString('base64');
    expect(parseKey(base64.replace(/=$/, ''))).toBeNull(); // unpadded
    expect(parseKey(keyA.toString('base64url'))).toBeNull(); // another alphabet
    expect(parseKey(`${base64.slice(0, 10)} ${base64.slice(10)}`)).toBeNull(); // a space inside
    expect(parseKey(`${base64.slice(0, 42)}B=`)).toBeNull(); // not canonical: unused bits set
    expect(parseKey(`${keyA.toString('hex').slice(0, 63)}g`)).toBeNull();
    expect(parseKey(randomBytes(33).toString('base64'))).toBeNull();
  });

  it('refuses a ciphertext whose tag was cut short, even though GCM could check a short tag', () => {
    const cipher = createTokenCipher(keyA);
    const parts = cipher.encrypt(TOKEN, 'T1').split('.');
    const tag = Buffer.from(parts[3] as string, 'base64url');
    for (const length of [4, 8, 12, 15]) {
      const cut = [...parts];
      cut[3] = tag.subarray(0, length).toString('base64url');
      expect(() => cipher.decrypt(cut.join('.'), 'T1')).toThrow(
        expect.objectContaining({ code: 'token_decrypt_failed' }),
      );
    }
    const long = [...parts];
    long[3] = Buffer.concat([tag, Buffer.from([0])]).toString('base64url');
    expect(() => cipher.decrypt(long.join('.'), 'T1')).toThrow(/altered/);
  });

  it('opens what the next key sealed, and leaves it sealed so: rolling deploys do not fight', () => {
    // Old instances: current A, next B. New instances: current B, A retired.
    const old = createTokenCipher(keyA, [], keyB);
    const fresh = createTokenCipher(keyB, [keyA]);
    const byFresh = fresh.encrypt(TOKEN, 'T1');
    const byOld = old.encrypt(TOKEN, 'T2');
    expect(old.decrypt(byFresh, 'T1')).toBe(TOKEN);
    expect(fresh.decrypt(byOld, 'T2')).toBe(TOKEN);
    expect(old.needsRewrap(byFresh)).toBe(false);
    expect(fresh.needsRewrap(byOld)).toBe(true);
    expect(old.retiredKeyIds).toEqual([]);
    expect(fresh.retiredKeyIds).toEqual([keyIdOf(keyA)]);
  });
});
