// Losing the bot token, and Slack retrying an event: app_uninstalled and tokens_revoked (bot)
// stop every pending follow-up of that workspace at once and mark it uninstalled; its data is
// deleted once the retention period has passed, unless it came back first; a retried
// delivery of an event already handled is acknowledged and ignored, and one whose handling
// failed is handled.

import { describe, expect, it } from 'vitest';
import { scopeOf, seedRejection } from '../../devkit/seed.js';
import type { UserScope } from '../../src/domain/types.js';
import { runDataRetention } from '../../src/jobs/data-retention.js';
import { type Harness, harnessPerTest, type Mode } from '../support/rebound-harness.js';

const NOW = new Date('2026-03-02T15:00:00Z');
const DAY = 86_400_000;
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);
const alice = scopeOf('U1');
const bob = scopeOf('U2');
const elsewhere = scopeOf('U1', 'T2');

const harness = harnessPerTest();

async function start(mode: Mode = 'http'): Promise<Harness> {
  const h = await harness.start({ mode, now: NOW });
  h.emu.addUser({ id: 'U1', name: 'alice', tz: 'America/New_York' });
  h.emu.addUser({ id: 'U2', name: 'bob', tz: 'Europe/Berlin' });
  return h;
}

async function seedFollowUps(h: Harness, scope: UserScope, company: string) {
  return seedRejection(h.rebound.store, scope, {
    answers: { company },
    followUps: [
      { kind: 'reflect', dueAt: at(DAY) },
      { kind: 'feedback_check', dueAt: at(2 * DAY) },
    ],
    now: NOW,
  });
}

const statuses = async (h: Harness, scope: UserScope) =>
  (await h.rebound.store.listFollowUps(scope)).map((followUp) => followUp.status);

const retention = (h: Harness, now: Date) =>
  runDataRetention({ store: h.rebound.store, logger: h.rebound.app.logger, retentionDays: 30 }, now);

/** Waits until Rebound has logged `text` (its event listeners run after the ack). */
async function logged(h: Harness, text: string): Promise<void> {
  await expect.poll(() => h.logs.some((line) => line.includes(text))).toBe(true);
}

