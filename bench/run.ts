// `npm run bench`: Rebound against two bare Bolt apps (bench/bare-app.ts) on the test kit's
// Slack emulator, on this machine, in one run — see BENCHMARKS.md for what each figure
// means and the last recorded run. Prints progress, a table and the verdict on each target;
// writes the figures to bench/results/ (gitignored). Exits 1 when a follow-up is lost or
// duplicated, a follow-up invariant is missed, or a phase fails.
//
//   BENCH_PHASES=startup,http,socket,sqlite,postgres   (default: all; `http` includes the routine)
//   BENCH_CPU_PROF=1   run the HTTP phase's apps under `node --cpu-prof` and summarise where
//                      their CPU went (figures are then slower than unprofiled ones)
//   BENCH_REBOUND_NODE_ARGS='--max-old-space-size=128'   node flags for every Rebound process

import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApps, ROOT, reboundNodeArgs } from './app-process.js';
import { abortAll } from './cleanup.js';
import { summariseProfile } from './cpu-profile-summary.js';
import { currentLoad, gitInfo, machineInfo } from './machine.js';
import { followUpPhase } from './phase-follow-ups.js';
import { homePhase } from './phase-home.js';
import { httpPhase, socketPhase } from './phase-rejected.js';
import { startupPhase } from './phase-startup.js';
import { type BenchResults, evaluateTargets, formatTable, formatTargets, writeResults } from './report.js';
import { progress, round } from './stats.js';

// A watchdog for a hung phase, not a budget: a whole run takes about nine minutes, more on a
// busy machine, and at 9 the slowest runs of issue 17 came within 15 s of being cut short.
const TIME_LIMIT_MS = 12 * 60_000;
/** Start-ups per app, taken in turn; the verdict is on the median of the rounds' ratios. */
const STARTUP_ROUNDS = 11;
const PHASES = ['startup', 'http', 'socket', 'sqlite', 'postgres'] as const;
type Phase = (typeof PHASES)[number];

const chosen = new Set<Phase>(
  (process.env.BENCH_PHASES?.split(',').map((name) => name.trim()) ?? PHASES).filter((name): name is Phase =>
    (PHASES as readonly string[]).includes(name),
  ),
);
const profiling = process.env.BENCH_CPU_PROF === '1';
const startedAt = new Date();
const stamp = startedAt.toISOString().replaceAll(':', '-').replace(/\..*$/, '');
const cpuProfDir = profiling ? join(ROOT, 'bench', 'results', 'profiles', stamp) : undefined;
const tempDir = mkdtempSync(join(tmpdir(), 'rebound-bench-'));

const write = (text: string) => process.stdout.write(`${text}\n`);

const watchdog = setTimeout(() => {
  write(`\nThe bench ran past its ${TIME_LIMIT_MS / 60_000}-minute limit; stopping.`);
  void abortAll(10_000).finally(() => process.exit(2));
}, TIME_LIMIT_MS);
watchdog.unref();
process.once('SIGINT', () => {
  void abortAll(10_000).finally(() => process.exit(130));
});

const results: BenchResults = {
  startedAt: startedAt.toISOString(),
  seconds: 0,
  machine: { ...machineInfo(), loadAtEnd: 0 },
  git: gitInfo(),
  profiled: profiling,
  reboundNodeArgs: reboundNodeArgs(),
  followUps: [],
  reboundPeakRssMb: {},
  targets: [],
  failures: [],
  warnings: [],
};

async function phase(name: Phase, work: () => Promise<void>): Promise<void> {
  if (!chosen.has(name)) return;
  try {
    await work();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    results.failures.push(`${name}: ${message}`);
    progress(`${name} FAILED: ${message}`);
  }
}

const { machine, git } = results;
write(
  `Rebound bench — ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB, ${machine.os}, Node ${machine.node}, commit ${git.commit}${git.srcDirty ? ' (src/ has uncommitted changes)' : ''}`,
);
if (machine.loadAtStart > 0.5) {
  write(
    `Note: the machine's load average is ${machine.loadAtStart}: something else is running, figures will be noisy.`,
  );
}
if (results.reboundNodeArgs.length > 0) write(`Rebound runs with node ${results.reboundNodeArgs.join(' ')}.`);
if (profiling) write(`Profiling: the HTTP phase's apps run under node --cpu-prof (${cpuProfDir}).`);

