// Sharing with someone you trust, end to end on both engines: *Share with…* from the summary
// DM → who and what → preview → a DM to that person with only the ticked parts (escaped),
// recorded; *Stop sharing* deletes it; bots, deactivated people and oneself are refused
// kindly; `/rejected delete` deletes every shared note.

import { describe, expect, it } from 'vitest';
import type { EmulatedUser } from '../../emulator/index.js';
import { engines } from '../support/engines.js';
import { type Harness, harnessPerTest } from '../support/rebound-harness.js';
import { step1, step2, step3 } from '../support/routine-steps.js';

const scope = { teamId: 'T1', enterpriseId: null, userId: 'U1' };
const hostileLesson = 'Ask early <!channel> & <@U9> *really*';
const h = harnessPerTest();

/** Every text a person reads in these blocks, in order (block ids left out). */
function textsOf(blocks: unknown): string[] {
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object' && value !== null) {
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'text' && typeof inner === 'string') found.push(inner);
        else walk(inner);
      }
    }
  };
  walk(blocks);
  return found;
}

/** Alice finishes the routine for Acme Corp; returns her summary DM. */
async function finishRoutine(alice: EmulatedUser) {
  await alice.command('/rejected', 'Acme Corp');
  await alice.waitForModal((view) => view.callback_id === 'routine_step_1');
  await alice.submit({ ...step1, role: 'Staff Designer' });
  await alice.submit(step2);
  await alice.submit(step3);
  await alice.submit({ lesson: hostileLesson });
  return alice.waitForDm((message) => JSON.stringify(message.blocks).includes('share_open'));
}

async function openShareForm(h: Harness, alice: EmulatedUser) {
  const summary = await finishRoutine(alice);
  await alice.clickMessageButton(summary.ts, 'share_open');
  await alice.waitForModal((view) => view.callback_id === 'share_compose');
  expect(h.emu.problems).toEqual([]);
}

describe.each(engines)('sharing on $name', (engine) => {
  it('previews, sends only the plan and the lesson, records it, and Stop sharing deletes it', async () => {
    const current = await h.start({ databaseUrl: await engine.databaseUrl() });
    const { emu, rebound } = current;
    const alice = emu.addUser({ id: 'U1', name: 'alice', tz: null });
    const sam = emu.addUser({ id: 'U2', name: 'sam', tz: null });
    await openShareForm(current, alice);
    // The plan and the lesson are ticked to begin with; nothing else.
    const parts = alice.modalState?.share_parts as
      | Record<string, { selected_options: { value: string }[] }>
      | undefined;
    const ticked = parts?.pick?.selected_options;
    expect(ticked?.map((choice) => choice.value)).toEqual(['plan', 'lesson']);

    expect((await alice.submit({ share_with: 'U2' })).errors).toBeUndefined();
    const preview = await alice.waitForModal((view) => view.callback_id === 'share_preview');
    expect(alice.modalStack).toHaveLength(2);
    const previewed = JSON.stringify(preview.blocks);
    expect(previewed).toContain('exactly what <@U2> will get');
    expect(sam.dm).toEqual([]); // nothing goes before Share

    await alice.submit();
    expect(alice.modal).toBeUndefined();
    const note = await sam.waitForDm();
    expect(note.text).toBe('Someone shared a note with you from Rebound');
    const shown = JSON.stringify(note.blocks);
    expect(shown).toContain('<@U1> chose to share this with you');
    expect(shown).toContain('Ask my network for referrals');
    expect(shown).toContain('Ask early &lt;!channel&gt; &amp; &lt;@U9&gt; *really*');
    expect(shown).not.toContain('<!channel>');
    for (const kept of ['Acme Corp', 'Staff Designer', step2.interview, step2.strengths]) {
      expect(shown).not.toContain(kept);
    }
    // The preview showed exactly this note.
    expect(textsOf(preview.blocks)).toEqual(expect.arrayContaining(textsOf(note.blocks)));

    await expect.poll(() => rebound.store.listShares(scope)).toHaveLength(1);
    const [share] = await rebound.store.listShares(scope);
    expect(share).toMatchObject({
      recipientId: 'U2',
      parts: ['plan', 'lesson'],
      channelId: 'DU2',
      messageTs: note.ts,
    });

    const confirmation = await alice.waitForDm(
      (message) => message.text === 'You shared a note from Rebound.',
    );
    expect(JSON.stringify(confirmation.blocks)).toContain('your plan and the lesson with <@U2>');
    await alice.clickMessageButton(confirmation.ts, 'share_stop');
    await emu.waitForCall('chat.delete');
    await expect.poll(() => sam.dm).toEqual([]);
    await expect.poll(() => rebound.store.listShares(scope)).toEqual([]);
    await expect
      .poll(() => JSON.stringify(alice.dm.find((message) => message.ts === confirmation.ts)?.blocks))
      .toContain('You stopped sharing this with <@U2>');
    expect(current.logs.join('\n')).not.toContain('Ask early');
  });
});

