// `/rejected` against three apps, each in its own process with its own emulator, measured in
// interleaved rounds at each concurrency (see CYCLES), then the whole routine on Rebound. The
// two bare apps (bench/bare-app.ts) open a one-input modal and Rebound's own step 1; the
// targets are judged against the second, which pays the same Web API and Bolt cost for the
// same modal, on the median of the rounds' ratios.
//
// Rebound's members come in two kinds. "First of the day": a member Rebound has not seen
// today, so its timezone is stale (users.info when Rebound next needs it). "Timezone
// cached": seen in the last 24 h (its profile is seeded).

import { createStore } from '../src/store/index.js';
import { type AppKind, type AppProcess, startApp } from './app-process.js';
import { openSeedDb } from './bulk-seed.js';
import {
  deliveredCommandLoad,
  httpCommandLoad,
  type LoadOptions,
  type LoadResult,
  type LoadRun,
  memberPool,
  summarize,
} from './command-load.js';
import { forgetCalls, type SlackEmulator, startEmulator } from './emulator.js';
import { type RoutineResult, type RoutineWindow, routineLoad, summarizeRoutine } from './routine-load.js';
import { progress, round } from './stats.js';

/** The apps measured side by side. */
export const SIDES = ['bare', 'sameView', 'rebound'] as const;
export type SideName = (typeof SIDES)[number];
const KIND: Record<SideName, AppKind> = { bare: 'bare', sameView: 'same-view', rebound: 'rebound' };

/** Rebound over the same-view bare app within one round: what the targets take the median of. */
export interface RoundRatios {
  perSecond: number;
  openP99Ms: number;
  appCpuMsPerCommand: number;
}

/**
 * One concurrency's figures for each app, pooled over all its windows (the name stays from
 * when there were two apps), and Rebound / same-view round by round.
 */
export type Pair = {
  users: number;
  rounds: RoundRatios[];
  /** Each window's own figures, in the order run (for the JSON: where a round's tail came from). */
  windows: WindowFigures[];
} & Record<SideName, LoadResult>;

export interface WindowFigures {
  app: SideName;
  round: number;
  perSecond: number;
  openP99Ms: number;
  appCpuMsPerCommand: number;
}

export interface HttpResult {
  /** Process ids, to tell their CPU profiles apart. */
  pids: Record<SideName, number>;
  firstOfDay: Pair[];
  timezoneCached: Pair;
  routine: RoutineResult;
  /** The same-view bare app's `/rejected` delivered as the routine's steps are (10 users). */
  routineFloor: LoadResult;
  peakRssMb: Record<SideName, number>;
}

export interface SocketResult {
  pairs: Pair[];
  peakRssMb: Record<SideName, number>;
}

