// Two Rebound instances on one PostgreSQL database, behind a load balancer, as teams that
// outgrow one process run them: requests of one routine land on either instance, racing
// copies of a submission finish the draft once, concurrent scheduler ticks send every
// follow-up once, and the leases of an instance that died are taken over when they expire.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scopeOf, seedRejection } from '../../devkit/seed.js';
import { type EmulatedUser, visibleText } from '../../emulator/index.js';
import { type RunningRebound, startRebound } from '../../src/app.js';
import type { Config } from '../../src/config.js';
import type { FollowUpJobOptions } from '../../src/jobs/follow-up-job.js';
import { ALREADY_FINISHED_TEXT } from '../../src/slack/platform/errors-message.js';
import { postgres } from '../support/engines.js';
import { type LoadBalancer, startLoadBalancer } from '../support/load-balancer.js';
import {
  createTestClock,
  createTestEmulator,
  type SlackEmulator,
  TEST_BOT_TOKEN,
  TEST_SIGNING_SECRET,
  type TestClock,
} from '../support/rebound-harness.js';
import { step1, step2, step3, step4 } from '../support/routine-steps.js';

const NOW = new Date('2026-03-02T15:00:00Z');
const MINUTE = 60_000;
const LEASE_SECONDS = 300;

let emu: SlackEmulator;
let clock: TestClock;
let databaseUrl: string;
let instances: RunningRebound[];
let balancer: LoadBalancer | undefined;
let logs: string[];

beforeEach(async () => {
  emu = await createTestEmulator();
  databaseUrl = await postgres.databaseUrl();
  // Each instance ticks the follow-up job once at start-up; nothing is due yet then.
  clock = createTestClock(new Date(NOW.getTime() - 86_400_000));
  instances = [];
  logs = [];
});

afterEach(async () => {
  await Promise.all(instances.map((instance) => instance.stop()));
  await balancer?.close();
  balancer = undefined;
  await emu.close();
});

/** One more instance on the shared database: its own port and follow-up worker name. */
async function startInstance(
  followUps: Partial<FollowUpJobOptions> = {},
  overrides: { config?: Partial<Config>; clock?: () => Date } = {},
): Promise<RunningRebound> {
  const config: Config = {
    slack: {
      botToken: TEST_BOT_TOKEN,
      signingSecret: TEST_SIGNING_SECRET,
      appToken: null,
      apiUrl: emu.apiUrl,
    },
    mode: 'http',
    port: 0,
    databaseUrl,
    // Tests drive the follow-up ticks themselves.
    followUpCron: '0 0 1 1 *',
    followUpLeaseSeconds: LEASE_SECONDS,
    dataRetentionDays: 30,
    draftExpiryDays: 30,
    logLevel: 'info',
    ...overrides.config,
  };
  const instance = await startRebound(config, {
    clock: overrides.clock ?? clock.now,
    logSink: { write: (_level, line) => logs.push(line) },
    slackRetries: 0,
    followUps: { backoffMs: 1, ...followUps },
  });
  instances.push(instance);
  return instance;
}

/** Two instances behind a load balancer that Slack's requests go to. */
async function startTwo(): Promise<[RunningRebound, RunningRebound]> {
  // Started at once on the new database: both migrate it, taking turns on the advisory lock.
  const [a, b] = await Promise.all([startInstance(), startInstance()]);
  balancer = await startLoadBalancer(
    [a, b].map((instance) => `http://127.0.0.1:${instance.port}/slack/events`),
  );
  emu.useHttp(balancer.url);
  clock.set(NOW);
  return [a, b];
}

async function walkToLastStep(user: EmulatedUser, company: string): Promise<void> {
  expect((await user.command('/rejected', company)).status).toBe(200);
  await user.waitForModal((view) => view.callback_id === 'routine_step_1');
  for (const answers of [step1, step2, step3]) {
    const result = await user.submit(answers);
    expect(result.status).toBe(200);
    expect(result.errors).toBeUndefined();
  }
  expect(user.modal?.callback_id).toBe('routine_step_4');
}

const postedFollowUpIds = () =>
  emu
    .callsTo('chat.postMessage')
    .filter((call) => call.ok)
    .map(
      (call) =>
        (call.params.metadata as { event_payload?: { follow_up_id?: string } } | undefined)?.event_payload
          ?.follow_up_id,
    )
    .filter((id) => id !== undefined);

