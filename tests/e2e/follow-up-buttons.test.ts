// The follow-up DMs' buttons end to end: the real app against the Slack emulator. Follow-ups are
// delivered by the follow-up job at an explicit `now`, then clicked the way a person would:
// each choice is saved, the DM is rewritten without buttons, and old, double or foreign
// clicks change nothing.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { scopeOf, seedRejection } from '../../devkit/seed.js';
import { type EmulatedUser, type StoredMessage, visibleText } from '../../emulator/index.js';
import type { FollowUp, NewFollowUp, RoutineAnswers } from '../../src/domain/types.js';
import { ErrorCode, ReboundError } from '../../src/errors.js';
import { type Harness, harnessPerTest, type Mode } from '../support/rebound-harness.js';

/** Friday 6 March 2026, 10:00 in New York. Clocks there go forward on Sunday the 8th. */
const NOW = new Date('2026-03-06T15:00:00Z');
const MINUTE = 60_000;
const DAY = 86_400_000;
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);
const alice = scopeOf('U1');

const harness = harnessPerTest();
afterEach(() => {
  vi.restoreAllMocks(); // runs before harnessPerTest's check and stop, as hooks run last-first
});

async function start(mode: Mode = 'http'): Promise<Harness> {
  return harness.start({ mode, now: NOW });
}

async function seed(followUps: NewFollowUp[], answers: RoutineAnswers = {}, scope = alice) {
  return seedRejection(harness.current().rebound.store, scope, { answers, followUps, now: at(-4 * DAY) });
}

/** Runs the follow-up job at `when` (the app's clock too), as the scheduler would. */
async function runJob(when: Date) {
  harness.current().clock.set(when);
  return harness.current().rebound.runFollowUps(when);
}

/**
 * Seeds an Acme Corp rejection with these follow-ups, runs the job at NOW, and returns the
 * rejection with its latest follow-up in `user`'s DMs.
 */
async function deliverAcme(user: EmulatedUser, followUps: NewFollowUp[]) {
  const seeded = await seed(followUps, { company: 'Acme Corp' });
  await runJob(NOW);
  return { ...seeded, dm: followUpFor(user, 'Acme Corp') };
}

/** The follow-up a follow-up DM was sent for, from the message metadata the job attaches. */
function followUpIdOf(message: StoredMessage | undefined): string {
  const id = (message?.metadata as { event_payload?: { follow_up_id?: string } } | undefined)?.event_payload
    ?.follow_up_id;
  if (!id) throw new Error('not a follow-up DM');
  return id;
}

function followUpFor(user: EmulatedUser, company: string): StoredMessage {
  const found = user.dm.filter((message) => visibleText(message).includes(company));
  const latest = found.at(-1);
  if (!latest) throw new Error(`no follow-up about ${company}`);
  return latest;
}

const hasButtons = (message: StoredMessage | undefined) =>
  (message?.blocks as { type: string }[] | undefined)?.some((block) => block.type === 'actions') ?? false;

/**
 * Waits until the DM was rewritten with `line` in place of its buttons. `until`: the line ends
 * in that date as a Slack date token, which each reader sees in their own timezone.
 */
async function answered(user: EmulatedUser, ts: string, line: string, until?: Date): Promise<StoredMessage> {
  const message = await user.waitForDm((candidate) => candidate.ts === ts && candidate.updatedCount > 0);
  expect(hasButtons(message)).toBe(false);
  expect(visibleText(message)).toContain(line);
  if (until !== undefined) {
    expect(JSON.stringify(message.blocks)).toContain(`${line} <!date^${until.getTime() / 1000}^`);
  }
  return message;
}

async function ephemeral(user: EmulatedUser, count = 1): Promise<string | undefined> {
  await expect.poll(() => user.ephemerals.length).toBe(count);
  return user.ephemerals.at(-1)?.text;
}

const statusOf = async (id: string) =>
  (await harness.current().rebound.store.findFollowUp(alice, id))?.status;

