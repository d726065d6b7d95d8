// Slack Connect end to end: a channel shared by Alpha (TA) and Beta (TB), both with Rebound
// installed, and Gamma (TC), without it. Bea of Beta works through a rejection that reached
// her in the shared channel: everything is kept under her own workspace, whichever surface
// she uses (the message shortcut, the DM's buttons, Home), and Beta's copy of Rebound serves
// her throughout. Alpha's copy, which she and Cal of Gamma can reach from the shared channel,
// never reads or stores anything for them: it says kindly why, and nothing else happens.

import { describe, expect, it } from 'vitest';
import { scopeOf } from '../../devkit/seed.js';
import { type EmulatedUser, visibleText } from '../../emulator/index.js';
import type { UserScope } from '../../src/domain/types.js';
import { OTHER_WORKSPACE_TEXT } from '../../src/slack/platform/scope-guard.js';
import { homeText, published } from '../support/home.js';
import { installThroughOAuth } from '../support/oauth-browser.js';
import { type Harness, harnessPerTest } from '../support/rebound-harness.js';
import { step1, step2, step3, step4 } from '../support/routine-steps.js';

const NOW = new Date('2026-03-02T15:00:00Z');
const SHARED = 'C0SHARED';
const REJECTION =
  'Hi Bea, thanks for your time with Acme Labs. We decided to move forward with another candidate.';

const bea = scopeOf('UB1', 'TB');
const harness = harnessPerTest();

async function start(): Promise<Harness> {
  const h = await harness.start({ distributed: true, now: NOW });
  for (const team of [
    { id: 'TA', name: 'Alpha' },
    { id: 'TB', name: 'Beta' },
  ]) {
    expect((await installThroughOAuth(h.appUrl, h.emu, team)).status).toBe(200);
  }
  h.emu.shareChannel(SHARED, ['TA', 'TB', 'TC']);
  return h;
}

/** Everything Rebound keeps for `scope`, as counts (an empty scope is all zeros). */
async function keptFor(h: Harness, scope: UserScope) {
  const data = await h.rebound.store.exportUserData(scope);
  return {
    rejections: data.rejections.length,
    followUps: data.followUps.length,
    profile: data.profile !== null,
  };
}

const nothing = { rejections: 0, followUps: 0, profile: false };

/** Runs `act` and waits for `team`'s copy of Rebound to publish `user`'s Home once more. */
async function publishedBy(h: Harness, user: EmulatedUser, team: string, act: () => Promise<unknown>) {
  const count = () =>
    h.emu
      .callsTo('views.publish')
      .filter((call) => call.ok && call.teamId === team && call.params.user_id === user.id).length;
  const before = count();
  await act();
  await expect.poll(count).toBeGreaterThan(before);
}

/** Walks the four steps from an open step 1. */
async function walkRoutine(user: EmulatedUser) {
  await user.waitForModal((view) => view.callback_id === 'routine_step_1');
  for (const [answers, next] of [
    [step1, 'routine_step_2'],
    [step2, 'routine_step_3'],
    [step3, 'routine_step_4'],
  ] as const) {
    expect((await user.submit(answers)).errors).toBeUndefined();
    expect(user.modal?.callback_id).toBe(next);
  }
  expect((await user.submit(step4)).errors).toBeUndefined();
}

