// The two shortcuts end to end: "Log a rejection" from the lightning menu and "Work through
// rejection" on a message open the routine as /rejected does (a waiting draft included), inside
// Slack's 3-second trigger window; the message shortcut offers what it read and stores nothing
// of the message.

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EmulatedUser } from '../../emulator/index.js';
import { harnessPerTest, type Mode } from '../support/rebound-harness.js';

/** What the top modal's input `blockId` holds right now, as the next payload would carry it. */
function field(user: EmulatedUser, blockId: string): unknown {
  return (user.modalState as Record<string, Record<string, unknown>> | undefined)?.[blockId]?.value;
}

const scope = { teamId: 'T1', enterpriseId: null, userId: 'U1' };
const h = harnessPerTest();

/** Every byte of the SQLite database (and its WAL), as text: what a row could hold. */
function databaseBytes(databaseUrl: string): string {
  const dir = dirname(databaseUrl);
  return readdirSync(dir)
    .map((name) => readFileSync(join(dir, name)).toString('latin1'))
    .join('\n');
}

describe.each<Mode>(['http', 'socket'])('shortcuts over %s', (mode) => {
  it('"Log a rejection" opens step 1 with its trigger, then offers the draft back', async () => {
    const { emu } = await h.start({ mode });
    const alice = emu.addUser({ id: 'U1', name: 'alice', tz: null });

    const shortcut = await alice.globalShortcut('log_rejection');
    expect(shortcut.status).toBe(200);
    await alice.waitForModal((view) => view.callback_id === 'routine_step_1');
    const [open] = emu.callsTo('views.open');
    // The emulator refuses a trigger older than Slack's 3 s (expired_trigger_id): ok means in time.
    expect(open).toMatchObject({ ok: true, params: { trigger_id: shortcut.triggerId } });

    await alice.enter({ company: 'Initech' });
    await alice.closeModal();
    await expect
      .poll(async () => (await h.current().rebound.store.findOpenDraft(scope))?.answers)
      .toEqual({
        company: 'Initech',
      });

    await alice.globalShortcut('log_rejection');
    await alice.waitForModal((view) => view.callback_id === 'resume_draft');
    expect(JSON.stringify(alice.modal?.blocks)).toContain('Initech');
    await alice.clickButton('draft_resume');
    await alice.waitForModal((view) => view.callback_id === 'routine_step_1');
    expect(JSON.stringify(alice.modal?.blocks)).toContain('Initech');
    expect(emu.callsTo('views.open').every((call) => call.ok)).toBe(true);
  });
});

