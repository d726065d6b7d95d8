// runDueFollowUps on its own: a real SQLite store (in memory) and a fake FollowUpSender that
// answers with the outcome each case needs, so every branch runs in milliseconds with no
// Slack and no sleeps. The end-to-end cases against the emulator are in follow-up-job.test.ts.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scopeOf, seedRejection } from '../../devkit/seed.js';
import type { FollowUp, Rejection, RejectionEntry } from '../../src/domain/types.js';
import type {
  Delivery,
  DmMessage,
  FollowUpSender,
  LookupOutcome,
  SendOutcome,
} from '../../src/jobs/follow-up-job.js';
import { type FollowUpJobDeps, runDueFollowUps } from '../../src/jobs/follow-up-job.js';
import { createStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/store.js';

const NOW = new Date('2026-03-05T15:00:00Z');
const MINUTE = 60_000;
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);
const alice = scopeOf('U1');
const DM: Delivery = { channelId: 'DU1', messageTs: '1772722800.000100' };

/** Answers send() with the next scripted outcome; findDelivered() with `found`. */
class FakeSender implements FollowUpSender {
  readonly sent: { followUp: FollowUp; message: DmMessage }[] = [];
  readonly lookedUp: string[] = [];
  found: Delivery | null = null;
  /** Runs inside send(), before it answers: another instance acting meanwhile. */
  during: (() => Promise<void>) | undefined;

  constructor(private readonly outcomes: SendOutcome[]) {}

  async send(followUp: FollowUp, message: DmMessage): Promise<SendOutcome> {
    this.sent.push({ followUp, message });
    await this.during?.();
    const next = this.outcomes.shift();
    if (next === undefined) throw new Error('FakeSender: no outcome scripted for this send');
    return next;
  }

  async findDelivered(followUp: FollowUp): Promise<LookupOutcome> {
    this.lookedUp.push(followUp.id);
    return this.found ? { kind: 'found', delivery: this.found } : { kind: 'not_found' };
  }
}

let store: Store;
let logs: string[];
let sleeps: number[];
let composed: { rejection: Rejection; entries: RejectionEntry[] }[];

beforeEach(async () => {
  store = await createStore(':memory:');
  logs = [];
  sleeps = [];
  composed = [];
});
afterEach(async () => {
  await store.close();
});

function deps(sender: FakeSender, overrides: Partial<FollowUpJobDeps> = {}): FollowUpJobDeps {
  const line =
    (level: string) =>
    (...args: unknown[]) =>
      logs.push(`${level} ${args.map(String).join(' ')}`);
  return {
    store,
    sender,
    compose: (followUp, rejection, entries) => {
      composed.push({ rejection, entries });
      return { text: `Follow-up about ${rejection.answers.company}`, blocks: [{ id: followUp.id }] };
    },
    logger: { info: line('info'), warn: line('warn'), error: line('error') },
    owner: 'instance-a',
    clock: () => NOW,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 1,
    options: { backoffMs: 500, inlineRetries: 3, maxInlineWaitMs: 60_000 },
    ...overrides,
  };
}

async function seedDue(company = 'Acme Corp'): Promise<FollowUp> {
  const { followUps } = await seedRejection(store, alice, {
    answers: { company },
    followUps: [{ kind: 'reflect', dueAt: at(-MINUTE) }],
    now: at(-86_400_000),
  });
  const [followUp] = followUps;
  if (!followUp) throw new Error('seeded no follow-up');
  return followUp;
}

