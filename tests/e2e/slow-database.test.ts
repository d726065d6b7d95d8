// The database stalls for 3.5 s just as someone submits the last step, in HTTP mode, where
// Slack gives up on an answer after 3 s. Rebound answers in time with a "saving…" view, shows
// "all saved" once the save lands, and the summary DM arrives exactly once.

import pg from 'pg';
import { expect, it } from 'vitest';
import { scopeOf, seedRejection } from '../../devkit/seed.js';
import { visibleText } from '../../emulator/index.js';
import { storeDownText } from '../../src/slack/platform/errors-message.js';
import { postgres } from '../support/engines.js';
import { harnessPerTest } from '../support/rebound-harness.js';
import { step1, step2, step3, step4 } from '../support/routine-steps.js';

const { start } = harnessPerTest();

/** Another session holds a lock that stops any write to `table` for `ms`, from now on. */
async function lockFor(databaseUrl: string, table: string, ms: number): Promise<{ released: Promise<void> }> {
  const blocker = new pg.Client({ connectionString: databaseUrl });
  await blocker.connect();
  await blocker.query('BEGIN');
  await blocker.query(`LOCK TABLE ${table} IN SHARE MODE`);
  const released = new Promise<void>((resolve) =>
    setTimeout(() => {
      void blocker
        .query('COMMIT')
        .then(() => blocker.end())
        .then(resolve);
    }, ms),
  );
  // In an object: an async function returning the promise itself would wait for it.
  return { released };
}

it('a 3.5 s database stall on the last step: answered in time, the summary arrives exactly once', async () => {
  const databaseUrl = await postgres.databaseUrl();
  const h = await start({ databaseUrl, logLevel: 'info' });
  const alice = h.emu.addUser({ id: 'U1', name: 'alice', tz: 'Europe/Berlin' });
  await alice.command('/rejected', 'Acme Corp');
  await alice.waitForModal((view) => view.callback_id === 'routine_step_1');
  for (const answers of [step1, step2, step3]) expect((await alice.submit(answers)).errors).toBeUndefined();

  // Another session holds a lock that stops any new follow-up from being written, for 3.5 s.
  const { released } = await lockFor(databaseUrl, 'follow_ups', 3500);
  try {
    const started = Date.now();
    const result = await alice.submit(step4);
    // Slack got its answer within its 3 s: the modal says it is saving, with no error on it.
    expect(result.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(result.errors).toBeUndefined();
    expect(JSON.stringify(alice.modal)).toContain('Saving your answers');
  } finally {
    await released;
  }

  await expect.poll(() => JSON.stringify(alice.modal), { timeout: 10_000 }).toContain('All saved');
  // The summary once, then its feedback note as a DM of its own.
  const summaries = () =>
    alice.dm.filter((message) => JSON.stringify(message).includes('Ask about the team early on.'));
  await expect.poll(() => summaries().length, { timeout: 10_000 }).toBe(1);
  await expect.poll(() => alice.dm.length, { timeout: 10_000 }).toBe(2);
  const [rejection] = await h.rebound.store.listRejections(scopeOf('U1'));
  expect(rejection?.status).toBe('complete');
  const [summary] = await h.rebound.store.listFollowUps(scopeOf('U1'), { kind: 'summary' });
  expect(summary).toMatchObject({ status: 'sent', messageTs: summaries()[0]?.ts });
  // Later ticks send nothing more.
  await h.rebound.runFollowUps(new Date(h.clock.now().getTime() + 60_000));
  expect(alice.dm).toHaveLength(2);
  expect(summaries()).toHaveLength(1);
  expect(h.logs.join('\n')).not.toMatch(/A listener failed|could not be answered in time/);
});

it('a 3.5 s database stall on a check-in form: answered in time with the words kept, saved on the next try', async () => {
  const databaseUrl = await postgres.databaseUrl();
  const h = await start({ databaseUrl, logLevel: 'info' });
  const alice = h.emu.addUser({ id: 'U1', name: 'alice', tz: null });
  const now = h.clock.now();
  await seedRejection(h.rebound.store, scopeOf('U1'), {
    answers: { company: 'Acme Corp' },
    followUps: [{ kind: 'feedback_check', dueAt: now }],
    now,
  });
  await h.rebound.runFollowUps(now);
  const check = await alice.waitForDm((message) => visibleText(message).includes('Did you hear back'));
  await alice.clickMessageButton(check.ts, 'nudge_feedback_yes');
  await alice.waitForModal((view) => view.callback_id === 'nudge_feedback');

  // Another session blocks any new entry (what they heard back) for 3.5 s.
  const { released } = await lockFor(databaseUrl, 'rejection_entries', 3500);
  const typed = { feedback_text: 'They wanted more research experience.' };
  try {
    const started = Date.now();
    const late = await alice.submit(typed);
    // The database gave up waiting before Slack did: a kind note on the form, in time, and
    // the form stays open with what was typed.
    expect(Date.now() - started).toBeLessThan(3000);
    expect(Object.values(late.errors ?? {})).toEqual([storeDownText()]);
    expect(alice.modal?.callback_id).toBe('nudge_feedback');
  } finally {
    await released;
  }
  await alice.submit(typed);
  await alice.waitForDm(
    (message) => message.ts === check.ts && visibleText(message).includes('Saved what they said.'),
  );
  const [rejection] = await h.rebound.store.listRejections(scopeOf('U1'));
  const entries = await h.rebound.store.listEntries(scopeOf('U1'), rejection?.id ?? '');
  expect(entries.map((entry) => entry.data)).toEqual([
    { kind: 'feedback', received: true, ...{ text: typed.feedback_text } },
  ]);
  expect(h.logs.join('\n')).not.toMatch(/A listener failed|research experience/);
});