describe('a person of another workspace in a Slack Connect channel', () => {
  it('keeps what she writes in her own workspace, from the message shortcut, a DM button and Home', async () => {
    const h = await start();
    const { emu } = h;
    const ann = emu.addUser({ id: 'UA1', teamId: 'TA', name: 'ann', realName: 'Ann Alpha', tz: null });
    const user = emu.addUser({ id: 'UB1', teamId: 'TB', name: 'bea', tz: 'Europe/Berlin' });
    const posted = emu.postAs(ann.id, SHARED, REJECTION);

    // Slack sends the message shortcut through Bea's own workspace's Rebound.
    await user.messageShortcut('work_through_rejection', {
      text: REJECTION,
      user: ann.id,
      channelId: SHARED,
      ts: posted.ts,
    });
    const first = await user.waitForModal((view) => view.callback_id === 'routine_step_1');
    expect(visibleText(first)).toContain('Acme Labs');
    // Ann is of another workspace, yet in the channel: Beta's copy may look her up.
    expect(visibleText(first)).toContain('Ann Alpha sent that message');
    await walkRoutine(user);
    await expect.poll(() => user.dm.length).toBeGreaterThanOrEqual(2);
    expect((await keptFor(h, bea)).rejections).toBe(1);
    const [rejection] = await h.rebound.store.listRejections(bea);
    expect(rejection?.answers).toMatchObject({ company: 'Acme Labs', stage: 'final_round' });

    // A DM button: the drafted note's "Mark as sent".
    const note = user.dm.find((message) => JSON.stringify(message.blocks).includes('note_mark_sent'));
    if (!note) throw new Error('no drafted note in the DM');
    await user.clickMessageButton(note.ts, 'note_mark_sent');
    await expect
      .poll(async () => (await h.rebound.store.listFeedbackNotes(bea)).map((one) => one.sentAt !== null))
      .toEqual([true]);

    // Home shows it, from Bea's own workspace's Rebound.
    await h.idle();
    await publishedBy(h, user, 'TB', () => user.openHome());
    expect(homeText(user)).toContain('Acme Labs');

    // Every call for Bea went out with Beta's token; Alpha's was never used for her.
    const forBea = emu.calls.filter(
      (call) => call.teamId !== undefined && JSON.stringify(call.params).includes('UB1'),
    );
    expect(forBea.length).toBeGreaterThan(0);
    expect(new Set(forBea.map((call) => call.teamId))).toEqual(new Set(['TB']));
    expect(await keptFor(h, scopeOf('UB1', 'TA'))).toEqual(nothing);

    // Ann, of the host workspace, sees none of it on her Home.
    await published(h, ann, () => ann.openHome());
    expect(homeText(ann)).not.toContain('Acme Labs');
    expect(emu.problems).toEqual([]);
  });

  it('gets a kind note from the host’s Rebound, which reads and keeps nothing for her', async () => {
    const h = await start();
    const { emu } = h;
    emu.addUser({ id: 'UA1', teamId: 'TA', name: 'ann', tz: null });
    const user = emu.addUser({ id: 'UB1', teamId: 'TB', name: 'bea', tz: null });
    const cal = emu.addUser({ id: 'UC1', teamId: 'TC', name: 'cal', tz: null });

    // Bea's own data, which Alpha's copy must never show.
    await user.messageShortcut('work_through_rejection', { text: REJECTION, channelId: SHARED });
    await walkRoutine(user);
    await expect.poll(async () => (await keptFor(h, bea)).rejections).toBe(1);
    const beas = await keptFor(h, bea);
    await h.idle();

    for (const person of [user, cal]) {
      // From the shared channel they can open Alpha's copy of Rebound: its Home has nothing of theirs.
      await publishedBy(h, person, 'TA', () => person.openHome('home', { copyOf: 'TA' }));
      expect(homeText(person)).toContain('Welcome to Rebound');
      expect(homeText(person)).not.toContain('Acme Labs');

      // Starting from there tells them why nothing opens, instead of saying nothing.
      const before = person.modalStack.length;
      await person.clickHomeButton('home_start_routine');
      const note = await person.waitForModal((view) => view.callback_id === 'other_workspace');
      expect(visibleText(note)).toContain(OTHER_WORKSPACE_TEXT);
      expect(person.modalStack).toHaveLength(before + 1);
      await person.closeModal();
    }
    await h.idle();

    // Nothing was stored for them under Alpha, nor for Cal anywhere; Bea's data is untouched.
    expect(await keptFor(h, scopeOf('UB1', 'TA'))).toEqual(nothing);
    expect(await keptFor(h, scopeOf('UC1', 'TA'))).toEqual(nothing);
    expect(await keptFor(h, scopeOf('UC1', 'TC'))).toEqual(nothing);
    expect(await keptFor(h, bea)).toEqual(beas);
    expect(emu.callsTo('views.open').filter((call) => call.teamId === 'TA')).toHaveLength(2);
    expect(emu.problems).toEqual([]);
  });

  it('cannot use the message shortcut at all when her workspace has no Rebound', async () => {
    const h = await start();
    const cal = h.emu.addUser({ id: 'UC1', teamId: 'TC', name: 'cal', tz: null });
    // Slack does not offer an app's message shortcuts to members of a workspace without it.
    await expect(
      cal.messageShortcut('work_through_rejection', { text: REJECTION, channelId: SHARED }),
    ).rejects.toThrow(/not installed in TC/);
    expect(h.emu.callsTo('views.open')).toHaveLength(0);
  });
});
