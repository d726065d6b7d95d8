import { randomBytes } from 'node:crypto';
import type { Logger } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTokenCipher } from '../../../src/crypto/token-cipher.js';
import { bindingFor } from '../../../src/slack/installs/installation-store.js';
import { resealInstallations } from '../../../src/slack/installs/reseal-installations.js';
import { createStore } from '../../../src/store/index.js';
import type { InstallationKey, Store } from '../../../src/store/store.js';

const T0 = new Date('2030-01-01T00:00:00Z');
const oldKey = randomBytes(32);
const newKey = randomBytes(32);
const logger = () =>
  ({ debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() }) as unknown as Logger & {
    info: ReturnType<typeof vi.fn>;
    warn: ReturnType<typeof vi.fn>;
    error: ReturnType<typeof vi.fn>;
  };

let store: Store;
beforeEach(async () => {
  store = await createStore(':memory:');
});
afterEach(async () => {
  await store.close();
});

async function seal(count: number, key: Buffer): Promise<InstallationKey[]> {
  const cipher = createTokenCipher(key);
  const keys = Array.from({ length: count }, (_, i) => ({
    enterpriseId: null,
    teamId: `T${String(i).padStart(3, '0')}`,
  }));
  for (const key of keys)
    await store.saveInstallation(key, cipher.encrypt(`{"token":"${key.teamId}"}`, bindingFor(key)), T0);
  return keys;
}

describe('resealInstallations', () => {
  it('re-encrypts every old-key installation once, even with two instances starting together', async () => {
    const keys = await seal(230, oldKey); // more than two pages
    const cipher = createTokenCipher(newKey, [oldKey]);
    const deps = { store, cipher, clock: () => T0 };
    const [first, second] = await Promise.all([
      resealInstallations({ ...deps, logger: logger() }),
      resealInstallations({ ...deps, logger: logger() }),
    ]);
    expect((first?.resealed ?? 0) + (second?.resealed ?? 0)).toBe(230);

    const onlyNew = createTokenCipher(newKey);
    for (const key of keys) {
      const row = await store.findInstallation(key);
      expect(onlyNew.decrypt(row?.sealed as string, bindingFor(key))).toBe(`{"token":"${key.teamId}"}`);
    }
    const log = logger();
    expect(await resealInstallations({ ...deps, logger: log })).toEqual({
      checked: 230,
      resealed: 0,
      unreadable: [],
      onRetiredKeys: 0,
      retiredKeysRemovable: true,
    });
    expect(log.info).toHaveBeenCalledWith(
      expect.stringContaining('TOKEN_ENCRYPTION_OLD_KEYS can now be emptied'),
    );
    // Said once: the next pass, still nothing on the old key, keeps quiet about it.
    const quiet = logger();
    await resealInstallations({ ...deps, logger: quiet, previouslyRemovable: true });
    expect(quiet.info).not.toHaveBeenCalled();
  });

  it('keeps the old keys while any row in the database is still on one, whoever sealed it', async () => {
    await seal(3, newKey);
    // An instance not yet on the new key seals a fresh install with the old one.
    const [late] = await seal(1, oldKey);
    const log = logger();
    // This instance's pass re-encrypts it; a row it cannot open stays counted.
    const report = await resealInstallations({
      store,
      cipher: createTokenCipher(newKey, [oldKey]),
      clock: () => T0,
      logger: log,
    });
    expect(report).toMatchObject({ resealed: 1, onRetiredKeys: 0 });
    expect(await store.findInstallation(late as InstallationKey)).toBeTruthy();

    // Rows only the old key opens but this instance cannot (altered): still on the old key.
    const stuck = { enterpriseId: null, teamId: 'TSTUCK' };
    const sealed = createTokenCipher(oldKey).encrypt('{}', bindingFor(stuck));
    // Flip the tag's first character: it carries six data bits, so the tag always changes.
    const parts = sealed.split('.');
    const tag = parts[3] ?? '';
    parts[3] = `${tag.startsWith('A') ? 'B' : 'A'}${tag.slice(1)}`;
    await store.saveInstallation(stuck, parts.join('.'), T0);
    const again = logger();
    const second = await resealInstallations({
      store,
      cipher: createTokenCipher(newKey, [oldKey]),
      clock: () => T0,
      logger: again,
      previouslyRemovable: true,
    });
    expect(second).toMatchObject({ resealed: 0, onRetiredKeys: 1 });
    expect(again.warn).toHaveBeenCalledWith(
      expect.stringMatching(/^1 installation\(s\) are still sealed with a key in TOKEN_ENCRYPTION_OLD_KEYS/),
    );
    expect(again.info).not.toHaveBeenCalledWith(expect.stringContaining('can now be emptied'));
  });

  it('reports installations no configured key opens, and leaves them as they are', async () => {
    const [lost] = await seal(1, randomBytes(32));
    const log = logger();
    const report = await resealInstallations({
      store,
      cipher: createTokenCipher(newKey, [oldKey]),
      clock: () => T0,
      logger: log,
    });
    expect(report).toEqual({
      checked: 1,
      resealed: 0,
      unreadable: [lost],
      onRetiredKeys: 0,
      retiredKeysRemovable: false,
    });
    expect(log.error).toHaveBeenCalledWith(
      expect.stringMatching(/1 installation\(s\) cannot be decrypted .*team T000/),
    );
  });
});
