// Rotating TOKEN_ENCRYPTION_KEY during a rolling deploy: for a while an instance on the old
// key and one on the new key serve the same database behind one load balancer. The old one
// runs with TOKEN_ENCRYPTION_NEXT_KEY (it opens what the new one seals), the new one with
// the old key retired (it re-encrypts what the old one sealed). No workspace is ever lost.

import { randomBytes } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import { engines } from '../support/engines.js';
import { type LoadBalancer, startLoadBalancer } from '../support/load-balancer.js';
import { installThroughOAuth } from '../support/oauth-browser.js';
import {
  createTestEmulator,
  type Harness,
  type SlackEmulator,
  startHarness,
} from '../support/rebound-harness.js';

const keyA = randomBytes(32);
const keyB = randomBytes(32);

let emu: SlackEmulator | undefined;
let running: Harness[] = [];
let balancer: LoadBalancer | undefined;
afterEach(async () => {
  await balancer?.close();
  for (const h of running) await h.stop();
  await emu?.close();
  running = [];
  balancer = undefined;
  emu = undefined;
});

it.each(engines)('rotates the key on $name with an old and a new instance side by side', async (engine) => {
  const emulator = await createTestEmulator();
  emu = emulator;
  const databaseUrl = await engine.databaseUrl();
  const start = async (tokenKeys: { current: Buffer; retired: Buffer[]; next?: Buffer }) => {
    const h = await startHarness({ emulator, databaseUrl, distributed: { tokenKeys } });
    running.push(h);
    return h;
  };
  const keyIds = async (h: Harness) =>
    (await h.rebound.store.listInstallations({ limit: 10 })).map((row) => row.sealed.split('.')[1]);
  /** Every user's command opens the routine's modal, whichever instance it lands on. */
  const everyoneServed = async (users: string[]) => {
    for (const userId of users) {
      for (let round = 0; round < 2; round += 1) {
        const before = new Set(emulator.callsTo('views.open'));
        expect((await emulator.user(userId).command('/rejected', 'Acme')).status).toBe(200);
        const call = await emulator.waitForCall('views.open', (candidate) => !before.has(candidate));
        expect(call.ok).toBe(true);
        await emulator.user(userId).closeModal();
      }
    }
  };

  // Phase 1 finished: every instance can open what key B seals, all still seal with A.
  const old = await start({ current: keyA, retired: [], next: keyB });
  for (const team of ['TA', 'TB'])
    expect((await installThroughOAuth(old.appUrl, emulator, team)).status).toBe(200);
  const [sealedWithA] = await keyIds(old);

  // Phase 2, mid-deploy: a new instance seals with B and re-encrypts A's rows at start.
  const fresh = await start({ current: keyB, retired: [keyA] });
  const [sealedWithB] = await keyIds(fresh);
  expect(sealedWithB).not.toBe(sealedWithA);
  expect(await keyIds(fresh)).toEqual([sealedWithB, sealedWithB]);
  balancer = await startLoadBalancer([`${old.appUrl}/slack/events`, `${fresh.appUrl}/slack/events`]);
  emulator.useHttp(balancer.url);

  // The old instance installs one more workspace with A; the new one another with B.
  expect((await installThroughOAuth(old.appUrl, emulator, 'TC')).status).toBe(200);
  expect((await installThroughOAuth(fresh.appUrl, emulator, 'TD')).status).toBe(200);
  const users = ['TA', 'TB', 'TC', 'TD'].map((teamId) => {
    emulator.addUser({ id: `U${teamId}`, teamId, name: teamId.toLowerCase(), tz: null });
    return `U${teamId}`;
  });
  await everyoneServed(users);
  expect(balancer.counts.every((count) => count > 0)).toBe(true);

  // Not yet: TC is on A. The next hourly pass re-encrypts it, so it is not the one that says
  // the old key may go; the pass after it, finding nothing sealed with A since, is.
  const emptied = (h: Harness) => h.logs.filter((line) => line.includes('can now be emptied')).length;
  expect(await fresh.rebound.resealTokens()).toMatchObject({ resealed: 1, onRetiredKeys: 0 });
  expect(emptied(fresh)).toBe(0);
  expect(await fresh.rebound.resealTokens()).toMatchObject({ resealed: 0, onRetiredKeys: 0 });
  expect(emptied(fresh)).toBe(1);
  expect(new Set(await keyIds(fresh))).toEqual(new Set([sealedWithB]));
  // The old instance leaves B's rows alone: nothing for it to re-encrypt.
  expect(await old.rebound.resealTokens()).toMatchObject({ resealed: 0 });
  await everyoneServed(users);

  // Phase 3: the old instance is gone, the old key removed. Everyone is still served.
  await old.stop();
  running = running.filter((h) => h !== old);
  // The old instance sealed answers with A until it stopped: one pass re-seals them with B.
  await fresh.rebound.resealTokens();
  const last = await start({ current: keyB, retired: [] });
  balancer.close();
  balancer = await startLoadBalancer([`${fresh.appUrl}/slack/events`, `${last.appUrl}/slack/events`]);
  emulator.useHttp(balancer.url);
  await everyoneServed(users);
  for (const h of running) expect(h.logs.join('\n')).not.toMatch(/cannot be decrypted|xox[bpa]-/);
  expect(emulator.problems).toEqual([]);
});