/** The real store with some methods replaced. */
function storeWith(replaced: Partial<Store>): Store {
  return new Proxy(store, {
    get(target, key, receiver) {
      if (key in replaced) return replaced[key as keyof Store];
      const value = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

const stored = async (id: string) => store.findFollowUp(alice, id);
const report = (fields: Partial<Record<string, number>>) => ({
  claimed: 1,
  sent: 0,
  recovered: 0,
  failed: 0,
  retrying: 0,
  leaseLost: 0,
  ...fields,
});

describe('runDueFollowUps', () => {
  it('delivered: sends the composed DM once and records where it landed', async () => {
    const due = await seedDue();
    const sender = new FakeSender([{ kind: 'delivered', delivery: DM }]);

    expect(await runDueFollowUps(deps(sender), NOW)).toEqual(report({ sent: 1 }));
    expect(sender.sent.map(({ message }) => message.text)).toEqual(['Follow-up about Acme Corp']);
    expect(composed[0]?.rejection.id).toBe(due.rejectionId);
    expect(sender.lookedUp).toEqual([]);
    expect(await stored(due.id)).toMatchObject({
      status: 'sent',
      channelId: DM.channelId,
      messageTs: DM.messageTs,
      sentAt: NOW,
      leaseOwner: null,
    });
    // Sent is sent: the next tick claims nothing.
    expect(await runDueFollowUps(deps(new FakeSender([])), at(MINUTE))).toEqual(report({ claimed: 0 }));
  });

  it('permanent: marks it failed with the code at once, never retries, and logs the code only', async () => {
    const due = await seedDue('Secret Co');
    const sender = new FakeSender([{ kind: 'permanent', code: 'user_not_found' }]);

    expect(await runDueFollowUps(deps(sender), NOW)).toEqual(report({ failed: 1 }));
    expect(sender.sent).toHaveLength(1);
    expect(sleeps).toEqual([]);
    expect(await stored(due.id)).toMatchObject({ status: 'failed', lastError: 'user_not_found' });
    expect(logs).toEqual([`warn Follow-up ${due.id} failed for good, cannot be delivered: user_not_found`]);
    expect(logs.join('\n')).not.toContain('Secret Co');
  });

  it('rate limited briefly: waits the Retry-After inline, then sends', async () => {
    const due = await seedDue();
    const sender = new FakeSender([
      { kind: 'rate_limited', code: 'ratelimited', retryAfterMs: 2_000 },
      { kind: 'delivered', delivery: DM },
    ]);

    expect(await runDueFollowUps(deps(sender), NOW)).toEqual(report({ sent: 1 }));
    expect(sleeps).toEqual([2_000]);
    expect(sender.sent).toHaveLength(2);
    // Nothing was posted by a rate-limited call: no need to look before sending again.
    expect(sender.lookedUp).toEqual([]);
    expect((await stored(due.id))?.status).toBe('sent');
  });

  it('rate limited for longer than it waits inline: hands it back to the store for after the wait', async () => {
    const due = await seedDue();
    const sender = new FakeSender([{ kind: 'rate_limited', code: 'ratelimited', retryAfterMs: 10 * MINUTE }]);

    expect(await runDueFollowUps(deps(sender), NOW)).toEqual(report({ retrying: 1 }));
    expect(sleeps).toEqual([]);
    expect(await stored(due.id)).toMatchObject({
      status: 'pending',
      dueAt: at(10 * MINUTE),
      lastError: 'ratelimited',
      leaseOwner: null,
    });
    // Not due again before then.
    expect(await runDueFollowUps(deps(new FakeSender([])), at(9 * MINUTE))).toEqual(report({ claimed: 0 }));
  });

  it('maybe delivered, then found: looks before sending again and records the DM Slack has', async () => {
    const due = await seedDue();
    const sender = new FakeSender([{ kind: 'maybe_delivered', code: 'http_503' }]);
    sender.found = DM;

    expect(await runDueFollowUps(deps(sender), NOW)).toEqual(report({ recovered: 1 }));
    expect(sender.sent).toHaveLength(1);
    expect(sleeps).toEqual([500]);
    expect(sender.lookedUp).toEqual([due.id]);
    expect(await stored(due.id)).toMatchObject({ status: 'sent', ...DM });
  });

  it('maybe delivered, not found: sends again after the backoff', async () => {
    const due = await seedDue();
    const sender = new FakeSender([
      { kind: 'maybe_delivered', code: 'connection_reset' },
      { kind: 'delivered', delivery: DM },
    ]);

    expect(await runDueFollowUps(deps(sender), NOW)).toEqual(report({ sent: 1 }));
    expect(sender.lookedUp).toEqual([due.id]);
    expect(sender.sent).toHaveLength(2);
  });

  it('not delivered every time: backs off inline, then releases it; gives up once retried long enough', async () => {
    const due = await seedDue();
    const refusals = (count: number): SendOutcome[] =>
      Array.from({ length: count }, () => ({ kind: 'not_delivered', code: 'http_500' }));
    const sender = new FakeSender(refusals(4));

    expect(await runDueFollowUps(deps(sender), NOW)).toEqual(report({ retrying: 1 }));
    expect(sleeps).toEqual([500, 1_000, 2_000]);
    // Attempt 1 of the store's count: released for at least the backoff of that attempt.
    expect(await stored(due.id)).toMatchObject({ status: 'pending', lastError: 'http_500', attempts: 1 });
    expect((await stored(due.id))?.dueAt.getTime()).toBe(NOW.getTime() + 4_000);

    // Still failing once it has been retried for as long as allowed: marked failed instead.
    const lastTry = new FakeSender(refusals(2));
    const options = { backoffMs: 500, inlineRetries: 1, maxInlineWaitMs: 60_000, giveUpAfterMs: MINUTE };
    const later = deps(lastTry, { options, clock: () => at(MINUTE) });
    expect(await runDueFollowUps(later, at(MINUTE))).toEqual(report({ failed: 1 }));
    expect(await stored(due.id)).toMatchObject({ status: 'failed', lastError: 'http_500', attempts: 2 });
    expect(logs.at(-1)).toBe(
      `warn Follow-up ${due.id} failed for good, gave up after 1 min of retries: http_500`,
    );
  });

  it('lease taken over from a stalled instance: the new owner looks in Slack first and does not send twice', async () => {
    const due = await seedDue();
    // Instance B claimed it and stalled past its lease.
    await store.claimDueFollowUps(NOW, { limit: 10, leaseMs: MINUTE, owner: 'instance-b' });
    const sender = new FakeSender([]);
    sender.found = DM;

    expect(await runDueFollowUps(deps(sender), at(2 * MINUTE))).toEqual(report({ recovered: 1 }));
    expect(sender.lookedUp).toEqual([due.id]);
    expect(sender.sent).toEqual([]);
    expect(await stored(due.id)).toMatchObject({ status: 'sent', ...DM, attempts: 2 });
  });

  it('lease lost while sending: records nothing over the new owner’s claim and says so', async () => {
    const due = await seedDue();
    const sender = new FakeSender([{ kind: 'delivered', delivery: DM }]);
    // While Slack answers, the lease runs out and instance B takes the follow-up over.
    sender.during = async () => {
      await store.claimDueFollowUps(at(10 * MINUTE), { limit: 10, leaseMs: 5 * MINUTE, owner: 'instance-b' });
    };
    const options = { leaseMs: MINUTE };

    expect(await runDueFollowUps(deps(sender, { options }), NOW)).toEqual(report({ leaseLost: 1 }));
    expect(await stored(due.id)).toMatchObject({
      status: 'sending',
      leaseOwner: 'instance-b',
      messageTs: null,
    });
    expect(logs).toEqual([`warn Follow-up ${due.id}: lease lost to another instance before recording sent.`]);
  });

  it('deleted data takes its follow-ups with it: nothing is claimed or sent', async () => {
    const due = await seedDue();
    await store.deleteUserData(alice);
    const sender = new FakeSender([]);
    expect(await runDueFollowUps(deps(sender), NOW)).toEqual(report({ claimed: 0 }));
    expect(sender.sent).toEqual([]);
    expect(await stored(due.id)).toBeNull();
  });

  it('a rejection gone between claim and send: marks the follow-up failed without sending', async () => {
    const due = await seedDue();
    const sender = new FakeSender([]);
    const gone = storeWith({ getRejection: async () => null });

    expect(await runDueFollowUps(deps(sender, { store: gone }), NOW)).toEqual(report({ failed: 1 }));
    expect(sender.sent).toEqual([]);
    expect(await stored(due.id)).toMatchObject({ status: 'failed', lastError: 'rejection_missing' });
  });

  it('the store failing mid-delivery: logs the code, sends nothing more, and the tick still finishes', async () => {
    await seedDue();
    const sender = new FakeSender([{ kind: 'delivered', delivery: DM }]);
    const failing = storeWith({
      markFollowUpSent: async () => {
        throw Object.assign(new Error('disk I/O error'), { code: 'store_unavailable' });
      },
    });

    expect(await runDueFollowUps(deps(sender, { store: failing }), NOW)).toEqual(report({}));
    expect(sender.sent).toHaveLength(1);
    expect(logs.at(-1)).toMatch(/^error Follow-up \S+ stopped mid-delivery: store_unavailable$/);
  });
});
