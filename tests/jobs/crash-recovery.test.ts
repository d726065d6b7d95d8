// The process is killed with SIGKILL while Slack is answering a follow-up DM it already
// posted. After a restart nothing is lost and that DM is not sent again.

import { expect, it } from 'vitest';
import { scopeOf, seedRejection } from '../../devkit/seed.js';
import { createStore } from '../../src/store/index.js';
import { sqlite } from '../support/engines.js';
import { createTestEmulator } from '../support/rebound-harness.js';
import { cleanUpAfterEach, type MainProcess, mainEnv, runMain } from '../support/run-main.js';

const { cleanups, track } = cleanUpAfterEach();

it('after SIGKILL mid-dispatch, a restart records the DM Slack accepted and sends the rest once', async () => {
  const emu = await createTestEmulator();
  cleanups.push(() => emu.close());
  const databaseUrl = await sqlite.databaseUrl();

  const alice = emu.addUser({ id: 'U1', name: 'alice', tz: null });
  const bob = emu.addUser({ id: 'U2', name: 'bob', tz: null });
  const now = new Date();
  const seeding = await createStore(databaseUrl);
  await seedRejection(seeding, scopeOf('U1'), {
    followUps: [{ kind: 'reflect', dueAt: new Date(now.getTime() - 120_000) }],
    now: new Date(now.getTime() - 86_400_000),
  });
  await seedRejection(seeding, scopeOf('U2'), {
    followUps: [{ kind: 'reflect', dueAt: new Date(now.getTime() - 60_000) }],
    now: new Date(now.getTime() - 86_400_000),
  });
  await seeding.close();

  const env = mainEnv(emu.apiUrl, databaseUrl, { FOLLOW_UP_LEASE_SECONDS: '2' });
  const start = (): MainProcess => track(runMain(env));

  // Slack posts Alice's DM but holds its answer: the process dies before it learns of it.
  emu.failNext('chat.postMessage', { delayAfterHandlingMs: 30_000 });
  const first = start();
  await expect.poll(() => alice.dm.length, { timeout: 15_000 }).toBe(1);
  first.child.kill('SIGKILL');
  expect(await first.exited).toBe('SIGKILL');

  const second = start();
  const store = await createStore(databaseUrl);
  cleanups.push(() => store.close());
  await expect
    .poll(
      async () =>
        [...(await store.listFollowUps(scopeOf('U1'))), ...(await store.listFollowUps(scopeOf('U2')))].map(
          (followUp) => followUp.status,
        ),
      { timeout: 15_000, interval: 200 },
    )
    .toEqual(['sent', 'sent']);

  expect(alice.dm).toHaveLength(1);
  expect(bob.dm).toHaveLength(1);
  const [aliceFollowUp] = await store.listFollowUps(scopeOf('U1'));
  expect(aliceFollowUp?.messageTs).toBe(alice.dm[0]?.ts);
  // The restarted process asked Slack before re-sending.
  expect(emu.callsTo('conversations.history').length).toBeGreaterThan(0);

  second.child.kill('SIGTERM');
  expect(await second.exited).toBe(0);
});
