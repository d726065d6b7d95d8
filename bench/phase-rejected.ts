// `/rejected` against both apps, each in its own process with its own emulator, measured in
// turn at each concurrency (bare, Rebound, Rebound, bare: drift on a shared machine then
// hits both alike), then the whole routine on Rebound.
//
// Rebound's members come in two kinds. "First of the day": a member Rebound has not seen
// today, so it also fetches their timezone (users.info) alongside opening step 1 — for an
// app used a few times a week, most commands. "Timezone cached": seen in the last 24 h
// (its profile is seeded), so only the draft and the modal.

import { createStore } from '../src/store/index.js';
import { type AppProcess, startApp } from './app-process.js';
import { openSeedDb } from './bulk-seed.js';
import {
  httpCommandLoad,
  type LoadOptions,
  type LoadResult,
  type LoadRun,
  memberPool,
  socketCommandLoad,
  summarize,
} from './command-load.js';
import { forgetCalls, type SlackEmulator, startEmulator } from './emulator.js';
import { type RoutineResult, routineLoad } from './routine-load.js';
import { progress, round } from './stats.js';

export interface Pair {
  users: number;
  bare: LoadResult;
  rebound: LoadResult;
}

export interface HttpResult {
  /** Process ids, to tell their CPU profiles apart. */
  pids: { rebound: number; bare: number };
  firstOfDay: Pair[];
  timezoneCached: Pair;
  routine: RoutineResult;
  peakRssMb: { rebound: number; bare: number };
}

export interface SocketResult {
  pairs: Pair[];
  peakRssMb: { rebound: number; bare: number };
}

export interface PhaseSettings {
  warmupMs: number;
  /** Per app and concurrency, split over two windows. */
  durationMs: number;
  cpuProfDir?: string;
}

const POOL = 200_000;
const CACHED_PREFIX = 'UTZ';

interface Side {
  emu: SlackEmulator;
  app: AppProcess;
}

type Driver = (options: LoadOptions) => Promise<LoadRun>;

/** bare, Rebound, Rebound, bare — half the window each time. */
async function alternate(
  driver: Driver,
  sides: { bare: Side; rebound: Side },
  users: number,
  pools: { bare: () => string | null; rebound: () => string | null },
  settings: PhaseSettings,
): Promise<Pair> {
  const runs: Record<'bare' | 'rebound', LoadRun[]> = { bare: [], rebound: [] };
  for (const which of ['bare', 'rebound', 'rebound', 'bare'] as const) {
    const { emu, app } = sides[which];
    runs[which].push(
      await driver({
        emu,
        app,
        users,
        warmupMs: settings.warmupMs,
        durationMs: settings.durationMs / 2,
        nextUser: pools[which],
      }),
    );
    forgetCalls(emu);
  }
  return { users, bare: summarize(runs.bare), rebound: summarize(runs.rebound) };
}

function describe(label: string, pair: Pair): void {
  const line = (name: string, r: LoadResult) =>
    `${name} ${r.perSecond}/s, ack p50 ${r.ackP50Ms} p99 ${r.ackP99Ms} ms, views.open p50 ${r.openP50Ms} p99 ${r.openP99Ms} ms${r.failed ? `, ${r.failed} FAILED` : ''}`;
  const users = `${pair.users} user${pair.users === 1 ? '' : 's'}`;
  progress(`${label} ${users}: ${line('bare', pair.bare)} | ${line('Rebound', pair.rebound)}`);
}