progress('building Rebound and the bare apps with tsc (bench/tsconfig.build.json)');
const buildWarning = await buildApps();
if (buildWarning) {
  results.warnings.push(buildWarning);
  write(
    `Warning: ${buildWarning.split('\n').slice(0, 6).join('\n')}\n(the emitted JavaScript is measured anyway)`,
  );
}

const settings = { warmupMs: 300, durationMs: 16_000, ...(cpuProfDir ? { cpuProfDir } : {}) };

await phase('startup', async () => {
  results.startup = await startupPhase({ tempDir, rounds: STARTUP_ROUNDS });
  results.reboundPeakRssMb['start-up (idle)'] = results.startup.rebound.idleRssMb;
});

await phase('http', async () => {
  if (cpuProfDir) mkdirSync(cpuProfDir, { recursive: true });
  results.http = await httpPhase({
    databaseUrl: join(tempDir, 'http.sqlite'),
    levels: [1, 10, 50],
    settings,
  });
  results.reboundPeakRssMb['HTTP /rejected load + routine'] = results.http.peakRssMb.rebound;
  if (cpuProfDir) {
    const { pids } = results.http;
    const profiles: Record<string, unknown> = {};
    for (const file of readdirSync(cpuProfDir).filter((name) => name.endsWith('.cpuprofile'))) {
      const pid = Number(file.split('.')[3]);
      const kind =
        pid === pids.rebound
          ? 'rebound'
          : pid === pids.bare
            ? 'bare'
            : pid === pids.sameView
              ? 'same-view bare'
              : `pid ${pid}`;
      const summary = summariseProfile(join(cpuProfDir, file), 12);
      profiles[kind] = summary;
      write(`\nCPU profile, ${kind} (${summary.totalMs} ms sampled; ${file}):`);
      for (const line of summary.byModule) write(`  ${String(line.share).padStart(5)}%  ${line.name}`);
      if (summary.inclusiveSrc.length > 0) write('  src/ functions, inclusive:');
      for (const line of summary.inclusiveSrc) write(`  ${String(line.share).padStart(5)}%  ${line.name}`);
    }
    results.profiles = profiles;
  }
});

await phase('socket', async () => {
  results.socket = await socketPhase({
    databaseUrl: join(tempDir, 'socket.sqlite'),
    levels: [1, 10],
    settings: { warmupMs: settings.warmupMs, durationMs: settings.durationMs },
  });
  results.reboundPeakRssMb['Socket Mode /rejected load'] = results.socket.peakRssMb.rebound;
});

for (const engine of ['sqlite', 'postgres'] as const) {
  await phase(engine, async () => {
    const result = await followUpPhase({ engine, tempDir, claimRuns: 11 });
    results.followUps.push(result);
    results.reboundPeakRssMb[`follow-up drain (${engine})`] = result.drain.peakRssMb;
    if (!result.drain.ok) {
      results.failures.push(
        `${engine}: follow-ups lost or duplicated (${result.drain.lost} lost, ${result.drain.duplicates} duplicated, ${result.drain.strangers} unknown, ${result.drain.markedSent} of ${result.drain.count} marked sent)`,
      );
    }
  });
}

await homePhase({ tempDir, results });
rmSync(tempDir, { recursive: true, force: true });
results.seconds = round((Date.now() - startedAt.getTime()) / 1000);
results.machine.loadAtEnd = currentLoad();
results.targets = evaluateTargets(results);
for (const target of results.targets.filter((t) => t.invariant && !t.pass)) {
  results.failures.push(
    `follow-up invariant missed: ${target.name}: ${target.value} (target ${target.goal})`,
  );
}
const file = writeResults(results);

write(`\n${formatTable(results)}\n`);
write(formatTargets(results.targets));
write(
  `\nLoad average at the end: ${results.machine.loadAtEnd}. ${results.seconds} s in all. Figures: ${file}`,
);
if (results.failures.length > 0) {
  write(`\nFAILED:\n${results.failures.map((failure) => `  - ${failure}`).join('\n')}`);
  process.exit(1);
}
process.exit(0);