describe('follow-up buttons', () => {
  it('snoozes 1 day, 3 days or 1 week in the person’s own time across DST, and follow-ups again then', async () => {
    const h = await start();
    const user = h.emu.addUser({ id: 'U1', name: 'alice', tz: 'America/New_York' });
    const companies = { '1d': 'Acme Corp', '3d': 'Globex', '1w': 'Initech' } as const;
    for (const company of Object.values(companies)) {
      await seed([{ kind: 'reflect', dueAt: NOW }], { company });
    }
    expect(await runJob(NOW)).toMatchObject({ sent: 3 });

    h.clock.set(at(5 * MINUTE));
    const expected = {
      '1d': new Date('2026-03-07T15:00:00Z'), // Saturday 10:00 EST
      '3d': new Date('2026-03-09T14:00:00Z'), // Monday 10:00 EDT, after the change
      '1w': new Date('2026-03-13T14:00:00Z'), // Friday 10:00 EDT
    };
    for (const choice of ['1d', '3d', '1w'] as const) {
      const dm = followUpFor(user, companies[choice]);
      const id = followUpIdOf(dm);
      await user.selectOption({ messageTs: dm.ts }, 'nudge_snooze', `${choice}:${id}`);
      await answered(user, dm.ts, ':zzz: Snoozed until', expected[choice]);
      expect(await statusOf(id)).toBe('done');
    }
    const pending = (await h.rebound.store.listFollowUps(alice)).filter((one) => one.status === 'pending');
    expect(pending.map((one) => one.dueAt)).toEqual([expected['1d'], expected['3d'], expected['1w']]);
    // The timezone came from users.info once, then from the cache.
    expect(h.emu.callsTo('users.info')).toHaveLength(1);

    for (const choice of ['1d', '3d', '1w'] as const) {
      const due = expected[choice];
      expect(await runJob(new Date(due.getTime() - 1))).toMatchObject({ claimed: 0 });
      expect(await runJob(due)).toMatchObject({ sent: 1 });
      const again = user.dm.at(-1);
      expect(visibleText(again)).toContain(companies[choice]);
      expect(hasButtons(again)).toBe(true);
    }
    expect(user.dm).toHaveLength(6);
  });

  it('"I’m done" stops this rejection’s pending feedback check only', async () => {
    const h = await start();
    const user = h.emu.addUser({ id: 'U1', name: 'alice', tz: 'America/New_York' });
    const acme = await seed(
      [
        { kind: 'reflect', dueAt: NOW },
        { kind: 'feedback_check', dueAt: at(3 * DAY) },
      ],
      { company: 'Acme Corp' },
    );
    const globex = await seed(
      [
        { kind: 'reflect', dueAt: NOW },
        { kind: 'feedback_check', dueAt: at(3 * DAY) },
      ],
      { company: 'Globex' },
    );
    await runJob(NOW);
    const dm = followUpFor(user, 'Acme Corp');
    await user.clickMessageButton(dm.ts, 'nudge_done');
    await answered(user, dm.ts, ':white_check_mark: Done. No more check-ins about Acme Corp.');

    const acmeNow = await h.rebound.store.listFollowUps(alice, { rejectionId: acme.rejection.id });
    expect(acmeNow.map((one) => [one.kind, one.status])).toEqual([
      ['reflect', 'done'],
      ['feedback_check', 'cancelled'],
    ]);
    const globexNow = await h.rebound.store.listFollowUps(alice, { rejectionId: globex.rejection.id });
    expect(globexNow.map((one) => [one.kind, one.status])).toEqual([
      ['reflect', 'sent'],
      ['feedback_check', 'pending'],
    ]);
    expect(hasButtons(followUpFor(user, 'Globex'))).toBe(true);

    expect(await runJob(at(3 * DAY))).toMatchObject({ sent: 1 });
    expect(visibleText(user.dm.at(-1))).toContain('Did you hear back from Globex?');
    expect(user.dm).toHaveLength(3);
  });

  it('"I’m done" also takes the buttons off the rejection’s other delivered follow-ups', async () => {
    const h = await start();
    const user = h.emu.addUser({ id: 'U1', name: 'alice', tz: null });
    await seed(
      [
        { kind: 'feedback_check', dueAt: at(-MINUTE) },
        { kind: 'reflect', dueAt: NOW },
      ],
      { company: 'Acme Corp' },
    );
    await runJob(NOW);
    const [check, reflect] = user.dm;
    await user.clickMessageButton(reflect?.ts ?? '', 'nudge_done');
    await answered(user, reflect?.ts ?? '', 'No more check-ins about Acme Corp.');
    await answered(user, check?.ts ?? '', 'No more check-ins about Acme Corp.');
    expect(visibleText(user.dm[0])).toContain('Did you hear back from Acme Corp?');
  });

  it('"Reflect now" opens the step-2 prompts pre-filled, saves a new entry, and later follow-ups recall it', async () => {
    const h = await start();
    const user = h.emu.addUser({ id: 'U1', name: 'alice', tz: 'America/New_York' });
    const { rejection, dm } = await deliverAcme(user, [
      { kind: 'reflect', dueAt: NOW },
      { kind: 'reflect', dueAt: at(7 * DAY) },
    ]);
    expect(visibleText(dm)).toContain('You planned to try: Ask my network for referrals');

    await user.clickMessageButton(dm.ts, 'nudge_reflect_now');
    const modal = await user.waitForModal((view) => view.callback_id === 'nudge_reflect');
    expect(visibleText(modal)).toContain('Slow down when walking through the portfolio.');
    expect(modal.private_metadata).not.toContain('Acme');

    // Nothing written at all: answered inline, the modal stays.
    const empty = await user.submit({ interview: null, preparation: null, rapport: null, strengths: null });
    expect(Object.keys(empty.errors ?? {})).toEqual(['interview']);
    expect(user.modal?.callback_id).toBe('nudge_reflect');

    h.clock.set(at(10 * MINUTE));
    const saved = await user.submit({ preparation: 'Read their last two case studies.' });
    expect(saved.errors).toBeUndefined();
    expect(user.modal).toBeUndefined();
    await answered(user, dm.ts, 'Your reflection is saved with your plan.');
    // The DM keeps the context it was sent with.
    expect(visibleText(user.dm[0])).toContain('Ask my network for referrals');

    const entries = await h.rebound.store.listEntries(alice, rejection.id);
    // What the modal held when saved: they had cleared the rest first.
    expect(entries.map((entry) => entry.data)).toEqual([
      { kind: 'reflection', answers: { preparation: 'Read their last two case studies.' } },
    ]);
    expect(await statusOf(followUpIdOf(dm))).toBe('done');

    await runJob(at(7 * DAY));
    const later = user.dm.at(-1);
    expect(visibleText(later)).toContain(
      "Here's what you wrote about preparing:\nRead their last two case studies.",
    );
    // Reflecting again starts from what they wrote last time.
    await user.clickMessageButton(later?.ts ?? '', 'nudge_reflect_now');
    const again = await user.waitForModal((view) => view.callback_id === 'nudge_reflect');
    expect(visibleText(again)).toContain('Read their last two case studies.');
    expect(visibleText(again)).not.toContain('Slow down when walking');
    await user.closeModal();

    expect(h.logs.join('\n')).not.toContain('case studies');
  });

  it('"Tweak my search" opens step 3 as saved and changes the tactics', async () => {
    const h = await start();
    const user = h.emu.addUser({ id: 'U1', name: 'alice', tz: null });
    const { rejection, dm } = await deliverAcme(user, [
      { kind: 'reflect', dueAt: NOW },
      { kind: 'reflect', dueAt: at(7 * DAY) },
    ]);
    await user.clickMessageButton(dm.ts, 'nudge_tweak_search');
    const modal = await user.waitForModal((view) => view.callback_id === 'nudge_tweak');
    const tweaks = (
      modal.blocks as { block_id?: string; element?: { initial_options?: { value: string }[] } }[]
    )
      .find((block) => block.block_id === 'tweaks')
      ?.element?.initial_options?.map((choice) => choice.value);
    expect(tweaks).toEqual(['referrals', 'tailor_cv']);

    const none = await user.submit({ tweaks: [], tweakOther: null });
    expect(Object.keys(none.errors ?? {})).toEqual(['tweaks']);
    await user.submit({ tweaks: ['practice_interviews'], tweakOther: 'Two applications a week' });
    await answered(user, dm.ts, 'Your search plan is updated.');

    const updated = await h.rebound.store.getRejection(alice, rejection.id);
    expect(updated?.answers).toMatchObject({
      company: 'Acme Corp',
      lesson: 'Ask about the team early on.',
      dailyFit: 'unsure',
      tweaks: ['practice_interviews'],
      tweakOther: 'Two applications a week',
    });
    await runJob(at(7 * DAY));
    expect(visibleText(user.dm.at(-1))).toContain('You planned to try: Practise interview answers out loud');
  });

  it('"Did you hear back?": notes the feedback they got, and later follow-ups recall it', async () => {
    const h = await start();
    const user = h.emu.addUser({ id: 'U1', name: 'alice', tz: null });
    const { rejection, dm: check } = await deliverAcme(user, [
      { kind: 'feedback_check', dueAt: NOW },
      { kind: 'reflect', dueAt: at(7 * DAY) },
    ]);
    expect(check.text).toBe('Rebound has a check-in for you');
    expect(JSON.stringify(check.blocks)).toContain('Did you hear back from Acme Corp?');
    await user.clickMessageButton(check.ts, 'nudge_feedback_yes');
    await user.waitForModal((view) => view.callback_id === 'nudge_feedback');

    const blank = await user.submit({ feedback_text: '   ' });
    expect(blank.errors).toEqual({ feedback_text: 'Add a line about what they said.' });
    await user.submit({ feedback_text: 'They wanted more research experience.' });
    expect(user.modal).toBeUndefined();
    await answered(user, check.ts, 'Their feedback is saved with your plan.');

    const entries = await h.rebound.store.listEntries(alice, rejection.id);
    expect(entries.map((entry) => entry.data)).toEqual([
      { kind: 'feedback', received: true, text: 'They wanted more research experience.' },
    ]);
    await runJob(at(7 * DAY));
    expect(visibleText(user.dm.at(-1))).toContain(
      'What Acme Corp told you\nThey wanted more research experience.',
    );
    expect(h.logs.join('\n')).not.toContain('research experience');
  });

  it('"No reply yet" is noted once, however often it is clicked', async () => {
    const h = await start();
    const user = h.emu.addUser({ id: 'U1', name: 'alice', tz: null });
    const { rejection, dm: check } = await deliverAcme(user, [{ kind: 'feedback_check', dueAt: NOW }]);
    const original = structuredClone(check.blocks);
    await user.clickMessageButton(check.ts, 'nudge_feedback_none');
    await answered(user, check.ts, 'Noted: no reply yet.');

    // A client that still shows the old buttons.
    const stale = await h.rebound.app.client.chat.postMessage({
      channel: 'U1',
      text: 'old',
      blocks: original as never,
    });
    await user.clickMessageButton(stale.ts ?? '', 'nudge_feedback_none');
    expect(await ephemeral(user)).toBe("You've already answered this check-in, so nothing changed.");
    await user.clickMessageButton(stale.ts ?? '', 'nudge_feedback_yes');
    await ephemeral(user, 2);
    expect(user.modal).toBeUndefined();

    const entries = await h.rebound.store.listEntries(alice, rejection.id);
    expect(entries.map((entry) => entry.data)).toEqual([{ kind: 'feedback', received: false, text: null }]);
  });

  it('old and double clicks change nothing', async () => {
    const h = await start();
    const user = h.emu.addUser({ id: 'U1', name: 'alice', tz: 'America/New_York' });
    const { dm } = await deliverAcme(user, [{ kind: 'reflect', dueAt: NOW }]);
    const id = followUpIdOf(dm);
    const original = structuredClone(dm.blocks);

    // Two snoozes at once: exactly one wins.
    await Promise.all([
      user.selectOption({ messageTs: dm.ts }, 'nudge_snooze', `1d:${id}`),
      user.selectOption({ messageTs: dm.ts }, 'nudge_snooze', `1w:${id}`),
    ]);
    expect(await ephemeral(user)).toBe("You've already answered this check-in, so nothing changed.");
    await answered(user, dm.ts, 'Snoozed until');
    const afterSnooze = await h.rebound.store.listFollowUps(alice);
    expect(afterSnooze.map((one) => one.status).sort()).toEqual(['done', 'pending']);

    // The old buttons, clicked later: no modal, no stop, no second snooze.
    const stale = await h.rebound.app.client.chat.postMessage({
      channel: 'U1',
      text: 'old',
      blocks: original as never,
    });
    const staleTs = stale.ts ?? '';
    await user.clickMessageButton(staleTs, 'nudge_done');
    await user.clickMessageButton(staleTs, 'nudge_reflect_now');
    await user.clickMessageButton(staleTs, 'nudge_tweak_search');
    await user.selectOption({ messageTs: staleTs }, 'nudge_snooze', `3d:${id}`);
    await ephemeral(user, 5);
    expect(await h.rebound.store.listFollowUps(alice)).toEqual(afterSnooze);
    expect(h.emu.callsTo('views.open')).toHaveLength(0);
    expect(followUpFor(user, 'Acme Corp').updatedCount).toBe(0); // the copy itself is left alone
    expect(user.dm.find((message) => message.ts === dm.ts)?.updatedCount).toBe(1);
  });

  it('ignores clicks on someone else’s follow-up', async () => {
    const h = await start();
    const user = h.emu.addUser({ id: 'U1', name: 'alice', tz: null });
    const bob = h.emu.addUser({ id: 'U2', name: 'bob', tz: null });
    const { dm } = await deliverAcme(user, [{ kind: 'reflect', dueAt: NOW }]);
    const id = followUpIdOf(dm);
    const before = await h.rebound.store.listFollowUps(alice);

    // Bob somehow holds Alice's buttons (a forwarded or forged payload).
    const copy = await h.rebound.app.client.chat.postMessage({
      channel: 'U2',
      text: 'copy',
      blocks: dm.blocks as never,
    });
    const copyTs = copy.ts ?? '';
    await bob.clickMessageButton(copyTs, 'nudge_done');
    await bob.clickMessageButton(copyTs, 'nudge_reflect_now');
    await bob.clickMessageButton(copyTs, 'nudge_tweak_search');
    await bob.selectOption({ messageTs: copyTs }, 'nudge_snooze', `1w:${id}`);
    // Whatever the listeners do after their acks has finished.
    await h.idle();

    expect(await h.rebound.store.listFollowUps(alice)).toEqual(before);
    expect(h.emu.callsTo('views.open')).toHaveLength(0);
    expect(h.emu.callsTo('chat.update')).toHaveLength(0);
    expect(bob.ephemerals).toEqual([]);
    expect(hasButtons(user.dm[0])).toBe(true);
  });

  it('keeps the buttons and what was typed when the store fails, and works on retry', async () => {
    const h = await start();
    const user = h.emu.addUser({ id: 'U1', name: 'alice', tz: null });
    const { rejection } = await seed(
      [
        { kind: 'reflect', dueAt: NOW },
        { kind: 'feedback_check', dueAt: NOW },
      ],
      { company: 'Acme Corp' },
    );
    await runJob(NOW);
    const check = user.dm.find((message) => JSON.stringify(message.blocks).includes('Did you hear back'));
    const reflect = user.dm.find((message) => message !== check);
    const down = () => new ReboundError(ErrorCode.StoreUnavailable, 'database unreachable');

    vi.spyOn(h.rebound.store, 'snoozeFollowUp').mockRejectedValueOnce(down());
    await user.selectOption({ messageTs: reflect?.ts ?? '' }, 'nudge_snooze', `3d:${followUpIdOf(reflect)}`);
    expect(await ephemeral(user)).toBe(
      "We couldn't do that just now. Nothing changed; please try again in a moment.",
    );
    expect(hasButtons(user.dm.find((message) => message.ts === reflect?.ts))).toBe(true);
    await user.selectOption({ messageTs: reflect?.ts ?? '' }, 'nudge_snooze', `3d:${followUpIdOf(reflect)}`);
    await answered(user, reflect?.ts ?? '', 'Snoozed until');

    await user.clickMessageButton(check?.ts ?? '', 'nudge_feedback_yes');
    await user.waitForModal((view) => view.callback_id === 'nudge_feedback');
    vi.spyOn(h.rebound.store, 'addEntry').mockRejectedValueOnce(down());
    const failed = await user.submit({ feedback_text: 'More depth on research, please.' });
    expect(failed.errors?.feedback_text).toContain("We couldn't save that just now");
    expect(user.modalState).toMatchObject({
      feedback_text: { value: { value: 'More depth on research, please.' } },
    });
    const retried = await user.submit();
    expect(retried.errors).toBeUndefined();
    await answered(user, check?.ts ?? '', 'Their feedback is saved with your plan.');
    expect((await h.rebound.store.listEntries(alice, rejection.id)).map((entry) => entry.data)).toEqual([
      { kind: 'feedback', received: true, text: 'More depth on research, please.' },
    ]);
    expect(h.logs.join('\n')).toContain('store_unavailable');
    expect(h.logs.join('\n')).not.toContain('More depth');
  });
});

describe('follow-up buttons over Socket Mode', () => {
  it('snoozes, reflects and stops like over HTTP', async () => {
    const h = await start('socket');
    const user = h.emu.addUser({ id: 'U1', name: 'alice', tz: 'Europe/Berlin' });
    const { dm: first } = await deliverAcme(user, [{ kind: 'reflect', dueAt: NOW }]);
    await user.selectOption({ messageTs: first.ts }, 'nudge_snooze', `1d:${followUpIdOf(first)}`);
    // Friday 16:00 in Berlin, due again Saturday 16:00 there.
    await answered(user, first.ts, 'Snoozed until', new Date('2026-03-07T15:00:00Z'));

    await runJob(new Date('2026-03-07T15:00:00Z'));
    const second = user.dm.at(-1) as StoredMessage;
    await user.clickMessageButton(second.ts, 'nudge_reflect_now');
    await user.waitForModal((view) => view.callback_id === 'nudge_reflect');
    await user.submit({ rapport: 'Ask them about their own work.' });
    await answered(user, second.ts, 'Your reflection is saved with your plan.');
    const followUps: FollowUp[] = await h.rebound.store.listFollowUps(alice);
    expect(followUps.map((one) => one.status)).toEqual(['done', 'done']);
  });
});
