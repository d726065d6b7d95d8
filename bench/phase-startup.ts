// Start-up time to ready: from spawning the process to the first 200 from /healthz, for
// Rebound's real entry (`node dist/main.js` as `npm start` runs it: the same bundle, built
// by scripts/build.js into bench/results/build/dist) and for the two bare Bolt apps (tsc's
// output; bundling them was measured to change nothing), taken in turn; plus one start of
// Rebound under tsx as `npm run dev` runs it, for reference.

import { join } from 'node:path';
import { type AppKind, startApp } from './app-process.js';
import { startEmulator } from './emulator.js';
import { median, progress, round } from './stats.js';

export interface StartupFigures {
  runsMs: number[];
  medianMs: number;
  maxMs: number;
  /** Peak RSS right after start-up (idle). */
  idleRssMb: number;
}

type Measured = 'rebound' | 'bare' | 'sameView';

export interface StartupResult {
  rebound: StartupFigures;
  bare: StartupFigures;
  /** The bare app that opens Rebound's step 1 (it also loads Rebound's view builder). */
  sameView: StartupFigures;
  /** Rebound run by tsx from the TypeScript sources (`npm run dev`). */
  reboundTsxMs: number;
  /**
   * `npm start`'s own command (scripts/start.js) on a restart, the build already current:
   * what a deploy or a crash costs (before, every start compiled first with tsc).
   */
  npmRestartMs: number;
}

export async function startupPhase(input: { tempDir: string; rounds: number }): Promise<StartupResult> {
  const emu = await startEmulator();
  const databaseUrl = join(input.tempDir, 'startup.sqlite');
  const runs: Record<Measured, { ms: number[]; rss: number[] }> = {
    rebound: { ms: [], rss: [] },
    bare: { ms: [], rss: [] },
    sameView: { ms: [], rss: [] },
  };
  const kinds: Record<Measured, AppKind> = { rebound: 'rebound-main', bare: 'bare', sameView: 'same-view' };
  const labels: Record<Measured, string> = { rebound: 'Rebound  ', bare: 'bare Bolt', sameView: 'same-view' };
  const once = async (kind: AppKind, runtime: 'node' | 'tsx' = 'node') => {
    const app = await startApp({ kind, emu, mode: 'http', databaseUrl, runtime });
    const rss = await app.stop();
    return { ms: app.startupMs, rss };
  };
  try {
    for (let round = 0; round < input.rounds; round += 1) {
      for (const kind of ['rebound', 'bare', 'sameView'] as const) {
        const { ms, rss } = await once(kinds[kind]);
        runs[kind].ms.push(ms);
        runs[kind].rss.push(rss);
        progress(`start-up ${labels[kind]} ${ms.toFixed(0)} ms`);
      }
    }
    const tsx = await once('rebound-main', 'tsx');
    progress(`start-up Rebound under tsx (npm run dev) ${tsx.ms.toFixed(0)} ms`);
    await once('npm-start'); // builds dist/ if it is stale, like a first `npm start`
    const restarts: number[] = [];
    for (let round = 0; round < input.rounds; round += 1) restarts.push((await once('npm-start')).ms);
    progress(
      `restart of npm start's command (scripts/start.js) ${restarts.map((ms) => ms.toFixed(0)).join(', ')} ms`,
    );
    const figures = (kind: Measured): StartupFigures => ({
      runsMs: runs[kind].ms.map(round),
      medianMs: round(median(runs[kind].ms)),
      maxMs: round(Math.max(...runs[kind].ms)),
      idleRssMb: round(Math.max(...runs[kind].rss)),
    });
    return {
      rebound: figures('rebound'),
      bare: figures('bare'),
      sameView: figures('sameView'),
      reboundTsxMs: round(tsx.ms),
      npmRestartMs: round(median(restarts)),
    };
  } finally {
    await emu.close();
  }
}
