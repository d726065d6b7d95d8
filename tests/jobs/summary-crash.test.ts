// The process dies right after the routine is completed, before Slack has posted the summary
// DM. The summary was stored with the routine, so after a restart it arrives, exactly once.

import { expect, it } from 'vitest';
import { scopeOf } from '../../devkit/seed.js';
import { createStore } from '../../src/store/index.js';
import { sqlite } from '../support/engines.js';
import { createTestEmulator } from '../support/rebound-harness.js';
import { step1, step2, step3, step4 } from '../support/routine-steps.js';
import { cleanUpAfterEach, type MainProcess, mainEnv, runMain } from '../support/run-main.js';

const { cleanups, track } = cleanUpAfterEach();

it('a crash between completing the routine and posting the summary: it arrives once after restart', async () => {
  const emu = await createTestEmulator();
  cleanups.push(() => emu.close());
  const databaseUrl = await sqlite.databaseUrl();
  const alice = emu.addUser({ id: 'U1', name: 'alice', tz: null });

  const env = mainEnv(emu.apiUrl, databaseUrl, { FOLLOW_UP_LEASE_SECONDS: '3' });
  const start = async (): Promise<MainProcess> => {
    const main = track(runMain(env));
    const [, port] = await main.waitForOutput(/listening on port (\d+)/);
    emu.useHttp(`http://127.0.0.1:${port}/slack/events`);
    return main;
  };

  const first = await start();
  await alice.command('/rejected', 'Acme Corp');
  await alice.waitForModal((view) => view.callback_id === 'routine_step_1');
  for (const answers of [step1, step2, step3]) expect((await alice.submit(answers)).errors).toBeUndefined();
  // Slack is slow to take the summary in; the process is killed while it waits.
  emu.setLatency('chat.postMessage', 30_000);
  expect((await alice.submit(step4)).status).toBe(200);
  await expect.poll(() => emu.callsTo('chat.postMessage').length, { timeout: 5000 }).toBeGreaterThan(0);
  first.child.kill('SIGKILL');
  expect(await first.exited).toBe('SIGKILL');
  emu.setLatency('chat.postMessage', 0);
  expect(alice.dm).toEqual([]);

  const second = await start();
  await expect.poll(() => alice.dm.length, { timeout: 15_000 }).toBe(1);
  expect(JSON.stringify(alice.dm[0])).toContain('Ask about the team early on.');
  const store = await createStore(databaseUrl);
  cleanups.push(() => store.close());
  const [summary] = await store.listFollowUps(scopeOf('U1'), { kind: 'summary' });
  await expect
    .poll(async () => (await store.findFollowUp(scopeOf('U1'), summary?.id ?? ''))?.status, { timeout: 5000 })
    .toBe('sent');
  // Recorded as sent: no tick claims it again.
  expect(alice.dm).toHaveLength(1);
  expect(emu.callsTo('chat.postMessage').filter((call) => call.ok)).toHaveLength(1);

  second.child.kill('SIGTERM');
  expect(await second.exited).toBe(0);
});
