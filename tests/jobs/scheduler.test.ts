// The node-cron wrapper: a tick at start (to catch up after downtime), ticks that never
// overlap when Slack is slow, and a stop that waits for the tick in progress.

import { expect, it, vi } from 'vitest';
import { ARM_AFTER_MS, startScheduler } from '../../src/jobs/scheduler.js';
import { createLoggers } from '../../src/logger.js';

const { app: logger } = createLoggers('error', { write: () => {} });

it('ticks at start, never overlaps a slow tick, and stop waits for it', async () => {
  let running = 0;
  let maxRunning = 0;
  const started: number[] = [];
  let finished = 0;
  const t0 = Date.now();
  const scheduler = startScheduler(
    {
      name: 'test',
      cron: '* * * * * *',
      tick: async () => {
        running += 1;
        maxRunning = Math.max(maxRunning, running);
        started.push(Date.now() - t0);
        await new Promise((resolve) => setTimeout(resolve, 1500));
        running -= 1;
        finished += 1;
      },
    },
    { clock: () => new Date(), logger },
  );

  await expect.poll(() => started.length, { timeout: 5000 }).toBeGreaterThanOrEqual(2);
  await scheduler.stop();
  expect(running).toBe(0);
  expect(maxRunning).toBe(1);
  expect(finished).toBe(started.length);
  const ticksBeforeStop = started.length;
  await new Promise((resolve) => setTimeout(resolve, 1200));
  expect(started.length).toBe(ticksBeforeStop);
});

it('logs a failing tick by its code and keeps ticking', async () => {
  const lines: string[] = [];
  const { app } = createLoggers('info', { write: (_level, line) => lines.push(line) });
  let calls = 0;
  const scheduler = startScheduler(
    {
      name: 'follow-ups',
      cron: '* * * * * *',
      tick: async () => {
        calls += 1;
        throw Object.assign(new Error('database is down'), { code: 'store_unavailable' });
      },
    },
    { clock: () => new Date(), logger: app },
  );
  await expect.poll(() => calls, { timeout: 5000 }).toBeGreaterThanOrEqual(2);
  await scheduler.stop();
  expect(lines.join('\n')).toContain('follow-ups tick failed: store_unavailable');
});

it('catches up at start, long before the first cron slot', async () => {
  let calls = 0;
  const scheduler = startScheduler(
    {
      name: 'follow-ups',
      cron: '0 0 1 1 *', // next January: only the start-up tick can run in this test
      tick: async () => {
        calls += 1;
      },
    },
    { clock: () => new Date(), logger },
  );
  await expect.poll(() => calls, { timeout: 3000 }).toBe(1);
  await scheduler.stop();
});

it('arms node-cron a second after start, so a restart answers Slack first; a stop before then ends it', async () => {
  let calls = 0;
  const tick = async () => {
    calls += 1;
  };
  const early = startScheduler(
    { name: 'follow-ups', cron: '* * * * * *', tick },
    { clock: () => new Date(), logger },
  );
  // Within the first second only the catch-up tick runs, though a slot passes every second.
  await new Promise((resolve) => setTimeout(resolve, ARM_AFTER_MS - 200));
  expect(calls).toBe(1);
  await early.stop();
  await new Promise((resolve) => setTimeout(resolve, ARM_AFTER_MS + 1200));
  expect(calls).toBe(1);
});

it('waits for the first cron slot when told not to run at start', async () => {
  let calls = 0;
  const scheduler = startScheduler(
    {
      name: 'data-retention',
      cron: '0 0 1 1 *',
      runAtStart: false,
      tick: async () => {
        calls += 1;
      },
    },
    { clock: () => new Date(), logger },
  );
  await new Promise((resolve) => setTimeout(resolve, 200));
  await scheduler.stop();
  expect(calls).toBe(0);
});

it('says that a slow tick made the next one skip through our logger, not node-cron’s console', async () => {
  const lines: string[] = [];
  const { app: captured } = createLoggers('info', { write: (_level, line) => lines.push(line) });
  const consoleCalls = (['log', 'info', 'warn', 'error'] as const).map((method) => vi.spyOn(console, method));
  const scheduler = startScheduler(
    {
      name: 'follow-ups',
      cron: '* * * * * *',
      tick: () => new Promise((resolve) => setTimeout(resolve, 2200)),
    },
    { clock: () => new Date(), logger: captured },
  );
  try {
    await expect
      .poll(() => lines.join('\n'), { timeout: 5000 })
      .toMatch(/follow-ups: the previous tick is still running; this one is skipped\./);
    for (const spy of consoleCalls) expect(spy).not.toHaveBeenCalled();
  } finally {
    await scheduler.stop();
    for (const spy of consoleCalls) spy.mockRestore();
  }
});
