// The whole four-step routine, walked by closed-loop virtual users the way a person does it
// in Slack (tests/e2e/routine.test.ts): `/rejected Acme Corp`, step 1 opens, four
// submissions (each answered with response_action update, the last closing the modal), then
// the routine's DMs: the summary and the two notes its answers ask for. A routine counts once
// all three are in the user's DM, and only then does that user start another, as a person
// would. (Until issue 17's last stop it counted at the summary, so the next `/rejected` was
// sent while the same routine's notes were still being posted, and step 1 measured them.)
// Each step is also timed on its own: `/rejected` to step 1 on screen, and each submission
// to its answer (the next step, or the modal closed).

import type { FormValue } from '../emulator/index.js';
import type { AppProcess } from './app-process.js';
import type { SlackEmulator } from './emulator.js';
import { percentile, round, sleep } from './stats.js';

const STEP_ANSWERS: readonly Record<string, FormValue>[] = [
  { role: 'Product Designer', stage: 'final_round', intermediary: 'recruiter', intermediaryName: 'Sam' },
  {
    interview: 'Slow down when walking through the portfolio.',
    preparation: 'Research their design system beforehand.',
    strengths: 'Calm under pressure.',
  },
  { dailyFit: 'unsure', excited: 'somewhat', skillsElsewhere: 'maybe', tweaks: ['referrals', 'tailor_cv'] },
  { lesson: 'Ask about the team early on.' },
];

const WAIT_MS = 5_000;
/** Between one virtual user's first routine and the next one's. */
const STAGGER_MS = 20;
/** The summary, then the notes to the employer and to the recruiter (Sam, step 1's answers). */
const ROUTINE_DMS = 3;

export interface RoutineResult {
  users: number;
  completed: number;
  failed: number;
  /** The first failure, to say what went wrong. */
  firstFailure?: string;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  appCpuMsPerRoutine: number;
  /** p50 / p99 of each step: `/rejected` → step 1, then submitting steps 1–4. */
  steps: { name: string; p50Ms: number; p99Ms: number }[];
}

/** One window's raw figures, so windows taken in turn with the floor's can be pooled. */
export interface RoutineWindow {
  users: number;
  windowMs: number;
  durations: number[];
  stepTimes: number[][];
  failed: number;
  firstFailure?: string;
  cpuMs: number;
}

const STEP_NAMES = ['/rejected → step 1', 'submit step 1', 'submit step 2', 'submit step 3', 'submit step 4'];

export async function routineLoad(input: {
  emu: SlackEmulator;
  app: AppProcess;
  users: number;
  warmupMs: number;
  durationMs: number;
  nextUser: () => string | null;
}): Promise<RoutineWindow> {
  const { emu, app } = input;
  const begin = performance.now();
  const measureFrom = begin + input.warmupMs;
  const measureTo = measureFrom + input.durationMs;
  const durations: number[] = [];
  const stepTimes: number[][] = STEP_NAMES.map(() => []);
  let failed = 0;
  let firstFailure: string | undefined;
  let cpuFrom = app.cpuMs();
  const mark = setTimeout(() => {
    cpuFrom = app.cpuMs();
  }, input.warmupMs);

  /** Times of one walk's steps, kept only when the whole walk started in the window. */
  const walk = async (userId: string, times: number[]): Promise<void> => {
    const user = emu.user(userId);
    let at = performance.now();
    const command = await user.command('/rejected', 'Acme Corp');
    if (command.status !== 200) throw new Error(`/rejected answered ${command.status}`);
    await user.waitForModal((view) => view.callback_id === 'routine_step_1', WAIT_MS);
    times.push(performance.now() - at);
    for (const [index, answers] of STEP_ANSWERS.entries()) {
      at = performance.now();
      const result = await user.submit({ ...answers });
      times.push(performance.now() - at);
      if (result.status !== 200 || result.errors) {
        throw new Error(
          `step ${index + 1}: status ${result.status}, errors ${JSON.stringify(result.errors ?? {})}`,
        );
      }
      const next = index + 2;
      const expected = next <= 4 ? `routine_step_${next}` : undefined;
      if (user.modal?.callback_id !== expected) {
        throw new Error(`after step ${index + 1}: modal is ${user.modal?.callback_id ?? 'closed'}`);
      }
    }
    await user.waitForDm(() => user.dm.length >= ROUTINE_DMS, WAIT_MS);
  };

  // Spread over the first fifth of a second, as people arrive: started together, the ten
  // walked in step, all sending `/rejected` at once, routine after routine.
  const virtualUser = async (index: number) => {
    await sleep(index * STAGGER_MS);
    while (performance.now() < measureTo) {
      const userId = input.nextUser();
      if (userId === null) return;
      const startedAt = performance.now();
      const times: number[] = [];
      try {
        await walk(userId, times);
        if (startedAt >= measureFrom) {
          durations.push(performance.now() - startedAt);
          for (const [index, ms] of times.entries()) stepTimes[index]?.push(ms);
        }
      } catch (error) {
        if (startedAt < measureFrom) continue;
        failed += 1;
        firstFailure ??= (error as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: input.users }, (_, index) => virtualUser(index)));
  clearTimeout(mark);
  return {
    users: input.users,
    windowMs: input.durationMs,
    durations,
    stepTimes,
    failed,
    ...(firstFailure ? { firstFailure } : {}),
    cpuMs: app.cpuMs() - cpuFrom,
  };
}

/** The figures of several windows, pooled. */
export function summarizeRoutine(windows: readonly RoutineWindow[]): RoutineResult {
  const durations = windows.flatMap((window) => window.durations);
  const windowMs = windows.reduce((sum, window) => sum + window.windowMs, 0);
  const cpuMs = windows.reduce((sum, window) => sum + window.cpuMs, 0);
  const firstFailure = windows.find((window) => window.firstFailure)?.firstFailure;
  return {
    users: windows[0]?.users ?? 0,
    completed: durations.length,
    failed: windows.reduce((sum, window) => sum + window.failed, 0),
    ...(firstFailure ? { firstFailure } : {}),
    perSecond: round(durations.length / (windowMs / 1000)),
    p50Ms: round(percentile(durations, 50)),
    p99Ms: round(percentile(durations, 99)),
    appCpuMsPerRoutine: round(cpuMs / Math.max(1, durations.length)),
    steps: STEP_NAMES.map((name, index) => {
      const times = windows.flatMap((window) => window.stepTimes[index] ?? []);
      return { name, p50Ms: round(percentile(times, 50)), p99Ms: round(percentile(times, 99)) };
    }),
  };
}
