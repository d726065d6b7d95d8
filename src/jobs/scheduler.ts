// node-cron wiring only: on each tick, call the job with the app's clock. Ticks never
// overlap (a slow Slack makes the next tick skip, not pile up), and one tick runs at start
// so whatever fell due while the app was down goes out at once (unless `runAtStart` is false).

import { createTask } from 'node-cron';
import { errorCode } from '../error-code.js';
import type { JobLogger } from './job-logger.js';

export interface Scheduler {
  /** Stops ticking and waits for a tick in progress to finish. */
  stop(): Promise<void>;
}

export interface ScheduledJob {
  name: string;
  cron: string;
  tick: (now: Date) => Promise<unknown>;
  /** Default true: catch up at once. False for work that can wait for its next slot. */
  runAtStart?: boolean;
}

/** How long after start node-cron's task is armed (see below). */
export const ARM_AFTER_MS = 1000;

/** Every job runs on the app's clock and logs through the app's logger. */
export interface JobRuntime {
  clock: () => Date;
  logger: JobLogger;
}

export function startScheduler(job: ScheduledJob, runtime: JobRuntime): Scheduler {
  const { name, cron, tick, runAtStart = true } = job;
  const { clock, logger } = runtime;
  let running: Promise<void> | null = null;
  const runOnce = (): Promise<void> => {
    if (running) return running;
    running = tick(clock())
      .then(
        () => undefined,
        (error: unknown) => logger.error(`${name} tick failed:`, errorCode(error)),
      )
      .finally(() => {
        running = null;
      });
    return running;
  };

  // node-cron logs through its own console logger otherwise (raw to stdout, e.g. the overlap
  // warning a slow tick causes): ours, with the job's name, at the level it means.
  const cronLogger = {
    info: (message: string) => logger.info(`${name}: ${message}`),
    warn: (message: string) =>
      message.includes('overlap')
        ? logger.info(`${name}: the previous tick is still running; this one is skipped.`)
        : logger.warn(`${name}: ${message}`),
    error: (message: string | Error, error?: Error) => logger.error(`${name}:`, errorCode(error ?? message)),
    debug: () => {},
  };
  // node-cron's first task costs ~20 ms of CPU (its date maths warming up). Armed on the next
  // turn of the event loop it still held up the first requests of a restart, so it is armed a
  // second later. A slot inside that second is covered by the catch-up tick, run at start.
  let task: ReturnType<typeof createTask> | null = null;
  const arming = setTimeout(() => {
    task = createTask(cron, runOnce, { name, noOverlap: true, logger: cronLogger });
    task.start();
  }, ARM_AFTER_MS);
  if (runAtStart) void runOnce();

  return {
    async stop() {
      clearTimeout(arming);
      const armed = task as ReturnType<typeof createTask> | null;
      if (armed) {
        await armed.stop();
        await armed.destroy();
      }
      await running;
    },
  };
}
