// App Home for a long history: one person with 300 rejections visits Home, and the figure is
// the time from the visit (app_home_opened delivered) to Rebound's views.publish arriving at
// the emulator — reading the store, drawing patterns and lessons, building the view and
// publishing it — plus Rebound's own CPU time per Home. A small phase of its own: one
// Rebound process, one person, visits one after another.
//
// Runs unless BENCH_PHASES is set without `home`.

import { join } from 'node:path';
import { scopeOf, seedRejection } from '../devkit/seed.js';
import type { Stage } from '../src/domain/types.js';
import { createStore } from '../src/store/index.js';
import { startApp } from './app-process.js';
import { startEmulator } from './emulator.js';
import { percentile, progress, round } from './stats.js';

export interface HomeBenchResult {
  rejections: number;
  visits: number;
  /** Visit → views.publish received, in ms. */
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Rebound's CPU time (user + system) per Home, in ms. */
  appCpuMsPerHome: number;
  blocks: number;
}

const USER = 'UHOME';
const STAGES: readonly Stage[] = ['application', 'first_interview', 'later_interviews', 'final_round'];
const WAIT_MS = 10_000;

export async function homePhase(input: {
  tempDir: string;
  results: { failures: string[]; home?: HomeBenchResult };
  rejections?: number;
  visits?: number;
}): Promise<void> {
  const phases = process.env.BENCH_PHASES?.split(',').map((name) => name.trim());
  if (phases && !phases.includes('home')) return;
  const count = input.rejections ?? 300;
  const visits = input.visits ?? 30;
  try {
    input.results.home = await measure(join(input.tempDir, 'home.sqlite'), count, visits);
    const home = input.results.home;
    progress(
      `App Home, ${count} rejections: visit → views.publish p50 ${home.p50Ms} ms, p99 ${home.p99Ms} ms; ` +
        `Rebound CPU ${home.appCpuMsPerHome} ms per Home; ${home.blocks} blocks`,
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    input.results.failures.push(`home: ${message}`);
    progress(`home FAILED: ${message}`);
  }
}

async function measure(databaseUrl: string, count: number, visits: number): Promise<HomeBenchResult> {
  progress(`App Home: seeding ${count} rejections for one person`);
  const store = await createStore(databaseUrl);
  const scope = scopeOf(USER);
  const start = Date.UTC(2025, 0, 1);
  try {
    for (let i = 0; i < count; i += 1) {
      const { rejection } = await seedRejection(store, scope, {
        answers: { company: `Company ${i}`, stage: STAGES[i % STAGES.length] },
        followUps: [],
        now: new Date(start + i * 3_600_000),
      });
      if (i % 3 === 0)
        await store.addEntry(
          scope,
          rejection.id,
          { kind: 'feedback', received: true, text: 'Thanks for applying.' },
          new Date(start + i * 3_600_000 + 60_000),
        );
    }
  } finally {
    await store.close();
  }

  const emu = await startEmulator();
  const app = await startApp({ kind: 'rebound', emu, mode: 'http', databaseUrl });
  try {
    const user = emu.addUser({ id: USER, name: 'home-bench', tz: 'Europe/London' });
    const published = () => emu.callsTo('views.publish').filter((call) => call.params.user_id === USER);
    const durations: number[] = [];
    let cpu = 0;
    // The first visit warms the process up (JIT, prepared statements) and is not counted.
    for (let visit = 0; visit <= visits; visit += 1) {
      const before = published().length;
      const cpuBefore = app.cpuMs();
      const began = performance.now();
      await user.openHome();
      await emu.waitForCall(
        'views.publish',
        (call) => call.params.user_id === USER && published().indexOf(call) >= before,
        WAIT_MS,
      );
      const took = performance.now() - began;
      const call = published().at(-1);
      if (!call?.ok) throw new Error(`views.publish failed: ${call?.error ?? 'no call'}`);
      if (visit > 0) {
        durations.push(took);
        cpu += app.cpuMs() - cpuBefore;
      }
    }
    if (emu.problems.length > 0) throw new Error(`Slack's rules: ${emu.problems.join('; ')}`);
    const blocks = user.home?.blocks.length ?? 0;
    if (blocks > 100) throw new Error(`Home has ${blocks} blocks (Slack allows 100)`);
    return {
      rejections: count,
      visits,
      p50Ms: round(percentile(durations, 50)),
      p99Ms: round(percentile(durations, 99)),
      maxMs: round(Math.max(...durations)),
      appCpuMsPerHome: round(cpu / visits),
      blocks,
    };
  } finally {
    await app.stop();
    await emu.close();
  }
}
