// The emulator driving a real Bolt app through a multi-step modal routine, over HTTP and Socket Mode.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type BareApp, startHttpApp, startSocketApp, TEST_SECRETS } from '../../emulator/bare-bolt-app.js';
import { type DemoRecorder, registerDemoRoutine } from '../../emulator/demo-routine-app.js';
import { createSlackEmulator, type SlackEmulator } from '../../emulator/index.js';

describe.each([
  ['HTTP', startHttpApp],
  ['Socket Mode', startSocketApp],
] as const)('modal routine over %s', (_mode, start) => {
  let emu: SlackEmulator;
  let bare: BareApp;
  let recorder: DemoRecorder;

  beforeEach(async () => {
    emu = await createSlackEmulator({ ...TEST_SECRETS });
    bare = await start(emu, (app) => {
      recorder = registerDemoRoutine(app);
    });
  });

  afterEach(async () => {
    await bare.stop();
    await emu.close();
  });

  it('opens, updates, shows errors, goes back with the hash and finishes', async () => {
    const alice = emu.addUser({ id: 'U1', name: 'alice', tz: 'America/New_York' });

    const command = await alice.command('/demo', 'first draft');
    expect(command.status).toBe(200);
    expect(command.body).toBeUndefined();
    const step1 = await alice.waitForModal((view) => view.callback_id === 'demo_step_1');
    expect(step1.id).toMatch(/^V/);
    expect(emu.callsTo('views.open')[0]?.params.trigger_id).toBe(command.triggerId);

    // Unspecified inputs keep their initial value, as in Slack.
    const toStep2 = await alice.submit({ mood: 'good' });
    expect(toStep2).toMatchObject({ status: 200, body: { response_action: 'update' } });
    expect(recorder.submissions[0]).toEqual({ step: 1, answer: 'first draft', mood: 'good' });
    const step2 = alice.modal;
    expect(step2?.callback_id).toBe('demo_step_2');
    expect(step2?.id).toBe(step1.id);
    expect(step2?.hash).not.toBe(step1.hash);
    expect(alice.modalStack).toHaveLength(1);

    const rejected = await alice.submit({ answer_2: 'bad' });
    expect(rejected.errors).toEqual({ answer_2: 'Try a different answer' });
    expect(alice.modal?.callback_id).toBe('demo_step_2');

    await alice.submit({ answer_2: 'better' });
    expect(alice.modal?.callback_id).toBe('demo_step_3');

    const hashBeforeBack = alice.modal?.hash;
    await alice.clickButton('back', { values: { answer_3: 'typed before going back' } });
    await alice.waitForModal((view) => view.callback_id === 'demo_step_2');
    // The modal changes when Slack answers views.update, a moment before the app sees the answer.
    await expect.poll(() => recorder.backResults).toEqual([{ ok: true }]);
    const backCall = emu.callsTo('views.update')[0];
    expect(backCall?.params.hash).toBe(hashBeforeBack);
    expect(backCall?.ok).toBe(true);

    await alice.submit({ answer_2: 'again' });
    await alice.submit({ answer_3: 'done' });
    expect(alice.modal).toBeUndefined();
    const dm = await alice.waitForDm((message) => message.text === 'Routine done');
    expect(dm.ts).toMatch(/^\d+\.\d{6}$/);
    expect(recorder.submissions.map((submission) => submission.answer)).toEqual([
      'first draft',
      'bad',
      'better',
      'again',
      'done',
    ]);
    expect(emu.problems).toEqual([]);
  });

  it('answers a second update with the same (now stale) hash with hash_conflict', async () => {
    const alice = emu.addUser({ id: 'U1', name: 'alice', tz: null });
    await alice.command('/demo');
    await alice.waitForModal();
    await alice.submit({ answer_1: 'one' });
    // Two quick clicks carry the same hash; the first update changes it.
    await Promise.all([alice.clickButton('back'), alice.clickButton('back')]);
    await expect.poll(() => recorder.backResults.length).toBe(2);
    expect(recorder.backResults).toContainEqual({ ok: true });
    expect(recorder.backResults).toContainEqual({ ok: false, error: 'hash_conflict' });
    expect(emu.problems).toEqual([expect.stringContaining('hash_conflict')]);
  });

  it('sends view_closed only for views that ask for it, and always closes the view', async () => {
    const alice = emu.addUser({ id: 'U1', name: 'alice', tz: null });
    await alice.command('/demo');
    await alice.waitForModal();
    const closed = await alice.closeModal();
    expect(closed?.status).toBe(200);
    expect(alice.modal).toBeUndefined();
    expect(recorder.closed).toEqual([{ callbackId: 'demo_step_1', isCleared: false }]);
  });

  it('blocks a submission with an empty required input, as Slack client does, without calling the app', async () => {
    const alice = emu.addUser({ id: 'U1', name: 'alice', tz: null });
    await alice.command('/demo');
    await alice.waitForModal();
    const result = await alice.submit({ answer_1: '' });
    expect(result.status).toBe(0);
    expect(result.errors).toEqual({ answer_1: expect.stringContaining('required') });
    expect(recorder.submissions).toEqual([]);
  });
});
