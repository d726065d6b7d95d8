// Follow-up delivery against the Slack emulator, on SQLite and on PostgreSQL: once, on time,
// under the faults a real deployment meets. Each tick is driven with an explicit `now`, as
// the scheduler does.

import { afterEach, describe, expect, it } from 'vitest';
import { scopeOf, seedRejection } from '../../devkit/seed.js';
import { visibleText } from '../../emulator/index.js';
import type { FollowUpJobOptions } from '../../src/jobs/follow-up-job.js';
import { type Engine, engines } from '../support/engines.js';
import { type Harness, startHarness } from '../support/rebound-harness.js';

const NOW = new Date('2026-03-05T15:00:00Z');
const MINUTE = 60_000;
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);

let h: Harness | undefined;
let sleeps: number[] = [];
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

async function startOn(engine: Engine, options: Partial<FollowUpJobOptions> = {}): Promise<Harness> {
  sleeps = [];
  h = await startHarness({
    now: NOW,
    databaseUrl: await engine.databaseUrl(),
    rebound: {
      followUps: {
        backoffMs: 1,
        ...options,
        sleep: async (ms) => {
          sleeps.push(ms);
        },
        random: () => 1,
      },
    },
  });
  return h;
}

const followUpIdsPosted = (harness: Harness) =>
  harness.emu
    .callsTo('chat.postMessage')
    .filter((call) => call.ok)
    .map(
      (call) =>
        (call.params.metadata as { event_payload?: { follow_up_id?: string } })?.event_payload?.follow_up_id,
    );

