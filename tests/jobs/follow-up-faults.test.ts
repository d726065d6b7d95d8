// Slack that lies, stalls or goes away, and the follow-up job still sends each DM exactly
// once, on SQLite and on PostgreSQL. Each tick is driven with an explicit `now`; the job's
// inline waits are recorded instead of slept.

import { afterEach, describe, expect, it } from 'vitest';
import { scopeOf, seedRejection } from '../../devkit/seed.js';
import type { Fault } from '../../emulator/index.js';
import type { FollowUpJobOptions } from '../../src/jobs/follow-up-job.js';
import { type Engine, engines } from '../support/engines.js';
import { type Harness, startHarness } from '../support/rebound-harness.js';

const NOW = new Date('2026-03-05T15:00:00Z');
const MINUTE = 60_000;
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

async function startOn(
  engine: Engine,
  options: Partial<FollowUpJobOptions> = {},
  leaseSeconds?: number,
): Promise<Harness> {
  h = await startHarness({
    now: NOW,
    databaseUrl: await engine.databaseUrl(),
    ...(leaseSeconds ? { followUpLeaseSeconds: leaseSeconds } : {}),
    rebound: {
      followUps: { backoffMs: 1, ...options, sleep: async () => {}, random: () => 1 },
    },
  });
  expect(h.emu.problems).toEqual([]);
  return h;
}

/** People with one follow-up each, due a minute ago. */
async function seedDue(harness: Harness, userIds: string[]) {
  for (const userId of userIds) {
    harness.emu.addUser({ id: userId, name: userId, tz: null });
    await seedRejection(harness.rebound.store, scopeOf(userId), {
      followUps: [{ kind: 'reflect', dueAt: at(-MINUTE) }],
      now: at(-86_400_000),
    });
  }
}

/** DMs each person received, and follow-up ids posted more than once (should be none). */
function tally(harness: Harness, userIds: string[]) {
  const posted = harness.emu
    .callsTo('chat.postMessage')
    .filter((call) => call.ok)
    .map(
      (call) =>
        (call.params.metadata as { event_payload?: { follow_up_id?: string } })?.event_payload?.follow_up_id,
    );
  const duplicates = posted.filter((id, index) => posted.indexOf(id) !== index);
  return {
    dms: userIds.map((userId) => harness.emu.user(userId).dm.length),
    duplicates,
  };
}

