// Rotating TOKEN_ENCRYPTION_KEY end to end, as the README tells an operator to: start with
// the new key and the old one in TOKEN_ENCRYPTION_OLD_KEYS (every installation is
// re-encrypted), then drop the old key. One database and one emulator across restarts.

import { randomBytes } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import { engines } from '../support/engines.js';
import { installThroughOAuth } from '../support/oauth-browser.js';
import {
  createTestEmulator,
  type Harness,
  type SlackEmulator,
  startHarness,
} from '../support/rebound-harness.js';

const keyA = randomBytes(32);
const keyB = randomBytes(32);
const keyC = randomBytes(32);

let emu: SlackEmulator | undefined;
let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  await emu?.close();
  h = undefined;
  emu = undefined;
});

it.each(engines)(
  'rotates the token key on $name: re-encrypt at start, then retire the old key',
  async (engine) => {
    const emulator = await createTestEmulator();
    emu = emulator;
    const databaseUrl = await engine.databaseUrl();
    const start = async (current: Buffer, retired: Buffer[] = []) => {
      h = await startHarness({ emulator, databaseUrl, distributed: { tokenKeys: { current, retired } } });
      return h;
    };
    /** The key fingerprint each stored installation names (`v1.<fingerprint>.…`). */
    const fingerprints = async (harness: Harness) =>
      (await harness.rebound.store.listInstallations({ limit: 10 })).map((row) => row.sealed.split('.')[1]);
    /** A command opens the routine's modal (with a views.open made after the command). */
    const opensModal = async (harness: Harness, userId: string) => {
      const before = new Set(harness.emu.callsTo('views.open'));
      await harness.emu.user(userId).command('/rejected', 'Acme');
      const call = await harness.emu.waitForCall('views.open', (candidate) => !before.has(candidate));
      return call.ok;
    };
    /** Bolt acknowledges only after authorizing, so by the ack it is decided: nothing was opened. */
    const opensNothing = async (harness: Harness, userId: string) => {
      const before = harness.emu.callsTo('views.open').length;
      const command = await harness.emu.user(userId).command('/rejected', 'Acme');
      return command.status === 200 && harness.emu.callsTo('views.open').length === before;
    };

    let app = await start(keyA);
    for (const team of ['TA', 'TB'])
      expect((await installThroughOAuth(app.appUrl, emulator, team)).status).toBe(200);
    emulator.addUser({ id: 'UA1', teamId: 'TA', name: 'alice', tz: null });
    emulator.addUser({ id: 'UB1', teamId: 'TB', name: 'bob', tz: null });
    const [sealedWithA] = await fingerprints(app);
    expect(await fingerprints(app)).toEqual([sealedWithA, sealedWithA]);
    await app.stop();

    // Step 1: the new key, the old one retired. Start-up re-encrypts everything.
    app = await start(keyB, [keyA]);
    expect(app.logs.join('\n')).toContain(
      'Re-encrypted 2 installation(s) with the current TOKEN_ENCRYPTION_KEY.',
    );
    const sealedWithB = (await fingerprints(app))[0];
    expect(sealedWithB).not.toBe(sealedWithA);
    expect(await fingerprints(app)).toEqual([sealedWithB, sealedWithB]);
    expect(await opensModal(app, 'UA1')).toBe(true);
    await app.stop();

    // Step 2: the old key removed. Everything still opens; nothing left to re-encrypt.
    app = await start(keyB);
    expect(app.logs.join('\n')).not.toContain('Re-encrypted');
    expect(await opensModal(app, 'UA1')).toBe(true);
    expect(await opensModal(app, 'UB1')).toBe(true);
    await app.stop();

    // A key lost without re-encrypting first: Rebound still starts, says what to do, serves nobody.
    app = await start(keyC);
    const logs = app.logs.join('\n');
    expect(logs).toMatch(
      /2 installation\(s\) cannot be decrypted with the configured keys \(team TA, team TB\)/,
    );
    expect(logs).toContain('TOKEN_ENCRYPTION_OLD_KEYS');
    expect(await opensNothing(app, 'UA1')).toBe(true);
    expect(app.logs.join('\n')).toMatch(/not authorized: token_decrypt_failed/);
    expect(app.logs.join('\n')).not.toMatch(/xox[bpa]-/);
    expect(emulator.problems).toEqual([]);
  },
);