export interface PhaseSettings {
  warmupMs: number;
  /** Measured time per app and concurrency, split over the rounds' windows (two per round). */
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
type Pools = Record<SideName, () => string | null>;

// A round is two windows of each app, the three in turn: bare, same-view, Rebound, bare,
// same-view, Rebound; every other round puts Rebound before same-view. So drift on a shared
// machine hits the three alike, every app has the same pause before each of its windows (in
// bare, same-view, Rebound, Rebound, same-view, bare Rebound alone ran two in a row, carrying
// the first window's garbage into the second), and same-view and Rebound each follow the bare
// app (the busiest window for the bench's own process) equally often. Each round gives one ratio
// Rebound / same-view; the targets take the median of ROUNDS of them, so one hiccup of the
// machine's (a p99 is the tail of a few hundred samples a window) moves one round, not the
// verdict. The pooled figures are kept.
const CYCLES: readonly (readonly SideName[])[] = [
  ['bare', 'sameView', 'rebound'],
  ['bare', 'rebound', 'sameView'],
];
export const ROUNDS = 8;
/** The routine's measured time, and its floor's, each over ROUTINE_WINDOWS windows taken in turn. */
const ROUTINE_MS = 5_000;
const ROUTINE_WINDOWS = 2;

async function alternate(
  driver: Driver,
  sides: Record<SideName, Side>,
  users: number,
  pools: Pools,
  settings: PhaseSettings,
): Promise<Pair> {
  const runs: Record<SideName, LoadRun[]> = { bare: [], sameView: [], rebound: [] };
  const rounds: RoundRatios[] = [];
  const windows: WindowFigures[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const inRound: Record<SideName, LoadRun[]> = { bare: [], sameView: [], rebound: [] };
    const cycle = CYCLES[round % CYCLES.length] ?? SIDES;
    for (const which of [...cycle, ...cycle]) {
      const { emu, app } = sides[which];
      const run = await driver({
        emu,
        app,
        users,
        warmupMs: settings.warmupMs,
        durationMs: settings.durationMs / (2 * ROUNDS),
        nextUser: pools[which],
      });
      forgetCalls(emu);
      inRound[which].push(run);
      runs[which].push(run);
      const one = summarize([run]);
      windows.push({
        app: which,
        round,
        perSecond: one.perSecond,
        openP99Ms: one.openP99Ms,
        appCpuMsPerCommand: one.appCpuMsPerCommand,
      });
    }
    const rebound = summarize(inRound.rebound);
    const sameView = summarize(inRound.sameView);
    rounds.push({
      perSecond: rebound.perSecond / sameView.perSecond,
      openP99Ms: rebound.openP99Ms / sameView.openP99Ms,
      appCpuMsPerCommand: rebound.appCpuMsPerCommand / sameView.appCpuMsPerCommand,
    });
  }
  return {
    users,
    rounds,
    windows,
    bare: summarize(runs.bare),
    sameView: summarize(runs.sameView),
    rebound: summarize(runs.rebound),
  };
}

function describe(label: string, pair: Pair): void {
  const line = (name: string, r: LoadResult) =>
    `${name} ${r.perSecond}/s, ack p50 ${r.ackP50Ms} p99 ${r.ackP99Ms} ms, views.open p50 ${r.openP50Ms} p99 ${r.openP99Ms} ms${r.failed ? `, ${r.failed} FAILED` : ''}`;
  const users = `${pair.users} user${pair.users === 1 ? '' : 's'}`;
  progress(
    `${label} ${users}: ${line('bare', pair.bare)} | ${line('same-view', pair.sameView)} | ${line('Rebound', pair.rebound)}`,
  );
}

async function startSides(
  mode: 'http' | 'socket',
  databaseUrl: string,
  cpuProfDir: string | undefined,
  apps: Partial<Record<SideName, AppProcess>>,
  emus: Record<SideName, SlackEmulator>,
): Promise<Record<SideName, Side>> {
  for (const name of SIDES) {
    apps[name] = await startApp({
      kind: KIND[name],
      emu: emus[name],
      mode,
      ...(name === 'rebound' ? { databaseUrl } : {}),
      ...(cpuProfDir ? { cpuProfDir } : {}),
    });
  }
  const side = (name: SideName): Side => {
    const app = apps[name];
    if (!app) throw new Error(`${name} did not start`);
    return { emu: emus[name], app };
  };
  return { bare: side('bare'), sameView: side('sameView'), rebound: side('rebound') };
}

async function startEmulators(): Promise<Record<SideName, SlackEmulator>> {
  return { bare: await startEmulator(), sameView: await startEmulator(), rebound: await startEmulator() };
}

async function stopSides(
  apps: Partial<Record<SideName, AppProcess>>,
  emus: Record<SideName, SlackEmulator>,
): Promise<void> {
  // Stop the apps before their emulators, or the Socket Mode clients try to reconnect.
  await Promise.all(Object.values(apps).map((app) => app?.stop()));
  for (const name of SIDES) await emus[name].close();
}

async function peaks(sides: Record<SideName, Side>): Promise<Record<SideName, number>> {
  return {
    bare: round(await sides.bare.app.stop()),
    sameView: round(await sides.sameView.app.stop()),
    rebound: round(await sides.rebound.app.stop()),
  };
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

  const emus = await startEmulators();
  const apps: Partial<Record<SideName, AppProcess>> = {};
  try {
    const sides = await startSides('http', input.databaseUrl, settings.cpuProfDir, apps, emus);

    const firstOfDay: Pair[] = [];
    for (const users of input.levels) {
      const pools = {
        bare: memberPool(emus.bare, `UB${users}N`, POOL),
        sameView: memberPool(emus.sameView, `US${users}N`, POOL),
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
      {
        bare: memberPool(emus.bare, 'UBC', POOL),
        sameView: memberPool(emus.sameView, 'USC', POOL),
        rebound: memberPool(emus.rebound, CACHED_PREFIX, POOL),
      },
      settings,
    );
    describe('/rejected HTTP, timezone cached,', timezoneCached);

    // The routine's windows taken in turn with its floor's, so drift hits both alike.
    const routineWindows: RoutineWindow[] = [];
    const floorRuns: LoadRun[] = [];
    const routineUsers = memberPool(emus.rebound, 'URT', POOL);
    for (let window = 0; window < ROUTINE_WINDOWS; window += 1) {
      routineWindows.push(
        await routineLoad({
          emu: emus.rebound,
          app: sides.rebound.app,
          users: 10,
          warmupMs: 1_000,
          durationMs: ROUTINE_MS / ROUTINE_WINDOWS,
          nextUser: routineUsers,
        }),
      );
      floorRuns.push(
        await deliveredCommandLoad({
          emu: emus.sameView,
          app: sides.sameView.app,
          users: 10,
          warmupMs: settings.warmupMs,
          durationMs: ROUTINE_MS / ROUTINE_WINDOWS,
          nextUser: memberPool(emus.sameView, `USR${window}`, POOL),
        }),
      );
      forgetCalls(emus.sameView);
    }
    const routine = summarizeRoutine(routineWindows);
    progress(
      `routine, 10 users: ${routine.perSecond} routines/s, p50 ${routine.p50Ms} ms, p99 ${routine.p99Ms} ms${routine.failed ? `, ${routine.failed} FAILED (${routine.firstFailure})` : ''}`,
    );
    const routineFloor = summarize(floorRuns);
    progress(
      `routine steps: ${routine.steps.map((step) => `${step.name} p99 ${step.p99Ms} ms`).join(', ')}; same-view bare /rejected as delivered, 10 users: p99 ${routineFloor.openP99Ms} ms`,
    );
    const problems = SIDES.flatMap((name) => emus[name].problems);
    if (problems.length > 0) progress(`emulator problems: ${problems.slice(0, 3).join(' | ')}`);
    return {
      pids: { bare: sides.bare.app.pid, sameView: sides.sameView.app.pid, rebound: sides.rebound.app.pid },
      firstOfDay,
      timezoneCached,
      routine,
      routineFloor,
      peakRssMb: await peaks(sides),
    };
  } finally {
    await stopSides(apps, emus);
  }
}

export async function socketPhase(input: {
  databaseUrl: string;
  levels: readonly number[];
  settings: PhaseSettings;
}): Promise<SocketResult> {
  const emus = await startEmulators();
  const apps: Partial<Record<SideName, AppProcess>> = {};
  try {
    const sides = await startSides('socket', input.databaseUrl, undefined, apps, emus);
    const pairs: Pair[] = [];
    for (const users of input.levels) {
      const pools = {
        bare: memberPool(emus.bare, `SB${users}N`, POOL),
        sameView: memberPool(emus.sameView, `SS${users}N`, POOL),
        rebound: memberPool(emus.rebound, `SF${users}N`, POOL),
      };
      const pair = await alternate(deliveredCommandLoad, sides, users, pools, input.settings);
      describe('/rejected Socket Mode, first of the day,', pair);
      pairs.push(pair);
    }
    return { pairs, peakRssMb: await peaks(sides) };
  } finally {
    await stopSides(apps, emus);
  }
}
