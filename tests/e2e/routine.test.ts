// The /rejected routine end to end: the real app, over HTTP and over Socket Mode, on SQLite
// and on PostgreSQL, against the Slack emulator. Form answers are entered into the views the
// app actually sent.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Surface, visibleText } from '../../emulator/index.js';
import { engines } from '../support/engines.js';
import { type Harness, type Mode, startHarness } from '../support/rebound-harness.js';

const NOW = new Date('2026-03-02T15:00:00Z'); // a Monday, 10:00 in New York
const scope = { teamId: 'T1', enterpriseId: null, userId: 'U1' };

const step1 = {
  role: 'Product Designer',
  stage: 'final_round',
  intermediary: 'recruiter',
  intermediaryName: 'Sam',
};
const step2 = {
  interview: 'Slow down when walking through the portfolio.',
  preparation: 'Research their design system beforehand.',
  strengths: 'Calm under pressure.',
};
const step3 = {
  dailyFit: 'unsure',
  excited: 'somewhat',
  skillsElsewhere: 'maybe',
  tweaks: ['referrals', 'tailor_cv'],
};
const step4 = { lesson: 'Ask about the team early on.' };

const modes: Mode[] = ['http', 'socket'];
const cases = modes.flatMap((mode) => engines.map((engine) => ({ mode, engine })));