describe.each(engines)('runDueFollowUps on $name', (engine) => {
  const start = (options?: Partial<FollowUpJobOptions>) => startOn(engine, options);

  it('sends each due follow-up once, to its own user, and nothing before it is due', async () => {
    const h = await start();
    const alice = h.emu.addUser({ id: 'U1', name: 'alice', tz: 'America/New_York' });
    const bob = h.emu.addUser({ id: 'U2', name: 'bob', tz: 'Europe/Berlin' });
    const { followUps: aliceFollowUps } = await seedRejection(h.rebound.store, scopeOf('U1'), {
      followUps: [{ kind: 'reflect', dueAt: at(-MINUTE) }],
      now: at(-3 * 86_400_000),
    });
    await seedRejection(h.rebound.store, scopeOf('U2'), {
      answers: { company: 'Globex' },
      followUps: [{ kind: 'reflect', dueAt: at(60 * MINUTE) }],
      now: at(-86_400_000),
    });

    const first = await h.rebound.runFollowUps(NOW);
    expect(first).toMatchObject({ claimed: 1, sent: 1, failed: 0 });
    expect(alice.dm).toHaveLength(1);
    expect(visibleText(alice.dm[0])).toContain('Acme Corp');
    expect(bob.dm).toHaveLength(0);

    const [sent] = await h.rebound.store.listFollowUps(scopeOf('U1'));
    expect(sent).toMatchObject({
      id: aliceFollowUps[0]?.id,
      status: 'sent',
      channelId: alice.dmChannel,
      messageTs: alice.dm[0]?.ts,
      sentAt: NOW,
    });

    expect(await h.rebound.runFollowUps(at(MINUTE))).toMatchObject({ claimed: 0, sent: 0 });
    expect(alice.dm).toHaveLength(1);

    await h.rebound.runFollowUps(at(61 * MINUTE));
    expect(bob.dm).toHaveLength(1);
    expect(visibleText(bob.dm[0])).toContain('Globex');
    expect(alice.dm).toHaveLength(1);
    expect(h.emu.problems).toEqual([]);
  });

  it('keeps several rejections of one user apart: one DM each', async () => {
    const h = await start();
    const alice = h.emu.addUser({ id: 'U1', name: 'alice', tz: null });
    for (const company of ['Acme Corp', 'Globex', 'Initech']) {
      await seedRejection(h.rebound.store, scopeOf('U1'), {
        answers: { company },
        followUps: [{ kind: 'reflect', dueAt: at(-MINUTE) }],
        now: at(-86_400_000),
      });
    }
    await h.rebound.runFollowUps(NOW);
    expect(alice.dm).toHaveLength(3);
    const texts = alice.dm.map((message) => visibleText(message));
    for (const company of ['Acme Corp', 'Globex', 'Initech']) {
      expect(texts.filter((text) => text.includes(company))).toHaveLength(1);
    }
  });

  it('retries HTTP 500s and connection resets with backoff, and sends exactly once', async () => {
    const h = await start();
    const alice = h.emu.addUser({ id: 'U1', name: 'alice', tz: null });
    await seedRejection(h.rebound.store, scopeOf('U1'), {
      followUps: [{ kind: 'reflect', dueAt: at(-MINUTE) }],
      now: at(-86_400_000),
    });
    h.emu.failNext('chat.postMessage', { status: 500 });
    h.emu.failNext('chat.postMessage', { reset: true });

    const report = await h.rebound.runFollowUps(NOW);
    expect(report).toMatchObject({ claimed: 1, sent: 1, failed: 0 });
    expect(alice.dm).toHaveLength(1);
    expect(sleeps).toEqual([1, 2]); // exponential backoff between the tries
    expect(h.emu.callsTo('chat.postMessage')).toHaveLength(3);
  });

  it('never sends twice when Slack posted the DM but the answer was lost', async () => {
    const h = await start();
    const alice = h.emu.addUser({ id: 'U1', name: 'alice', tz: null });
    const bob = h.emu.addUser({ id: 'U2', name: 'bob', tz: null });
    await seedRejection(h.rebound.store, scopeOf('U1'), {
      followUps: [{ kind: 'reflect', dueAt: at(-2 * MINUTE) }],
      now: at(-86_400_000),
    });
    await seedRejection(h.rebound.store, scopeOf('U2'), {
      followUps: [{ kind: 'reflect', dueAt: at(-MINUTE) }],
      now: at(-86_400_000),
    });
    h.emu.failNext('chat.postMessage', { statusAfterHandling: 502 });
    h.emu.failNext('chat.postMessage', { resetAfterHandling: true });

    const report = await h.rebound.runFollowUps(NOW);
    expect(report).toMatchObject({ claimed: 2, sent: 0, recovered: 2 });
    expect(alice.dm).toHaveLength(1);
    expect(bob.dm).toHaveLength(1);
    const stored = [
      ...(await h.rebound.store.listFollowUps(scopeOf('U1'))),
      ...(await h.rebound.store.listFollowUps(scopeOf('U2'))),
    ];
    expect(stored.map((f) => [f.status, f.messageTs])).toEqual([
      ['sent', alice.dm[0]?.ts],
      ['sent', bob.dm[0]?.ts],
    ]);
  });

  it('waits as long as Retry-After says on 429, then sends once', async () => {
    const h = await start();
    const alice = h.emu.addUser({ id: 'U1', name: 'alice', tz: null });
    await seedRejection(h.rebound.store, scopeOf('U1'), {
      followUps: [{ kind: 'reflect', dueAt: at(-MINUTE) }],
      now: at(-86_400_000),
    });
    h.emu.failNext('chat.postMessage', { rateLimited: 7 });
    expect(await h.rebound.runFollowUps(NOW)).toMatchObject({ sent: 1 });
    expect(sleeps).toEqual([7000]);
    expect(alice.dm).toHaveLength(1);
  });

  it('puts a long Retry-After back in the store for a later tick instead of holding the lease', async () => {
    const h = await start({ maxInlineWaitMs: 30_000 });
    const alice = h.emu.addUser({ id: 'U1', name: 'alice', tz: null });
    await seedRejection(h.rebound.store, scopeOf('U1'), {
      followUps: [{ kind: 'reflect', dueAt: at(-MINUTE) }],
      now: at(-86_400_000),
    });
    h.emu.failNext('chat.postMessage', { rateLimited: 120 });
    expect(await h.rebound.runFollowUps(NOW)).toMatchObject({ retrying: 1, sent: 0 });
    const [waiting] = await h.rebound.store.listFollowUps(scopeOf('U1'));
    expect(waiting).toMatchObject({ status: 'pending', lastError: 'ratelimited' });
    expect(waiting?.dueAt.getTime()).toBeGreaterThanOrEqual(NOW.getTime() + 120_000);

    expect(await h.rebound.runFollowUps(at(MINUTE))).toMatchObject({ claimed: 0 });
    expect(await h.rebound.runFollowUps(at(3 * MINUTE))).toMatchObject({ sent: 1 });
    expect(alice.dm).toHaveLength(1);
  });

  it('marks permanent errors failed without retrying, and logs only the error code', async () => {
    // One DM at a time, oldest due first, so each queued Slack error meets its own user.
    const h = await start({ concurrency: 1 });
    const codes = ['user_not_found', 'account_inactive', 'cannot_dm_bot'];
    for (const [index, code] of codes.entries()) {
      const userId = `U${index + 1}`;
      h.emu.addUser({ id: userId, name: userId, tz: null });
      await seedRejection(h.rebound.store, scopeOf(userId), {
        answers: { company: `Secret Company ${index}` },
        followUps: [{ kind: 'reflect', dueAt: at(-(10 - index) * MINUTE) }],
        now: at(-86_400_000),
      });
      h.emu.failNext('chat.postMessage', { error: code });
    }

    expect(await h.rebound.runFollowUps(NOW)).toMatchObject({ claimed: 3, failed: 3, sent: 0 });
    expect(h.emu.callsTo('chat.postMessage')).toHaveLength(3);
    for (const [index, code] of codes.entries()) {
      const [failed] = await h.rebound.store.listFollowUps(scopeOf(`U${index + 1}`));
      expect(failed).toMatchObject({ status: 'failed', lastError: code });
    }
    expect(await h.rebound.runFollowUps(at(60 * MINUTE))).toMatchObject({ claimed: 0 });
    expect(h.emu.callsTo('chat.postMessage')).toHaveLength(3);

    const logs = h.logs.join('\n');
    for (const code of codes) expect(logs).toContain(code);
    expect(logs).not.toContain('Secret Company');
  });

  it('retries a lasting outage with growing delays, then gives up by time and says so', async () => {
    const HOUR = 60 * MINUTE;
    const h = await start({ inlineRetries: 0, backoffMs: 1000, giveUpAfterMs: 2 * HOUR });
    h.emu.addUser({ id: 'U1', name: 'alice', tz: null });
    await seedRejection(h.rebound.store, scopeOf('U1'), {
      followUps: [{ kind: 'reflect', dueAt: at(-MINUTE) }],
      now: at(-86_400_000),
    });
    // Refused before anything is done: nothing can have been posted, so no lookups either.
    h.emu.startOutage({ error: 'service_unavailable' });

    let now = NOW;
    const delays: number[] = [];
    for (let tick = 0; tick < 100; tick += 1) {
      await h.rebound.runFollowUps(now);
      const [followUp] = await h.rebound.store.listFollowUps(scopeOf('U1'));
      if (followUp?.status !== 'pending') break;
      delays.push(followUp.dueAt.getTime() - now.getTime());
      now = new Date(followUp.dueAt.getTime() + 1);
    }
    const [final] = await h.rebound.store.listFollowUps(scopeOf('U1'));
    expect(final).toMatchObject({ status: 'failed', lastError: 'service_unavailable' });
    // Failed only once two hours had passed since the first failure, with growing delays capped at 5 minutes.
    expect(now.getTime() - NOW.getTime()).toBeGreaterThanOrEqual(2 * HOUR);
    expect(delays[1]).toBeGreaterThan(delays[0] ?? 0);
    expect(Math.max(...delays)).toBeLessThanOrEqual(5 * MINUTE);
    expect(h.emu.callsTo('conversations.history')).toHaveLength(0);
    expect(h.logs.join('\n')).toMatch(/failed for good, gave up after 2 h of retries: service_unavailable/);
  });

  it('after downtime sends everything that fell due, oldest first, once each', async () => {
    const h = await start({ batchSize: 2, concurrency: 1 });
    const dueOffsets = [-5, -60, -1, -30, -240];
    for (const [index, offset] of dueOffsets.entries()) {
      h.emu.addUser({ id: `U${index}`, name: `u${index}`, tz: null });
      await seedRejection(h.rebound.store, scopeOf(`U${index}`), {
        followUps: [{ kind: 'reflect', dueAt: at(offset * MINUTE) }],
        now: at(-2 * 86_400_000),
      });
    }
    const report = await h.rebound.runFollowUps(NOW);
    expect(report).toMatchObject({ claimed: 5, sent: 5 });
    const order = h.emu.callsTo('chat.postMessage').map((call) => call.params.channel);
    expect(order).toEqual(['U4', 'U1', 'U3', 'U0', 'U2']);
    expect(await h.rebound.runFollowUps(NOW)).toMatchObject({ claimed: 0 });
    expect(followUpIdsPosted(h)).toHaveLength(5);
  });

  it('takes over the lease of a crashed instance only once it expires, without re-sending', async () => {
    const h = await start({ leaseMs: 5 * MINUTE });
    const alice = h.emu.addUser({ id: 'U1', name: 'alice', tz: null });
    const bob = h.emu.addUser({ id: 'U2', name: 'bob', tz: null });
    await seedRejection(h.rebound.store, scopeOf('U1'), {
      followUps: [{ kind: 'reflect', dueAt: at(-MINUTE) }],
      now: at(-86_400_000),
    });
    await seedRejection(h.rebound.store, scopeOf('U2'), {
      followUps: [{ kind: 'reflect', dueAt: at(-MINUTE) }],
      now: at(-86_400_000),
    });
    // Another instance claims both, posts Alice's DM, and dies before recording anything.
    const claimed = await h.rebound.store.claimDueFollowUps(NOW, {
      limit: 10,
      leaseMs: 5 * MINUTE,
      owner: 'crashed',
    });
    const aliceFollowUp = claimed.find((f) => f.scope.userId === 'U1');
    await h.rebound.app.client.chat.postMessage({
      channel: 'U1',
      text: 'Checking in',
      metadata: { event_type: 'rebound_follow_up', event_payload: { follow_up_id: aliceFollowUp?.id ?? '' } },
    });

    expect(await h.rebound.runFollowUps(at(MINUTE))).toMatchObject({ claimed: 0 });
    const report = await h.rebound.runFollowUps(at(6 * MINUTE));
    expect(report).toMatchObject({ claimed: 2, recovered: 1, sent: 1 });
    expect(alice.dm).toHaveLength(1);
    expect(bob.dm).toHaveLength(1);
  });

  it('bounds how many DMs are in flight when Slack is slow', async () => {
    const h = await start({ concurrency: 4 });
    for (let index = 0; index < 12; index += 1) {
      h.emu.addUser({ id: `U${index}`, name: `u${index}`, tz: null });
      await seedRejection(h.rebound.store, scopeOf(`U${index}`), {
        followUps: [{ kind: 'reflect', dueAt: at(-MINUTE) }],
        now: at(-86_400_000),
      });
    }
    h.emu.failNext('chat.postMessage', { delayMs: 100 }, 12);
    expect(await h.rebound.runFollowUps(NOW)).toMatchObject({ sent: 12 });
    // Never more than four DMs waiting on Slack at once, and the bound was reached.
    expect(h.emu.peakInFlight('chat.postMessage')).toBe(4);
  });
});
