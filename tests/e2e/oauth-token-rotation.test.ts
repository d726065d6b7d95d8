// Token rotation in distributed mode (token_rotation_enabled): a workspace's bot token expires
// after 12 h. Bolt refreshes it only when a request comes in; a follow-up due after expiry is
// sent by the job, which refreshes the token first and stores the new pair sealed. Two
// instances refreshing at once (a refresh token works once) keep the workspace installed; a
// request refreshes through Bolt and our installation store.

import { randomBytes } from 'node:crypto';
import type { Installation } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { scopeOf, seedRejection } from '../../devkit/seed.js';
import { createSlackEmulator } from '../../emulator/index.js';
import { createTokenCipher } from '../../src/crypto/token-cipher.js';
import { bindingFor } from '../../src/slack/installs/installation-store.js';
import { engines, sqlite } from '../support/engines.js';
import { installThroughOAuth } from '../support/oauth-browser.js';
import {
  createTestClock,
  type Harness,
  type SlackEmulator,
  startHarness,
  TEST_APP_TOKEN,
  TEST_BOT_TOKEN,
  TEST_OAUTH,
  TEST_SIGNING_SECRET,
  type TestClock,
} from '../support/rebound-harness.js';

const HOUR = 3_600_000;
const TA = { enterpriseId: null, teamId: 'TA' };
const key = randomBytes(32);
const cipher = createTokenCipher(key);

let emu: SlackEmulator | undefined;
let running: Harness[] = [];
afterEach(async () => {
  for (const h of running) {
    expect(h.logs.join('\n')).not.toMatch(/xox[bpae][.-]/);
    await h.stop();
  }
  if (emu) expect(emu.problems).toEqual([]);
  await emu?.close();
  running = [];
  emu = undefined;
});

/**
 * Starts at the real time: Bolt's installer dates a token's expiry by Date.now, and the
 * emulator expires it by the test's clock, which then moves on.
 */
async function setUp(
  databaseUrl: string,
  instances: number,
  expiresInSeconds = 12 * 3600,
): Promise<{ clock: TestClock; hs: Harness[] }> {
  const clock = createTestClock(new Date());
  emu = await createSlackEmulator({
    signingSecret: TEST_SIGNING_SECRET,
    botToken: TEST_BOT_TOKEN,
    appToken: TEST_APP_TOKEN,
    teamId: 'T1',
    appId: 'A1',
    clientId: TEST_OAUTH.clientId,
    clientSecret: TEST_OAUTH.clientSecret,
    tokenRotation: { expiresInSeconds },
    clock: () => clock.now().getTime(),
  });
  const hs: Harness[] = [];
  for (let i = 0; i < instances; i += 1) {
    const h = await startHarness({
      emulator: emu,
      databaseUrl,
      clock,
      distributed: { tokenKeys: { current: key, retired: [] } },
    });
    running.push(h);
    hs.push(h);
  }
  expect((await installThroughOAuth((hs[0] as Harness).appUrl, emu, 'TA')).status).toBe(200);
  return { clock, hs };
}

async function storedInstallation(h: Harness): Promise<{ sealed: string; installation: Installation }> {
  const row = await h.rebound.store.findInstallation(TA);
  if (!row) throw new Error('TA is not installed');
  return { sealed: row.sealed, installation: JSON.parse(cipher.decrypt(row.sealed, bindingFor(TA))) };
}

/** One due follow-up for each user, due `dueInMs` from now. */
async function dueFollowUps(h: Harness, clock: TestClock, users: string[], dueInMs: number) {
  for (const userId of users) {
    emu?.addUser({ id: userId, teamId: 'TA', name: userId.toLowerCase(), tz: 'Europe/Berlin' });
    await seedRejection(h.rebound.store, scopeOf(userId, 'TA'), {
      followUps: [{ kind: 'reflect', dueAt: new Date(clock.now().getTime() + dueInMs) }],
      now: clock.now(),
    });
  }
}

const refreshCalls = () =>
  (emu as SlackEmulator)
    .callsTo('oauth.v2.access')
    .filter((call) => call.params.grant_type === 'refresh_token');
const dmsTo = (userId: string) =>
  (emu as SlackEmulator)
    .callsTo('chat.postMessage')
    .filter((call) => call.ok && call.params.channel === userId);

