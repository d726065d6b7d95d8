// PostgreSQL goes away while Rebound runs, then comes back. People get a calm message instead
// of a timeout or a 500, keep everything they typed, and carry on once the database is back —
// without anyone restarting the app. Uses a server of its own: it stops and starts it.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scopeOf } from '../../devkit/seed.js';
import { visibleText } from '../../emulator/index.js';
import {
  CLOSE_SAVE_FAILED_TEXT,
  OPEN_FAILED_TEXT,
  SAVE_FAILED_TEXT,
} from '../../src/slack/platform/errors-message.js';
import { ownPostgresPerTest } from '../support/own-postgres.js';
import { type Harness, startHarness } from '../support/rebound-harness.js';
import { step1, step2, step3, step4 } from '../support/routine-steps.js';

const NOW = new Date('2026-03-02T15:00:00Z');

const pg = ownPostgresPerTest();
let h: Harness;

beforeEach(async () => {
  h = await startHarness({ now: NOW, databaseUrl: pg.url, logLevel: 'info' });
});
afterEach(async () => {
  await h?.stop();
});

const healthz = async () => (await fetch(`http://127.0.0.1:${h.rebound.port}/healthz`)).status;

describe('PostgreSQL lost while Rebound runs', () => {
  it('keeps a new step 1 in the modal when its first save fails, and stores it once on retry', async () => {
    const alice = h.emu.addUser({ id: 'U1', name: 'alice', tz: null });
    await alice.command('/rejected', 'Acme Corp');
    await alice.waitForModal((view) => view.callback_id === 'routine_step_1');
    await pg.server.pause();
    try {
      const failed = await alice.submit(step1);
      expect(Object.values(failed.errors ?? {})).toEqual([SAVE_FAILED_TEXT]);
      expect(alice.modal?.callback_id).toBe('routine_step_1');
    } finally {
      await pg.server.resume();
    }
    await expect.poll(() => healthz()).toBe(200);
    expect((await alice.submit()).errors).toBeUndefined();
    expect(alice.modal?.callback_id).toBe('routine_step_2');
    const { rejections } = await h.rebound.store.exportUserData(scopeOf('U1'));
    expect(rejections.map((r) => [r.step, r.answers.company, r.answers.role])).toEqual([
      [2, 'Acme Corp', step1.role],
    ]);
  });

  it('answers kindly while it is down, keeps what was typed, and recovers when it is back', async () => {
    const alice = h.emu.addUser({ id: 'U1', name: 'alice', tz: 'America/New_York' });
    const bob = h.emu.addUser({ id: 'U2', name: 'bob', tz: null });
    await alice.command('/rejected', 'Acme Corp');
    await alice.waitForModal((view) => view.callback_id === 'routine_step_1');
    await alice.submit(step1);
    expect(alice.modal?.callback_id).toBe('routine_step_2');
    expect(await healthz()).toBe(200);

    await pg.server.pause();
    try {
      // A new routine cannot start: Bob is told so, only he sees it, and nothing opens.
      const command = await bob.command('/rejected', 'Globex');
      expect(command.status).toBe(200);
      await expect.poll(() => bob.ephemerals.map((message) => message.text)).toEqual([OPEN_FAILED_TEXT]);
      expect(bob.ephemerals[0]?.source).toBe('response_url');
      expect(bob.modal).toBeUndefined();

      // A step cannot be saved: the modal stays open with a note, and the answers stay in it.
      const failed = await alice.submit(step2);
      expect(failed.status).toBe(200);
      expect(Object.values(failed.errors ?? {})).toEqual([SAVE_FAILED_TEXT]);
      expect(alice.modal?.callback_id).toBe('routine_step_2');
      expect(visibleText(alice.modal)).toContain(step2.interview);
      expect(visibleText(alice.modal)).toContain(step2.strengths);

      // Readiness reuses its last answer for 2 s, then its ping waits out the stall.
      await expect.poll(() => healthz(), { timeout: 10_000 }).toBe(503);
    } finally {
      await pg.server.resume();
    }

    // The same submission, typed answers untouched, now goes through; the routine finishes.
    await expect.poll(() => healthz(), { timeout: 10_000 }).toBe(200);
    const retried = await alice.submit();
    expect(retried.errors).toBeUndefined();
    expect(alice.modal?.callback_id).toBe('routine_step_3');
    await alice.submit(step3);
    expect((await alice.submit(step4)).errors).toBeUndefined();
    await expect.poll(() => alice.dm.length).toBe(2); // the summary and its one note
    const [rejection] = await h.rebound.store.listRejections(scopeOf('U1'));
    expect(rejection?.answers).toMatchObject({ company: 'Acme Corp', interview: step2.interview });

    // And Bob can start now.
    await bob.command('/rejected', 'Globex');
    await bob.waitForModal((view) => view.callback_id === 'routine_step_1');

    // No timeouts and no 500s along the way; logs name the failure, never what was typed.
    expect(h.emu.problems).toEqual([]);
    const logs = h.logs.join('\n');
    expect(logs).toContain('store_unavailable');
    expect(logs).not.toContain(step2.interview);
  });

  it('says so in the DM when a step closed meanwhile could not be kept, and resumes from the last saved step', async () => {
    const alice = h.emu.addUser({ id: 'U1', name: 'alice', tz: null });
    await alice.command('/rejected', 'Acme Corp');
    await alice.waitForModal((view) => view.callback_id === 'routine_step_1');
    await alice.submit(step1);
    alice.enter({ interview: 'Half a thought' });

    await pg.server.pause();
    try {
      await alice.closeModal();
      await expect.poll(() => alice.dm.map((message) => message.text)).toEqual([CLOSE_SAVE_FAILED_TEXT]);
    } finally {
      await pg.server.resume();
    }

    // Step 1 was saved before the outage: the draft resumes at step 2.
    await expect.poll(() => healthz(), { timeout: 10_000 }).toBe(200);
    await alice.command('/rejected', '');
    await alice.waitForModal((view) => view.callback_id === 'resume_draft');
    await alice.clickButton('draft_resume');
    await alice.waitForModal((view) => view.callback_id === 'routine_step_2');
    expect(visibleText(alice.modal)).not.toContain('Half a thought');
    expect(h.emu.problems).toEqual([]);
  });
});