describe.each(engines)('follow-ups when Slack misbehaves, on $name', (engine) => {
  it.each<[string, Fault]>([
    ['posted, then internal_error', { errorAfterHandling: 'internal_error' }],
    ['posted, then fatal_error', { errorAfterHandling: 'fatal_error' }],
    ['posted, then the connection reset', { resetAfterHandling: true }],
    ['posted, then no answer before the timeout', { delayAfterHandlingMs: 2500 }],
  ])('%s: exactly one DM, recorded as sent', async (_name, fault) => {
    // A 3 s lease gives the job's Slack client a 1 s timeout.
    const h = await startOn(engine, {}, 3);
    await seedDue(h, ['U1']);
    h.emu.failNext('chat.postMessage', fault);

    const report = await h.rebound.runFollowUps(NOW);
    expect(report).toMatchObject({ claimed: 1, sent: 0, recovered: 1, failed: 0 });
    expect(tally(h, ['U1'])).toEqual({ dms: [1], duplicates: [] });
    const [followUp] = await h.rebound.store.listFollowUps(scopeOf('U1'));
    expect(followUp).toMatchObject({ status: 'sent', messageTs: h.emu.user('U1').dm[0]?.ts });
    expect(h.emu.callsTo('chat.postMessage')).toHaveLength(1);
    // Nothing more goes out later either.
    await h.rebound.runFollowUps(at(60 * MINUTE));
    expect(h.emu.user('U1').dm).toHaveLength(1);
  });

  it('ends as failed, in two Slack calls, when the lookup after an ambiguous send can never work', async () => {
    const h = await startOn(engine);
    await seedDue(h, ['U1']);
    h.emu.failNext('chat.postMessage', { status: 503 });
    // An app installed before im:history was added to its scopes.
    h.emu.failNext('conversations.history', { error: 'missing_scope', needed: 'im:history' }, 10);

    expect(await h.rebound.runFollowUps(NOW)).toMatchObject({ claimed: 1, failed: 1, sent: 0 });
    const [followUp] = await h.rebound.store.listFollowUps(scopeOf('U1'));
    expect(followUp).toMatchObject({ status: 'failed', lastError: 'missing_scope' });
    expect(h.emu.callsTo('chat.postMessage')).toHaveLength(1);
    expect(h.emu.callsTo('conversations.history')).toHaveLength(1);
    expect(h.logs.join('\n')).toMatch(
      new RegExp(`Follow-up ${followUp?.id} failed for good, could not check .*missing_scope .*im:history`),
    );
    // No cycling through `sending`: later ticks leave it alone.
    for (let minutes = 5; minutes <= 60; minutes += 5)
      expect(await h.rebound.runFollowUps(at(minutes * MINUTE))).toMatchObject({ claimed: 0 });
    expect(h.emu.calls.filter((call) => call.method !== 'auth.test')).toHaveLength(3);
  });

  it('never sends blind while the lookup cannot tell: it waits, looks again, then sends once', async () => {
    const h = await startOn(engine, { inlineRetries: 0 });
    await seedDue(h, ['U1']);
    h.emu.failNext('chat.postMessage', { status: 502 });
    h.emu.failNext('conversations.history', { error: 'internal_error' });

    expect(await h.rebound.runFollowUps(NOW)).toMatchObject({ retrying: 1 });
    expect(h.emu.callsTo('chat.postMessage')).toHaveLength(1);
    const [waiting] = await h.rebound.store.listFollowUps(scopeOf('U1'));
    expect(waiting).toMatchObject({ status: 'pending', lastError: 'http_502' });
    // The next tick looks first; Slack cannot say: it waits again without posting.
    expect(await h.rebound.runFollowUps(at(10 * MINUTE))).toMatchObject({ retrying: 1, sent: 0 });
    expect(h.emu.callsTo('chat.postMessage')).toHaveLength(1);
    expect(await h.rebound.runFollowUps(at(20 * MINUTE))).toMatchObject({ sent: 1 });
    expect(await h.rebound.runFollowUps(at(30 * MINUTE))).toMatchObject({ claimed: 0 });
    expect(tally(h, ['U1'])).toEqual({ dms: [1], duplicates: [] });
    expect(h.emu.callsTo('conversations.history')).toHaveLength(2);
  });

  it('a 30-minute outage fails nothing for good, and each follow-up arrives once after it', async () => {
    const people = ['U1', 'U2', 'U3', 'U4', 'U5'];
    const h = await startOn(engine, { backoffMs: 500 });
    await seedDue(h, people);
    h.emu.startOutage({ status: 503 });
    for (let minute = 0; minute < 30; minute += 1) {
      const report = await h.rebound.runFollowUps(at(minute * MINUTE));
      expect(report.failed).toBe(0);
    }
    expect(tally(h, people).dms).toEqual([0, 0, 0, 0, 0]);
    h.emu.endOutage();
    // Backoff is capped at 5 minutes: everything goes out within the next few ticks.
    for (let minute = 30; minute <= 36; minute += 1) await h.rebound.runFollowUps(at(minute * MINUTE));
    expect(tally(h, people)).toEqual({ dms: [1, 1, 1, 1, 1], duplicates: [] });
    for (const userId of people) {
      const [followUp] = await h.rebound.store.listFollowUps(scopeOf(userId));
      expect(followUp?.status).toBe('sent');
    }
  });

  it('rate limits do not count towards giving up: a follow-up told to wait longer than that still goes out', async () => {
    const HOUR = 60 * MINUTE;
    const h = await startOn(engine, { giveUpAfterMs: HOUR });
    await seedDue(h, ['U1']);
    h.emu.failNext('chat.postMessage', { rateLimited: 2 * 3600 });
    expect(await h.rebound.runFollowUps(NOW)).toMatchObject({ retrying: 1 });
    const [waiting] = await h.rebound.store.listFollowUps(scopeOf('U1'));
    expect(waiting).toMatchObject({ status: 'pending', retryingSince: null });
    expect(waiting?.dueAt).toEqual(at(2 * HOUR));
    expect(await h.rebound.runFollowUps(at(2 * HOUR))).toMatchObject({ sent: 1 });
    expect(tally(h, ['U1'])).toEqual({ dms: [1], duplicates: [] });
  });

  it('stops before posting when its lease was taken over while Slack was slow: no second DM', async () => {
    // A 3 s lease; the clock is the test's, so the lease runs out only when the test says.
    const h = await startOn(engine, {}, 3);
    await seedDue(h, ['U1']);
    const lease = { leaseMs: 3000, limit: 1 };
    // An instance claimed it earlier and died: the job takes it over and looks in Slack first.
    await h.rebound.store.claimDueFollowUps(NOW, { ...lease, owner: 'crashed' });
    h.emu.setLatency('conversations.history', 600);
    const takeover = at(3000);
    h.clock.set(takeover);
    const tick = h.rebound.runFollowUps(takeover);
    await expect.poll(() => h.emu.callsTo('conversations.history').length).toBe(1);
    // While that lookup waits on Slack, time runs past the lease and a third instance claims it.
    h.clock.set(at(6001));
    const [stolen] = await h.rebound.store.claimDueFollowUps(at(6001), { ...lease, owner: 'third' });
    expect(stolen?.leaseOwner).toBe('third');

    expect(await tick).toMatchObject({ claimed: 1, sent: 0, leaseLost: 1 });
    expect(h.emu.callsTo('chat.postMessage')).toHaveLength(0);
    expect(h.logs.join('\n')).toMatch(/lease lost before calling Slack/);
  });
});