describe('sharing', () => {
  it('includes the company, reflections and feedback only when ticked', async () => {
    const current = await h.start();
    const { emu, rebound } = current;
    const alice = emu.addUser({ id: 'U1', name: 'alice', tz: null });
    const kim = emu.addUser({ id: 'U3', name: 'kim', tz: null });
    await openShareForm(current, alice);
    const [rejection] = await rebound.store.listRejections(scope);
    await rebound.store.addEntry(
      scope,
      rejection?.id ?? '',
      { kind: 'feedback', received: true, text: 'Portfolio <b>was</b> thin' },
      new Date(),
    );
    await alice.submit({ share_with: 'U3', share_parts: ['company', 'reflections', 'feedback'] });
    await alice.waitForModal((view) => view.callback_id === 'share_preview');
    await alice.submit();
    const shown = JSON.stringify((await kim.waitForDm()).blocks);
    expect(shown).toContain('Acme Corp · Staff Designer');
    expect(shown).toContain(step2.interview);
    expect(shown).toContain('Portfolio &lt;b&gt;was&lt;/b&gt; thin');
    expect(shown).not.toContain('Ask my network for referrals');
    expect(shown).not.toContain('Ask early');
    await expect
      .poll(async () => (await rebound.store.listShares(scope))[0]?.parts)
      .toEqual(['company', 'reflections', 'feedback']);
  });

  it('refuses a bot, a deactivated person and oneself with a kind note, and an empty pick', async () => {
    const current = await h.start();
    const { emu, rebound } = current;
    const alice = emu.addUser({ id: 'U1', name: 'alice', tz: null });
    emu.addUser({ id: 'UB', name: 'standupbot', tz: null, isBot: true });
    emu.addUser({ id: 'UX', name: 'former', tz: null, deleted: true });
    emu.addUser({ id: 'U2', name: 'sam', tz: null });
    await openShareForm(current, alice);

    const refused = async (values: Record<string, string | string[]>) => (await alice.submit(values)).errors;
    expect(await refused({ share_with: 'UB' })).toEqual({
      share_with: expect.stringContaining('not a person'),
    });
    expect(await refused({ share_with: 'UX' })).toEqual({
      share_with: expect.stringContaining('isn’t active'),
    });
    expect(await refused({ share_with: 'U1' })).toEqual({
      share_with: expect.stringContaining('That’s you'),
    });
    expect(await refused({ share_with: 'U2', share_parts: [] })).toEqual({
      share_parts: 'Pick at least one thing to share.',
    });
    expect(alice.modal?.callback_id).toBe('share_compose');
    expect(emu.messagesIn('DUB')).toEqual([]);
    expect(emu.messagesIn('DUX')).toEqual([]);
    expect(await rebound.store.listShares(scope)).toEqual([]);
  });

  it('/rejected delete deletes every shared note from the recipients’ DMs', async () => {
    const current = await h.start();
    const { emu, rebound } = current;
    const alice = emu.addUser({ id: 'U1', name: 'alice', tz: null });
    const sam = emu.addUser({ id: 'U2', name: 'sam', tz: null });
    const kim = emu.addUser({ id: 'U3', name: 'kim', tz: null });
    const summary = await finishRoutine(alice);
    for (const who of ['U2', 'U3']) {
      await alice.clickMessageButton(summary.ts, 'share_open');
      await alice.waitForModal((view) => view.callback_id === 'share_compose');
      await alice.submit({ share_with: who });
      await alice.waitForModal((view) => view.callback_id === 'share_preview');
      await alice.submit();
      await expect
        .poll(async () => (await rebound.store.listShares(scope)).length)
        .toBe(who === 'U2' ? 1 : 2);
    }
    expect(sam.dm).toHaveLength(1);
    expect(kim.dm).toHaveLength(1);

    await alice.command('/rejected', 'delete');
    await alice.waitForModal((view) => view.callback_id === 'delete_my_data');
    // Untick "also remove Rebound's messages", so the old summary stays to be clicked below.
    await alice.submit({ delete_messages: [] });
    const confirmation = await alice.waitForDm((message) => message.text?.includes('is deleted') ?? false);
    expect(JSON.stringify(confirmation.blocks)).toContain('2 notes you shared');
    // The delete modal shows the same report; alice closes it.
    await alice.waitForModal((view) => JSON.stringify(view.blocks).includes('What stays'));
    await alice.closeModal();
    await expect.poll(() => sam.dm.length + kim.dm.length).toBe(0);
    expect(await rebound.store.listShares(scope)).toEqual([]);
    // The old summary's button now says there is nothing to share, instead of doing nothing.
    await alice.clickMessageButton(summary.ts, 'share_open');
    const gone = await alice.waitForModal();
    expect(JSON.stringify(gone.blocks)).toContain('no longer in Rebound');
  });

  it('keeps the share when Slack will not delete the note, and counts a note already gone as deleted', async () => {
    const current = await h.start();
    const { emu, rebound } = current;
    const alice = emu.addUser({ id: 'U1', name: 'alice', tz: null });
    const sam = emu.addUser({ id: 'U2', name: 'sam', tz: null });
    await openShareForm(current, alice);
    await alice.submit({ share_with: 'U2' });
    await alice.waitForModal((view) => view.callback_id === 'share_preview');
    await alice.submit();
    const confirmation = await alice.waitForDm(
      (message) => message.text === 'You shared a note from Rebound.',
    );

    emu.failNext('chat.delete', { error: 'internal_error' });
    await alice.clickMessageButton(confirmation.ts, 'share_stop');
    await alice.waitForDm((message) => message.text?.includes('still shared') ?? false);
    expect(sam.dm).toHaveLength(1);
    expect(await rebound.store.listShares(scope)).toHaveLength(1);

    emu.failNext('chat.delete', { error: 'message_not_found' });
    await alice.clickMessageButton(confirmation.ts, 'share_stop');
    await expect.poll(() => rebound.store.listShares(scope)).toEqual([]);
  });

  it('sends nothing and says so when Slack refuses the note', async () => {
    const current = await h.start();
    const { emu, rebound } = current;
    const alice = emu.addUser({ id: 'U1', name: 'alice', tz: null });
    const sam = emu.addUser({ id: 'U2', name: 'sam', tz: null });
    await openShareForm(current, alice);
    await alice.submit({ share_with: 'U2' });
    await alice.waitForModal((view) => view.callback_id === 'share_preview');
    emu.failNext('chat.postMessage', { error: 'ratelimited' });
    await alice.submit();
    await alice.waitForDm((message) => message.text?.includes('nothing was sent') ?? false);
    expect(sam.dm).toEqual([]);
    expect(await rebound.store.listShares(scope)).toEqual([]);
  });

  it('answers the form in time when Slack is slow to say who someone is', async () => {
    const current = await h.start();
    const { emu } = current;
    const alice = emu.addUser({ id: 'U1', name: 'alice', tz: null });
    const sam = emu.addUser({ id: 'U2', name: 'sam', tz: null });
    await openShareForm(current, alice);
    emu.failNext('users.info', { delayMs: 2500 });
    const slow = await alice.submit({ share_with: 'U2' });
    expect(slow.status).toBe(200);
    expect(slow.errors).toEqual({ share_with: expect.stringContaining('try again in a moment') });
    // The next try goes through.
    expect((await alice.submit({ share_with: 'U2' })).errors).toBeUndefined();
    await alice.waitForModal((view) => view.callback_id === 'share_preview');
    expect(sam.dm).toEqual([]);
  });

  it('shares from the rejection’s own view on Home too, on top of that view', async () => {
    const current = await h.start();
    const { emu, rebound } = current;
    const alice = emu.addUser({ id: 'U1', name: 'alice', tz: null });
    const sam = emu.addUser({ id: 'U2', name: 'sam', tz: null });
    await finishRoutine(alice);
    const [rejection] = await rebound.store.listRejections(scope);
    await alice.openHome();
    await expect.poll(() => alice.home !== undefined).toBe(true);
    await alice.clickHomeButton('home_open_rejection', { value: rejection?.id ?? '' });
    await alice.waitForModal((view) => view.callback_id === 'home_rejection');
    await alice.clickButton('share_open');
    await alice.waitForModal((view) => view.callback_id === 'share_compose');
    expect(alice.modalStack.map((view) => view.callback_id)).toEqual(['home_rejection', 'share_compose']);
    await alice.submit({ share_with: 'U2' });
    await alice.waitForModal((view) => view.callback_id === 'share_preview');
    expect(alice.modalStack).toHaveLength(3);
    await alice.submit();
    expect(alice.modal).toBeUndefined();
    await sam.waitForDm();
    await expect.poll(async () => (await rebound.store.listShares(scope)).length).toBe(1);
  });
});