export async function httpPhase(input: {
  databaseUrl: string;
  levels: readonly number[];
  settings: PhaseSettings;
}): Promise<HttpResult> {
  const { settings } = input;
  await (await createStore(input.databaseUrl)).close();
  const seed = await openSeedDb('sqlite', input.databaseUrl);
  await seed.seedProfiles(CACHED_PREFIX, POOL, Date.now());
  await seed.close();

  const emus = { bare: await startEmulator(), rebound: await startEmulator() };
  const apps: Partial<Record<'bare' | 'rebound', AppProcess>> = {};
  try {
    const cpuProfDir = settings.cpuProfDir;
    apps.bare = await startApp({
      kind: 'bare',
      emu: emus.bare,
      mode: 'http',
      ...(cpuProfDir ? { cpuProfDir } : {}),
    });
    apps.rebound = await startApp({
      kind: 'rebound',
      emu: emus.rebound,
      mode: 'http',
      databaseUrl: input.databaseUrl,
      ...(cpuProfDir ? { cpuProfDir } : {}),
    });
    const sides = {
      bare: { emu: emus.bare, app: apps.bare },
      rebound: { emu: emus.rebound, app: apps.rebound },
    };

    const firstOfDay: Pair[] = [];
    for (const users of input.levels) {
      const pools = {
        bare: memberPool(emus.bare, `UB${users}N`, POOL),
        rebound: memberPool(emus.rebound, `UF${users}N`, POOL),
      };
      const pair = await alternate(httpCommandLoad, sides, users, pools, settings);
      describe('/rejected HTTP, first of the day,', pair);
      firstOfDay.push(pair);
    }
    const most = Math.max(...input.levels);
    const timezoneCached = await alternate(
      httpCommandLoad,
      sides,
      most,
      { bare: memberPool(emus.bare, 'UBC', POOL), rebound: memberPool(emus.rebound, CACHED_PREFIX, POOL) },
      settings,
    );
    describe('/rejected HTTP, timezone cached,', timezoneCached);

    const routine = await routineLoad({
      emu: emus.rebound,
      app: apps.rebound,
      users: 10,
      warmupMs: 1_000,
      durationMs: settings.durationMs,
      nextUser: memberPool(emus.rebound, 'URT', POOL),
    });
    progress(
      `routine, 10 users: ${routine.perSecond} routines/s, p50 ${routine.p50Ms} ms, p99 ${routine.p99Ms} ms${routine.failed ? `, ${routine.failed} FAILED (${routine.firstFailure})` : ''}`,
    );
    const problems = [...emus.bare.problems, ...emus.rebound.problems];
    if (problems.length > 0) progress(`emulator problems: ${problems.slice(0, 3).join(' | ')}`);
    return {
      pids: { rebound: apps.rebound.pid, bare: apps.bare.pid },
      firstOfDay,
      timezoneCached,
      routine,
      peakRssMb: { rebound: round(await apps.rebound.stop()), bare: round(await apps.bare.stop()) },
    };
  } finally {
    await Promise.all(Object.values(apps).map((app) => app?.stop()));
    await emus.bare.close();
    await emus.rebound.close();
  }
}

export async function socketPhase(input: {
  databaseUrl: string;
  levels: readonly number[];
  settings: PhaseSettings;
}): Promise<SocketResult> {
  const emus = { bare: await startEmulator(), rebound: await startEmulator() };
  const apps: Partial<Record<'bare' | 'rebound', AppProcess>> = {};
  try {
    apps.bare = await startApp({ kind: 'bare', emu: emus.bare, mode: 'socket' });
    apps.rebound = await startApp({
      kind: 'rebound',
      emu: emus.rebound,
      mode: 'socket',
      databaseUrl: input.databaseUrl,
    });
    const sides = {
      bare: { emu: emus.bare, app: apps.bare },
      rebound: { emu: emus.rebound, app: apps.rebound },
    };
    const pairs: Pair[] = [];
    for (const users of input.levels) {
      const pools = {
        bare: memberPool(emus.bare, `SB${users}N`, POOL),
        rebound: memberPool(emus.rebound, `SF${users}N`, POOL),
      };
      const pair = await alternate(socketCommandLoad, sides, users, pools, input.settings);
      describe('/rejected Socket Mode, first of the day,', pair);
      pairs.push(pair);
    }
    return {
      pairs,
      peakRssMb: { rebound: round(await apps.rebound.stop()), bare: round(await apps.bare.stop()) },
    };
  } finally {
    // Stop the apps before their emulators, or the Socket Mode clients try to reconnect.
    await Promise.all(Object.values(apps).map((app) => app?.stop()));
    await emus.bare.close();
    await emus.rebound.close();
  }
}