describe.each(engines)('token rotation on $name', (engine) => {
  it('refreshes an expired token before a follow-up and stores the new pair sealed', async () => {
    const { clock, hs } = await setUp(await engine.databaseUrl(), 1);
    const h = hs[0] as Harness;
    const installed = await storedInstallation(h);
    expect(installed.installation.bot?.refreshToken).toMatch(/^xoxe-1-/);
    await dueFollowUps(h, clock, ['UA1'], 13 * HOUR);

    clock.advance(13 * HOUR); // past the token's 12 h
    expect(await h.rebound.runFollowUps(clock.now())).toMatchObject({ claimed: 1, sent: 1, failed: 0 });
    expect(dmsTo('UA1')).toHaveLength(1);
    expect(h.emu.user('UA1').dm.at(-1)?.text).toBeTruthy();
    expect(h.emu.calls.filter((call) => call.error === 'token_expired')).toEqual([]);
    expect(refreshCalls().map((call) => call.ok)).toEqual([true]);

    const now = await storedInstallation(h);
    const token = h.emu.tokenOf('TA') as string;
    expect(now.installation.bot?.token).toBe(token);
    expect(now.installation.bot?.refreshToken).not.toBe(installed.installation.bot?.refreshToken);
    expect(now.installation.bot?.expiresAt).toBe(Math.floor(clock.now().getTime() / 1000) + 12 * 3600);
    // Sealed: neither token is in the row in the clear.
    expect(now.sealed).not.toContain(token);
    expect(now.sealed).not.toContain(now.installation.bot?.refreshToken as string);
    expect(h.logs.join('\n')).toMatch(/Refreshed the bot token of team TA/);

    // The stored refresh token is the live one: 13 h on, the next follow-up refreshes again.
    await dueFollowUps(h, clock, ['UA2'], 13 * HOUR);
    clock.advance(13 * HOUR);
    expect(await h.rebound.runFollowUps(clock.now())).toMatchObject({ sent: 1, failed: 0 });
    expect(dmsTo('UA2')).toHaveLength(1);
    expect(refreshCalls().map((call) => call.ok)).toEqual([true, true]);
  });

  it('two instances refreshing at once deliver each follow-up once and keep the workspace', async () => {
    const { clock, hs } = await setUp(await engine.databaseUrl(), 2);
    const [a, b] = hs as [Harness, Harness];
    const users = Array.from({ length: 16 }, (_, i) => `UA${i + 1}`);
    await dueFollowUps(a, clock, users, 13 * HOUR);
    clock.advance(13 * HOUR);
    // Slow refreshes, so both instances trade the same refresh token before either stores.
    emu?.setLatency('oauth.v2.access', 1000);

    const first = await Promise.all([
      a.rebound.runFollowUps(clock.now()),
      b.rebound.runFollowUps(clock.now()),
    ]);
    expect(first.map((report) => report.claimed)).toEqual([8, 8]);
    // One won the trade; the other was refused and read the winner's pair back.
    expect(
      refreshCalls()
        .map((call) => call.error ?? 'ok')
        .sort(),
    ).toEqual(['invalid_refresh_token', 'ok']);
    expect(first.map((report) => report.failed)).toEqual([0, 0]);
    // An instance that could not get a token released its follow-ups: a later tick sends them.
    for (let tick = 1; tick <= 5 && users.some((u) => dmsTo(u).length === 0); tick += 1) {
      clock.advance(5 * 60_000);
      await Promise.all([a.rebound.runFollowUps(clock.now()), b.rebound.runFollowUps(clock.now())]);
    }
    for (const userId of users) expect(dmsTo(userId)).toHaveLength(1);

    // The workspace keeps the one pair Slack handed out, and it works.
    const stored = await storedInstallation(a);
    expect(stored.installation.bot?.token).toBe(emu?.tokenOf('TA'));
    await dueFollowUps(a, clock, ['UB1'], 13 * HOUR);
    clock.advance(13 * HOUR);
    expect(await b.rebound.runFollowUps(clock.now())).toMatchObject({ sent: 1, failed: 0 });
    expect(dmsTo('UB1')).toHaveLength(1);
  });
});

it('a command refreshes a token that expires within 2 hours before it is answered (Bolt), stored sealed', async () => {
  // Tokens that live 1 h are always inside Bolt's 2 h window: every request refreshes first.
  const { hs } = await setUp(await sqlite.databaseUrl(), 1, 3600);
  const h = hs[0] as Harness;
  const before = await storedInstallation(h);
  h.emu.addUser({ id: 'UA1', teamId: 'TA', name: 'alice', tz: 'Europe/Berlin' });
  await h.emu.user('UA1').command('/rejected', 'Acme');
  await h.emu.user('UA1').waitForModal();
  expect(refreshCalls().map((call) => call.ok)).toEqual([true]);
  await expect
    .poll(async () => (await storedInstallation(h)).installation.bot?.token)
    .toBe(h.emu.tokenOf('TA'));
  expect((await storedInstallation(h)).installation.bot?.refreshToken).not.toBe(
    before.installation.bot?.refreshToken,
  );
  expect(h.emu.callsTo('views.open').map((call) => call.ok)).toEqual([true]);
});