describe('two instances on one PostgreSQL database', () => {
  it('serves one routine whose requests land on either instance', async () => {
    const [a] = await startTwo();
    const alice = emu.addUser({ id: 'U1', name: 'alice', tz: 'America/New_York' });

    await walkToLastStep(alice, 'Acme Corp');
    expect((await alice.submit(step4)).errors).toBeUndefined();
    expect(alice.modal).toBeUndefined();
    await expect.poll(() => alice.dm.length).toBe(1);
    expect(visibleText(alice.dm[0])).toContain('Acme Corp');

    // Command, three steps and the last one: both instances served part of the routine.
    expect(balancer?.counts.every((count) => count >= 2)).toBe(true);
    const [rejection] = await a.store.listRejections(scopeOf('U1'));
    expect(rejection).toMatchObject({ status: 'complete', answers: { company: 'Acme Corp' } });
    expect(emu.problems).toEqual([]);
  });

  it('finishes a draft once when its last step reaches both instances at once', async () => {
    const [a] = await startTwo();
    for (const [round, userId] of ['U1', 'U2', 'U3'].entries()) {
      const user = emu.addUser({ id: userId, name: `user${round}`, tz: 'Europe/Berlin' });
      await walkToLastStep(user, `Company ${round}`);

      const racing = balancer?.mirrorNext();
      await user.submit(step4);
      const answers = (await racing) ?? [];

      // Both instances answered Slack in time; one closed the modal, the other said why not.
      expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
      const closed = answers.filter((answer) => answer.body === '');
      const refused = answers.filter((answer) => answer.body !== '');
      expect(closed).toHaveLength(1);
      expect(refused).toHaveLength(1);
      const reply = JSON.parse(refused[0]?.body ?? '{}');
      expect(reply.response_action).toBe('errors');
      expect(Object.values(reply.errors)).toEqual([ALREADY_FINISHED_TEXT]);

      // One completed rejection, one summary DM, one set of follow-ups.
      await expect.poll(() => user.dm.length).toBe(1);
      const scope = scopeOf(userId);
      const rejections = await a.store.listRejections(scope);
      expect(rejections).toHaveLength(1);
      expect(await a.store.findOpenDraft(scope)).toBeNull();
      const followUps = await a.store.listFollowUps(scope);
      expect(followUps.length).toBeGreaterThan(0);
      expect(followUps.every((followUp) => followUp.rejectionId === rejections[0]?.id)).toBe(true);
      const kinds = followUps.map((followUp) => followUp.kind);
      expect(new Set(kinds).size).toBe(kinds.length);
    }
    expect(emu.callsTo('chat.postMessage').filter((call) => call.ok)).toHaveLength(3);
    expect(logs.join('\n')).not.toMatch(/A listener failed|could not be saved/);
    expect(emu.problems).toEqual([]);
  });

  it('sends each of 200 due follow-ups exactly once when both instances tick at once', async () => {
    // Small batches, so the two instances claim side by side many times over.
    const a = await startInstance({ batchSize: 20 });
    const b = await startInstance({ batchSize: 20 });
    clock.set(NOW);
    const users = Array.from({ length: 20 }, (_, index) =>
      emu.addUser({ id: `U${index}`, name: `user${index}`, tz: null }),
    );
    for (const [index, user] of users.entries()) {
      await seedRejection(a.store, scopeOf(user.id), {
        answers: { company: `Company ${index}` },
        followUps: Array.from({ length: 10 }, (_, n) => ({
          kind: 'reflect' as const,
          dueAt: new Date(NOW.getTime() - (index * 10 + n + 1) * MINUTE),
        })),
        now: new Date(NOW.getTime() - 7 * 86_400_000),
      });
    }

    const reports = await Promise.all([a.runFollowUps(NOW), b.runFollowUps(NOW)]);

    const ids = postedFollowUpIds();
    expect(ids).toHaveLength(200);
    expect(new Set(ids).size).toBe(200);
    for (const user of users) expect(user.dm).toHaveLength(10);
    expect(reports.map((report) => report.sent).reduce((sum, sent) => sum + sent)).toBe(200);
    // The work was shared, not done twice and not done by one instance alone.
    for (const report of reports) {
      expect(report).toMatchObject({ failed: 0, retrying: 0, leaseLost: 0, recovered: 0 });
      expect(report.sent).toBeGreaterThan(0);
    }
    const stored = (await Promise.all(users.map((user) => a.store.listFollowUps(scopeOf(user.id))))).flat();
    expect(stored.map((followUp) => [followUp.status, followUp.attempts])).toEqual(
      Array.from({ length: 200 }, () => ['sent', 1]),
    );
    expect(await b.runFollowUps(new Date(NOW.getTime() + MINUTE))).toMatchObject({ claimed: 0 });
  });

  it('sends every follow-up exactly once when Slack takes most of a second per DM and leases are short', async () => {
    // Real time, both schedulers ticking every second, a 4 s lease (so a 1.3 s Slack timeout):
    // a tail of DMs still waiting behind slow ones would outlive its lease and be taken over.
    const live = {
      config: { followUpCron: '* * * * * *', followUpLeaseSeconds: 4 },
      clock: () => new Date(),
    };
    const start = new Date();
    const users = Array.from({ length: 40 }, (_, index) =>
      emu.addUser({ id: `U${index}`, name: `user${index}`, tz: null }),
    );
    const seeding = await startInstance({}, { clock: () => new Date() });
    for (const [index, user] of users.entries()) {
      await seedRejection(seeding.store, scopeOf(user.id), {
        followUps: [{ kind: 'reflect', dueAt: new Date(start.getTime() - (index + 1) * 1000) }],
        now: new Date(start.getTime() - 86_400_000),
      });
    }
    await seeding.stop();
    emu.setLatency('chat.postMessage', 600);
    emu.setLatency('conversations.history', 300);
    await Promise.all([startInstance({ concurrency: 4 }, live), startInstance({ concurrency: 4 }, live)]);

    const store = instances[1]?.store;
    const statuses = async () =>
      (await Promise.all(users.map((user) => store?.listFollowUps(scopeOf(user.id)))))
        .flat()
        .map((f) => f?.status);
    await expect.poll(statuses, { timeout: 30_000, interval: 250 }).toEqual(users.map(() => 'sent'));
    // Nothing still on its way to Slack that could land as a second copy.
    await expect
      .poll(
        () =>
          emu.callsTo('chat.postMessage').filter((call) => call.status === 200 && !call.ok && !call.error)
            .length,
      )
      .toBe(0);

    const ids = postedFollowUpIds();
    expect(ids).toHaveLength(40);
    expect(new Set(ids).size).toBe(40);
    for (const user of users) expect(user.dm).toHaveLength(1);
    // Both schedulers did part of the work, never more than four DMs each in flight.
    expect(emu.peakInFlight('chat.postMessage')).toBeLessThanOrEqual(8);
    expect(logs.join('\n')).not.toMatch(/lease lost/);
  });

  it('takes over the follow-ups of an instance that died mid-tick once their lease expires', async () => {
    // The first instance sends one DM at a time, so it claims only one follow-up at a time.
    const doomed = await startInstance({ concurrency: 1 });
    const survivor = await startInstance();
    clock.set(NOW);
    const alice = emu.addUser({ id: 'U1', name: 'alice', tz: null });
    const bob = emu.addUser({ id: 'U2', name: 'bob', tz: null });
    for (const [index, user] of [alice, bob].entries()) {
      await seedRejection(doomed.store, scopeOf(user.id), {
        followUps: [{ kind: 'reflect', dueAt: new Date(NOW.getTime() - (2 - index) * MINUTE) }],
        now: new Date(NOW.getTime() - 86_400_000),
      });
    }

    // Slack posts Alice's DM but its answer is slow; the instance dies before it arrives,
    // holding the lease on Alice's follow-up and never recording that it went out.
    emu.failNext('chat.postMessage', { delayAfterHandlingMs: 1500 });
    const dying = doomed.runFollowUps(NOW);
    await expect.poll(() => alice.dm.length).toBe(1);
    await doomed.stop();

    // Bob's was never claimed by the dying instance: it does not wait for a lease to expire.
    expect(await survivor.runFollowUps(clock.now())).toMatchObject({ claimed: 1, sent: 1 });
    clock.advance(LEASE_SECONDS * 1000 - 1000);
    expect(await survivor.runFollowUps(clock.now())).toMatchObject({ claimed: 0 });

    clock.advance(2000);
    const takeover = await survivor.runFollowUps(clock.now());
    // Alice's DM is found in Slack and recorded, not sent again.
    expect(takeover).toMatchObject({ claimed: 1, recovered: 1, sent: 0, failed: 0 });
    expect(alice.dm).toHaveLength(1);
    expect(bob.dm).toHaveLength(1);
    const stored = [
      ...(await survivor.store.listFollowUps(scopeOf('U1'))),
      ...(await survivor.store.listFollowUps(scopeOf('U2'))),
    ];
    expect(stored.map((followUp) => [followUp.status, followUp.messageTs])).toEqual([
      ['sent', alice.dm[0]?.ts],
      ['sent', bob.dm[0]?.ts],
    ]);

    // The dead instance's tick ends without recording or sending anything more.
    expect(await dying).toMatchObject({ claimed: 1, sent: 0, recovered: 0 });
    expect(alice.dm).toHaveLength(1);
    expect(bob.dm).toHaveLength(1);
  });
});
