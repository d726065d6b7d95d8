// Distributed mode: every request is authorized with its workspace's installation, read
// from the database. PostgreSQL stops while someone is on step 2; the modal stays open with
// their answers in it, whether the installation is still in this instance's cache or not,
// and the routine carries on once the database is back.

import { afterEach, beforeEach, expect, it } from 'vitest';
import { INSTALLATION_CACHE_MS } from '../../src/slack/installs/installation-store.js';
import { SAVE_FAILED_TEXT } from '../../src/slack/platform/errors-message.js';
import { installThroughOAuth } from '../support/oauth-browser.js';
import { ownPostgresPerTest } from '../support/own-postgres.js';
import { type Harness, startHarness } from '../support/rebound-harness.js';
import { step1, step2, step3 } from '../support/routine-steps.js';

const NOW = new Date('2026-03-02T15:00:00Z');

const pg = ownPostgresPerTest();
let h: Harness;

beforeEach(async () => {
  h = await startHarness({ distributed: true, now: NOW, databaseUrl: pg.url, logLevel: 'info' });
  expect((await installThroughOAuth(h.appUrl, h.emu, 'TA')).status).toBe(200);
});
afterEach(async () => {
  await h?.stop();
});

// The note as the modal's JSON holds it.
const noteText = JSON.stringify(SAVE_FAILED_TEXT).slice(1, -1);

function expectStep2WithAnswers(): void {
  const alice = h.emu.user('UA1');
  expect(alice.modal?.callback_id).toBe('routine_step_2');
  for (const answer of [step2.interview, step2.strengths])
    expect(JSON.stringify(alice.modalState)).toContain(answer);
  expect(h.emu.problems).toEqual([]);
}

it('distributed mode, PostgreSQL stopped during step 2: the modal stays open with the answers in it', async () => {
  const alice = h.emu.addUser({ id: 'UA1', teamId: 'TA', name: 'alice', tz: null });
  await alice.command('/rejected', 'Acme Corp');
  await alice.waitForModal((view) => view.callback_id === 'routine_step_1');
  expect((await alice.submit(step1)).errors).toBeUndefined();

  await pg.server.pause();
  try {
    // The installation was read a moment ago: authorized from the cache, the listener runs
    // and cannot save. The note is inline or, had the save hung past Slack's 3 s, on the
    // step given back after "saving…".
    const warm = await alice.submit(step2);
    expect(warm.status).toBe(200);
    await expect
      .poll(
        () =>
          Object.values(warm.errors ?? {}).includes(SAVE_FAILED_TEXT) ||
          JSON.stringify(alice.modal).includes(noteText),
        { timeout: 10_000 },
      )
      .toBe(true);
    expectStep2WithAnswers();

    // Later, with the cache expired, authorizing itself needs the database: the note inline.
    h.clock.advance(INSTALLATION_CACHE_MS + 1000);
    const cold = await alice.submit();
    expect(cold.status).toBe(200);
    expect(Object.values(cold.errors ?? {})).toEqual([SAVE_FAILED_TEXT]);
    expectStep2WithAnswers();
  } finally {
    await pg.server.resume();
  }

  // The same answers, untouched, go through once the database is back.
  await expect
    .poll(async () => (await alice.submit()).errors, { timeout: 15_000, interval: 500 })
    .toBeUndefined();
  expect(alice.modal?.callback_id).toBe('routine_step_3');
  expect((await alice.submit(step3)).errors).toBeUndefined();
  expect(h.emu.problems).toEqual([]);
  expect(h.logs.join('\n')).not.toContain(step2.interview);
});