describe.each(cases)('the /rejected routine over $mode on $engine.name', ({ mode, engine }) => {
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness({ mode, now: NOW, databaseUrl: await engine.databaseUrl() });
  });
  afterEach(async () => {
    await h?.stop();
  });

  it('walks all four steps, then DMs a summary and stores the follow-ups', async () => {
    const alice = h.emu.addUser({ id: 'U1', name: 'alice', tz: 'America/New_York' });

    const command = await alice.command('/rejected', 'Acme Corp');
    expect(command.status).toBe(200);
    const first = await alice.waitForModal((view) => view.callback_id === 'routine_step_1');
    expect(first.title.text).toContain('1 of 4');
    expect(alice.modalStack).toHaveLength(1);

    expect((await alice.submit(step1)).errors).toBeUndefined();
    expect(alice.modal?.callback_id).toBe('routine_step_2');
    expect(alice.modal?.title.text).toContain('2 of 4');
    // Step 1 answers become feedback requests; step 2 says they are ready.
    expect(visibleText(alice.modal)).toMatch(/Sam|recruiter/i);

    await alice.submit(step2);
    expect(alice.modal?.callback_id).toBe('routine_step_3');
    await alice.submit(step3);
    expect(alice.modal?.callback_id).toBe('routine_step_4');

    // The check-in defaults to 10:00 New York time, seven working days on (Wednesday 11 March, EDT).
    const defaultFollowUp = new Date('2026-03-11T14:00:00Z');
    expect(JSON.stringify(alice.modal?.blocks)).toContain(
      `"initial_date_time":${defaultFollowUp.getTime() / 1000}`,
    );

    const result = await alice.submit(step4);
    expect(result.errors).toBeUndefined();
    expect(alice.modal).toBeUndefined();
    // Advancing with response_action update: the stack never grew past one view.
    expect(h.emu.callsTo('views.push')).toHaveLength(0);

    await expect.poll(() => alice.dm.length).toBe(3);
    const summary = visibleText(alice.dm[0]);
    expect(summary).toContain('Acme Corp');
    expect(summary).toContain('Product Designer');
    expect(summary).toContain('Ask about the team early on.');
    // The date is a Slack date token, so each reader sees it in their own timezone.
    expect(JSON.stringify(alice.dm[0]?.blocks)).toContain(`<!date^${defaultFollowUp.getTime() / 1000}^`);

    const [rejection] = await h.rebound.store.listRejections(scope);
    expect(rejection).toMatchObject({
      status: 'complete',
      answers: { company: 'Acme Corp', stage: 'final_round' },
    });
    // Only the check-in they picked: "did you hear back?" waits until a note is marked sent.
    const followUps = await h.rebound.store.listFollowUps(scope);
    expect(followUps).toEqual([
      expect.objectContaining({
        kind: 'action_check',
        status: 'pending',
        rejectionId: rejection?.id,
        scope,
        dueAt: defaultFollowUp,
      }),
    ]);
    // The note to the employer and the one to Sam, each its own message, not yet sent.
    await expect.poll(() => alice.dm.length).toBe(3);
    expect(JSON.stringify(alice.dm[1]?.blocks)).toContain('Mark as sent');
    expect(JSON.stringify(alice.dm[2]?.blocks)).toContain('Hi Sam,');
    const notes = await h.rebound.store.listFeedbackNotes(scope);
    expect(notes.map((note) => [note.audience, note.sentAt])).toEqual([
      ['employer', null],
      ['recruiter', null],
    ]);
    // Signed with the name Slack gave with their timezone on step 1: one users.info per routine.
    expect(visibleText(alice.dm[2])).toContain('alice');
    expect(h.emu.callsTo('users.info')).toHaveLength(1);
    expect(h.emu.problems).toEqual([]);
  });

  it('keeps everything typed when going back and forth', async () => {
    const alice = h.emu.addUser({ id: 'U1', name: 'alice', tz: 'Europe/Berlin' });
    await alice.command('/rejected', 'Acme Corp');
    await alice.waitForModal((view) => view.callback_id === 'routine_step_1');
    await alice.submit(step1);
    await alice.submit(step2);
    expect(alice.modal?.callback_id).toBe('routine_step_3');

    // Half-typed step 3, then Back twice: nothing is lost.
    await alice.enter({ dailyFit: 'no', tweakOther: 'Try smaller studios' });
    await alice.clickButton('routine_back');
    await alice.waitForModal((view) => view.callback_id === 'routine_step_2');
    expect(visibleText(alice.modal)).toContain('Research their design system beforehand.');
    await alice.clickButton('routine_back');
    await alice.waitForModal((view) => view.callback_id === 'routine_step_1');
    expect(visibleText(alice.modal)).toContain('Product Designer');

    await alice.submit({});
    await alice.submit({});
    expect(alice.modal?.callback_id).toBe('routine_step_3');
    expect(visibleText(alice.modal)).toContain('Try smaller studios');
    expect(h.emu.callsTo('views.update').every((call) => call.ok)).toBe(true);
    expect(h.emu.problems).toEqual([]);
  });

  it('answers invalid input inline on the right field', async () => {
    const alice = h.emu.addUser({ id: 'U1', name: 'alice', tz: 'America/New_York' });
    await alice.command('/rejected', '');
    await alice.waitForModal((view) => view.callback_id === 'routine_step_1');
    const missing = await alice.submit({ role: 'Engineer', stage: 'application', intermediary: 'none' });
    expect(Object.keys(missing.errors ?? {})).toEqual(['company']);
    expect(alice.modal?.callback_id).toBe('routine_step_1');

    await alice.submit({ company: 'Initech' });
    await alice.submit(step2);
    await alice.submit(step3);
    const past = await alice.submit({ ...step4, followUpAt: NOW.getTime() / 1000 - 3600 });
    expect(Object.keys(past.errors ?? {})).toEqual(['followUpAt']);
    const tooFar = await alice.submit({ ...step4, followUpAt: NOW.getTime() / 1000 + 121 * 86_400 });
    expect(Object.keys(tooFar.errors ?? {})).toEqual(['followUpAt']);
    expect(alice.modal?.callback_id).toBe('routine_step_4');
    expect(await h.rebound.store.listFollowUps(scope)).toEqual([]);
  });

  it('stores nothing for /rejected alone, yet keeps step 1 closed at once for resume', async () => {
    const alice = h.emu.addUser({ id: 'U1', name: 'alice', tz: null });
    await alice.command('/rejected', 'Acme Corp');
    await alice.waitForModal((view) => view.callback_id === 'routine_step_1');
    expect((await h.rebound.store.exportUserData(scope)).rejections).toEqual([]);

    await alice.closeModal();
    await expect
      .poll(async () => (await h.rebound.store.findOpenDraft(scope))?.answers.company)
      .toBe('Acme Corp');
    await alice.command('/rejected', '');
    await alice.waitForModal((view) => view.callback_id === 'resume_draft');
    await alice.clickButton('draft_resume');
    await alice.waitForModal((view) => view.callback_id === 'routine_step_1');
    expect(JSON.stringify(alice.modal?.blocks)).toContain('Acme Corp');
    expect((await h.rebound.store.exportUserData(scope)).rejections).toHaveLength(1);
  });

  it('makes one draft when step 1 is submitted twice at once', async () => {
    const alice = h.emu.addUser({ id: 'U1', name: 'alice', tz: null });
    await alice.command('/rejected', 'Acme Corp');
    await alice.waitForModal((view) => view.callback_id === 'routine_step_1');
    await Promise.all([alice.submit(step1), alice.submit(step1)]);
    expect(alice.modal?.callback_id).toBe('routine_step_2');
    const { rejections } = await h.rebound.store.exportUserData(scope);
    expect(rejections.map((r) => [r.status, r.step, r.answers.role])).toEqual([
      ['draft', 2, 'Product Designer'],
    ]);
  });

  it('keeps a closed draft and offers to resume it or start fresh', async () => {
    const alice = h.emu.addUser({ id: 'U1', name: 'alice', tz: null });
    await alice.command('/rejected', 'Acme Corp');
    await alice.waitForModal((view) => view.callback_id === 'routine_step_1');
    await alice.submit(step1);
    await alice.enter({ interview: 'Half a thought' });
    await alice.closeModal();
    await expect
      .poll(async () => (await h.rebound.store.findOpenDraft(scope))?.answers.interview)
      .toBe('Half a thought');

    await alice.command('/rejected', '');
    await alice.waitForModal((view) => view.callback_id === 'resume_draft');
    expect(visibleText(alice.modal)).toContain('Acme Corp');
    await alice.clickButton('draft_resume');
    await alice.waitForModal((view) => view.callback_id === 'routine_step_2');
    expect(visibleText(alice.modal)).toContain('Half a thought');
    await alice.closeModal();

    await alice.command('/rejected', 'Globex');
    await alice.waitForModal((view) => view.callback_id === 'resume_draft');
    await alice.clickButton('draft_start_fresh');
    await alice.waitForModal((view) => view.callback_id === 'routine_step_1');
    expect(visibleText(alice.modal)).toContain('Globex');
    expect(visibleText(alice.modal)).not.toContain('Product Designer');
    const draft = await h.rebound.store.findOpenDraft(scope);
    expect(draft?.answers).toEqual({ company: 'Globex' });
    expect(h.emu.problems).toEqual([]);
  });

  it('answers /rejected help with an ephemeral usage message and opens nothing', async () => {
    const alice = h.emu.addUser({ id: 'U1', name: 'alice', tz: null });
    const reply = await alice.command('/rejected', 'help');
    expect(reply.status).toBe(200);
    expect(visibleText(reply.body as Surface)).toContain('/rejected');
    expect((reply.body as { response_type?: string }).response_type).toBe('ephemeral');
    expect(h.emu.callsTo('views.open')).toHaveLength(0);
    expect(alice.modal).toBeUndefined();
  });
});