describe('uninstall and revoked tokens', () => {
  it('app_uninstalled stops every pending follow-up of the workspace at once, and only there', async () => {
    const h = await start();
    await seedFollowUps(h, alice, 'Acme Corp');
    await seedFollowUps(h, bob, 'Globex');
    await seedFollowUps(h, elsewhere, 'Elsewhere Inc');

    const result = await h.emu.sendEvent({ type: 'app_uninstalled' });
    expect(result.status).toBe(200);
    await logged(h, '4 pending follow-up(s) cancelled');
    expect(await statuses(h, alice)).toEqual(['cancelled', 'cancelled']);
    expect(await statuses(h, bob)).toEqual(['cancelled', 'cancelled']);
    expect(await statuses(h, elsewhere)).toEqual(['pending', 'pending']);

    h.clock.set(at(3 * DAY));
    const posted = h.emu.callsTo('chat.postMessage').length;
    const report = await h.rebound.runFollowUps(at(3 * DAY));
    expect(report.claimed).toBe(2); // T2's two, none of T1's
    expect(
      h.emu
        .callsTo('chat.postMessage')
        .slice(posted)
        .some((call) => JSON.stringify(call.params).includes('Acme')),
    ).toBe(false);
  });

  it('deletes an uninstalled workspace’s data after the retention period, not before', async () => {
    const h = await start();
    await seedFollowUps(h, alice, 'Acme Corp');
    await h.rebound.store.saveUserProfile(alice, 'America/New_York', NOW);
    await seedFollowUps(h, elsewhere, 'Elsewhere Inc');
    await h.emu.sendEvent({ type: 'app_uninstalled' });
    await logged(h, 'Rebound was uninstalled in T1');

    expect(await retention(h, at(30 * DAY - 1))).toMatchObject({ teamsPurged: 0 });
    expect((await h.rebound.store.exportUserData(alice)).rejections).toHaveLength(1);
    expect(await retention(h, at(30 * DAY))).toMatchObject({ teamsPurged: 1 });
    expect(await h.rebound.store.exportUserData(alice)).toEqual({
      rejections: [],
      entries: [],
      followUps: [],
      feedbackNotes: [],
      profile: null,
      settings: { showDetails: false, employedHere: null },
    });
    expect((await h.rebound.store.exportUserData(elsewhere)).rejections).toHaveLength(1);
  });

  it('keeps the data of a workspace that is back: any command from it forgets the uninstall', async () => {
    const h = await start();
    await seedFollowUps(h, alice, 'Acme Corp');
    await h.emu.sendEvent({ type: 'app_uninstalled' });
    await logged(h, 'Rebound was uninstalled in T1');

    await h.emu.user('U1').command('/rejected', 'list');
    await logged(h, 'Workspace T1 uses Rebound again');
    expect(await retention(h, at(60 * DAY))).toMatchObject({ teamsPurged: 0 });
    expect((await h.rebound.store.exportUserData(alice)).rejections).toHaveLength(1);
  });

  it('tokens_revoked listing the bot token stops the follow-ups and marks the workspace uninstalled', async () => {
    const h = await start();
    await seedFollowUps(h, alice, 'Acme Corp');
    // A person revoking their own user token: Rebound keeps none, nothing changes.
    await h.emu.sendEvent({ type: 'tokens_revoked', tokens: { oauth: ['U1'], bot: [] } });
    await h.idle();
    expect(await statuses(h, alice)).toEqual(['pending', 'pending']);
    expect(await retention(h, at(365 * DAY))).toMatchObject({ teamsPurged: 0 });

    await h.emu.sendEvent({ type: 'tokens_revoked', tokens: { oauth: [], bot: ['UBOT'] } });
    await logged(h, 'The bot token was revoked in T1: 2 pending follow-up(s) cancelled');
    expect(await statuses(h, alice)).toEqual(['cancelled', 'cancelled']);
    // Like an uninstall: the data is deleted once the retention period has passed.
    expect(await retention(h, at(30 * DAY - 1))).toMatchObject({ teamsPurged: 0 });
    expect(await retention(h, at(30 * DAY))).toMatchObject({ teamsPurged: 1 });
    expect((await h.rebound.store.exportUserData(alice)).rejections).toEqual([]);
  });

  it('keeps the data of a workspace whose bot token was revoked while it keeps using Rebound', async () => {
    const h = await start();
    await seedFollowUps(h, alice, 'Acme Corp');
    await h.emu.sendEvent({ type: 'tokens_revoked', tokens: { oauth: [], bot: ['UBOT'] } });
    await logged(h, 'The bot token was revoked in T1');

    await h.emu.user('U1').command('/rejected', 'list');
    await logged(h, 'Workspace T1 uses Rebound again');
    expect(await retention(h, at(60 * DAY))).toMatchObject({ teamsPurged: 0 });
    expect((await h.rebound.store.exportUserData(alice)).rejections).toHaveLength(1);
  });

  it("handles Slack's retry of an uninstall whose handling failed, once, and only the retry", async () => {
    const h = await start();
    await seedFollowUps(h, alice, 'Acme Corp');
    const store = h.rebound.store;
    const real = store.markTeamUninstalled.bind(store);
    let failures = 1;
    store.markTeamUninstalled = async (team, now) => {
      if (failures-- > 0) throw new Error('database went away');
      return real(team, now);
    };

    expect((await h.emu.sendEvent({ type: 'app_uninstalled' }, { eventId: 'EvGone' })).status).toBe(200);
    await logged(h, 'Event EvGone failed');
    // Not yet marked: the retention job would keep the data for ever.
    expect(await retention(h, at(365 * DAY))).toMatchObject({ teamsPurged: 0 });

    const retry = await h.emu.sendEvent({ type: 'app_uninstalled' }, { eventId: 'EvGone', retryNum: 1 });
    expect(retry.status).toBe(200);
    await logged(h, 'Rebound was uninstalled in T1: 0 pending follow-up(s) cancelled');
    await h.emu.sendEvent({ type: 'app_uninstalled' }, { eventId: 'EvGone', retryNum: 2 });
    await logged(h, 'Event EvGone was already handled; ignored its retry 2');
    expect(await statuses(h, alice)).toEqual(['cancelled', 'cancelled']);
    expect(await retention(h, at(30 * DAY))).toMatchObject({ teamsPurged: 1 });
  });
});

describe.each<Mode>(['http', 'socket'])('a retried event delivery over %s', (mode) => {
  it('is acknowledged and handled once', async () => {
    const h = await start(mode);
    const first = await h.emu.sendEvent(
      { type: 'app_home_opened', user: 'U1', channel: 'DU1', tab: 'home' },
      { eventId: 'EvHome1' },
    );
    expect(first.status).toBe(200);
    await expect.poll(() => h.emu.callsTo('views.publish').length).toBe(1);

    for (const retryNum of [1, 2, 3]) {
      const retry = await h.emu.sendEvent(
        { type: 'app_home_opened', user: 'U1', channel: 'DU1', tab: 'home' },
        { eventId: 'EvHome1', retryNum, retryReason: 'http_timeout' },
      );
      expect(retry.status).toBe(200);
    }
    await logged(h, 'Event EvHome1 was already handled; ignored its retry 3');
    expect(h.emu.callsTo('views.publish')).toHaveLength(1);

    // Another visit is another event: published again.
    await h.emu.user('U1').openHome();
    await expect.poll(() => h.emu.callsTo('views.publish').length).toBe(2);
    // Event ids are forgotten after a day; a fresh one after that is handled as usual.
    expect((await retention(h, at(2 * DAY))).eventIdsForgotten).toBe(2);
  });
});