describe('the message shortcut', () => {
  const secret = 'a-sentence-only-the-message-has-7f3a';
  const rejectionText = `Hi Alice, thank you for your interest in Acme Labs. ${secret}. We went with another candidate.`;

  it('offers the company guess and the sender, keeps what the person chose, and stores no message text', async () => {
    const { emu, rebound, logs, config } = await h.start();
    const alice = emu.addUser({ id: 'U1', name: 'alice', tz: null });
    emu.addUser({ id: 'U2', name: 'sam', realName: 'Sam Lee', tz: null });

    await alice.messageShortcut('work_through_rejection', {
      text: rejectionText,
      user: 'U2',
      channelId: 'D0SAM',
    });
    const first = await alice.waitForModal((view) => view.callback_id === 'routine_step_1');
    const shown = JSON.stringify(first.blocks);
    expect(shown).toContain('the company looks like *Acme Labs*');
    expect(shown).toContain('*Sam Lee* sent that message');
    expect(shown).not.toContain(secret);
    // Offered, not assumed: the guess is only the field's starting value, and nothing is
    // filled in for Sam until Alice says who they are.
    expect(alice.modalState?.company).toEqual({ value: { type: 'plain_text_input', value: 'Acme Labs' } });
    expect(field(alice, 'employerContact')).toMatchObject({ value: null });
    expect((await rebound.store.findOpenDraft(scope))?.answers).toEqual({});

    await alice.enter({ role: 'Designer' });
    await alice.clickButton('offer_sender_recruiter');
    await alice.waitForModal((view) =>
      JSON.stringify(view.blocks).includes('Added *Sam Lee* as your recruiter'),
    );
    expect(field(alice, 'intermediaryName')).toMatchObject({ value: 'Sam Lee' });
    expect(field(alice, 'intermediary')).toMatchObject({ selected_option: { value: 'recruiter' } });
    expect(field(alice, 'role')).toMatchObject({ value: 'Designer' });

    // Alice corrects the guess; what she submits is what is kept.
    const result = await alice.submit({ company: 'Acme Research', stage: 'first_interview' });
    expect(result.errors).toBeUndefined();
    await alice.waitForModal((view) => view.callback_id === 'routine_step_2');
    expect((await rebound.store.findOpenDraft(scope))?.answers).toEqual({
      company: 'Acme Research',
      role: 'Designer',
      stage: 'first_interview',
      intermediary: 'recruiter',
      intermediaryName: 'Sam Lee',
    });

    expect(logs.length).toBeGreaterThan(0);
    expect(logs.join('\n')).not.toContain(secret);
    expect(databaseBytes(config.databaseUrl ?? '')).not.toContain(secret);
    expect(JSON.stringify(await rebound.store.exportUserData(scope))).not.toContain(secret);
  });

  it('offers no one for a message from a bot, a deactivated person or oneself, and no company it cannot read', async () => {
    const { emu } = await h.start();
    const alice = emu.addUser({ id: 'U1', name: 'alice', tz: null });
    emu.addUser({ id: 'UB', name: 'jobsbot', tz: null, isBot: true });
    emu.addUser({ id: 'UX', name: 'gone', tz: null, deleted: true });

    for (const user of [undefined, 'UB', 'UX', 'U1']) {
      await alice.messageShortcut('work_through_rejection', {
        text: 'They said no, sadly.',
        ...(user ? { user } : {}),
      });
      const view = await alice.waitForModal((modal) => modal.callback_id === 'routine_step_1');
      expect(JSON.stringify(view.blocks)).not.toContain('sent that message');
      expect(JSON.stringify(view.blocks)).not.toContain('looks like');
      expect(field(alice, 'company')).toMatchObject({ value: null });
      await alice.closeModal();
      // The next shortcut would resume the draft this one left; start each case from none.
      const draft = await h.current().rebound.store.findOpenDraft(scope);
      if (draft) await h.current().rebound.store.discardDraft(scope, draft.id, new Date());
    }
  });

  it('opens step 1 in time without the sender when Slack is slow to say who sent it', async () => {
    const { emu } = await h.start();
    const alice = emu.addUser({ id: 'U1', name: 'alice', tz: null });
    emu.addUser({ id: 'U2', name: 'sam', tz: null });
    emu.failNext('users.info', { delayMs: 2500 });
    await alice.messageShortcut('work_through_rejection', { text: rejectionText, user: 'U2' });
    const view = await alice.waitForModal((modal) => modal.callback_id === 'routine_step_1', 3000);
    expect(JSON.stringify(view.blocks)).not.toContain('sent that message');
    expect(field(alice, 'company')).toMatchObject({ value: 'Acme Labs' });
    expect(emu.callsTo('views.open')[0]?.ok).toBe(true);
  });

  it('opens the waiting draft instead of a new one, as /rejected does', async () => {
    const { emu } = await h.start();
    const alice = emu.addUser({ id: 'U1', name: 'alice', tz: null });
    await alice.command('/rejected', 'Globex - Analyst');
    await alice.waitForModal((view) => view.callback_id === 'routine_step_1');
    expect(field(alice, 'role')).toMatchObject({ value: 'Analyst' });
    await alice.closeModal();

    await alice.messageShortcut('work_through_rejection', { text: rejectionText });
    await alice.waitForModal((view) => view.callback_id === 'resume_draft');
    expect(JSON.stringify(alice.modal?.blocks)).toContain('*Analyst* role at *Globex*');
    await alice.closeModal();

    // /rejected with a new company and role over a waiting draft: Start fresh keeps both.
    await alice.command('/rejected', 'Designer at Initech');
    await alice.waitForModal((view) => view.callback_id === 'resume_draft');
    await alice.clickButton('draft_start_fresh');
    await alice.waitForModal((view) => view.callback_id === 'routine_step_1');
    expect(field(alice, 'company')).toMatchObject({ value: 'Initech' });
    expect(field(alice, 'role')).toMatchObject({ value: 'Designer' });
    expect((await h.current().rebound.store.findOpenDraft(scope))?.answers).toEqual({
      company: 'Initech',
      role: 'Designer',
    });
  });
});
