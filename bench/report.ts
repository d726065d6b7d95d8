// Turns a run's figures into the table `npm run bench` prints, the verdict on each target,
// and the JSON file under bench/results/.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './app-process.js';
import type { LoadResult } from './command-load.js';
import type { GitInfo, MachineInfo } from './machine.js';
import type { FollowUpResult } from './phase-follow-ups.js';
import type { HttpResult, Pair, SocketResult } from './phase-rejected.js';
import type { StartupResult } from './phase-startup.js';
import { round } from './stats.js';

export interface BenchResults {
  startedAt: string;
  seconds: number;
  machine: MachineInfo & { loadAtEnd: number };
  git: GitInfo;
  /** Set when the apps ran under `node --cpu-prof` (figures are slower than unprofiled). */
  profiled: boolean;
  /** Node flags every Rebound process ran with (BENCH_REBOUND_NODE_ARGS). */
  reboundNodeArgs: string[];
  startup?: StartupResult;
  http?: HttpResult;
  socket?: SocketResult;
  followUps: FollowUpResult[];
  /** Peak RSS of every Rebound process over the whole bench, by phase (MB). */
  reboundPeakRssMb: Record<string, number>;
  targets: Target[];
  /** Phases that crashed, follow-up losses or duplicates, missed follow-up invariants. */
  failures: string[];
  /** E.g. type errors in a src/ someone is editing (the emitted JavaScript was measured). */
  warnings: string[];
  profiles?: unknown;
}

export interface Target {
  name: string;
  goal: string;
  value: string;
  pass: boolean;
  /** Follow-up invariants fail the bench (exit 1); the others are reported. */
  invariant: boolean;
}

const ratio = (rebound: number, bare: number) => (bare > 0 ? round(rebound / bare) : Number.NaN);

export function evaluateTargets(results: BenchResults): Target[] {
  const targets: Target[] = [];
  const http = results.http;
  if (http) {
    const most = http.firstOfDay.at(-1);
    if (most) {
      const r = ratio(most.rebound.perSecond, most.bare.perSecond);
      targets.push({
        name: `/rejected throughput at ${most.users} users (first of the day)`,
        goal: '≥ 0.9× bare Bolt',
        value: `${r}× (${most.rebound.perSecond} vs ${most.bare.perSecond}/s)`,
        pass: r >= 0.9,
        invariant: false,
      });
    }
    const cached = http.timezoneCached;
    const rc = ratio(cached.rebound.perSecond, cached.bare.perSecond);
    targets.push({
      name: `/rejected throughput at ${cached.users} users (timezone cached)`,
      goal: '≥ 0.9× bare Bolt',
      value: `${rc}× (${cached.rebound.perSecond} vs ${cached.bare.perSecond}/s)`,
      pass: rc >= 0.9,
      invariant: false,
    });
    for (const pair of http.firstOfDay) {
      const r = ratio(pair.rebound.openP99Ms, pair.bare.openP99Ms);
      targets.push({
        name: `p99 command→views.open at ${pair.users} user${pair.users === 1 ? '' : 's'}`,
        goal: '≤ 1.2× bare Bolt and < 100 ms',
        value: `${pair.rebound.openP99Ms} ms, ${r}× (bare ${pair.bare.openP99Ms} ms)`,
        pass: r <= 1.2 && pair.rebound.openP99Ms < 100,
        invariant: false,
      });
    }
  }
  if (results.startup) {
    const { medianMs, maxMs } = results.startup.rebound;
    targets.push({
      name: 'start-up to /healthz ready',
      goal: '< 1500 ms',
      value: `median ${medianMs} ms (max ${maxMs} ms)`,
      pass: medianMs < 1500,
      invariant: false,
    });
  }
  const peaks = Object.values(results.reboundPeakRssMb);
  if (peaks.length > 0) {
    const peak = Math.max(...peaks);
    const where = Object.entries(results.reboundPeakRssMb).find(([, mb]) => mb === peak)?.[0];
    targets.push({
      name: 'Rebound peak RSS through the whole bench',
      goal: '< 200 MB',
      value: `${peak} MB (${where})`,
      pass: peak < 200,
      invariant: false,
    });
  }
  for (const f of results.followUps) {
    targets.push({
      name: `${f.engine}: tick claim, 1,000,000 vs 1,000 stored`,
      goal: '≤ 2×',
      value: `${f.claim.ratio}× (${f.claim.large.medianMs} vs ${f.claim.small.medianMs} ms)`,
      pass: f.claim.ratio <= 2,
      invariant: true,
    });
    targets.push({
      name: `${f.engine}: 10,000 due drained`,
      goal: '< 120 s, 0 lost, 0 duplicated',
      value: `${f.drain.seconds} s, ${f.drain.lost} lost, ${f.drain.duplicates} duplicated, ${f.drain.markedSent} marked sent`,
      pass: f.drain.ok && f.drain.seconds < 120,
      invariant: true,
    });
  }
  return targets;
}

// --- The printed table -------------------------------------------------------------------

type Row = [string, string, string, string];

const num = (value: number) => (Number.isFinite(value) ? String(value) : '–');
const pairOf = (a: number, b: number) => `${num(a)} / ${num(b)}`;

function loadRows(pair: Pair): Row[] {
  const { bare, rebound } = pair;
  const row = (label: string, pick: (r: LoadResult) => number): Row => [
    label,
    num(pick(bare)),
    num(pick(rebound)),
    num(ratio(pick(rebound), pick(bare))),
  ];
  return [
    row(`  ${pair.users} user${pair.users === 1 ? '' : 's'}: commands/s`, (r) => r.perSecond),
    [
      '    ack p50 / p99 ms',
      pairOf(bare.ackP50Ms, bare.ackP99Ms),
      pairOf(rebound.ackP50Ms, rebound.ackP99Ms),
      `${num(ratio(rebound.ackP50Ms, bare.ackP50Ms))} / ${num(ratio(rebound.ackP99Ms, bare.ackP99Ms))}`,
    ],
    [
      '    →views.open p50 / p99 ms',
      pairOf(bare.openP50Ms, bare.openP99Ms),
      pairOf(rebound.openP50Ms, rebound.openP99Ms),
      `${num(ratio(rebound.openP50Ms, bare.openP50Ms))} / ${num(ratio(rebound.openP99Ms, bare.openP99Ms))}`,
    ],
    row('    app CPU ms per command', (r) => r.appCpuMsPerCommand),
    ...(bare.failed + rebound.failed > 0
      ? [['    FAILED commands', String(bare.failed), String(rebound.failed), ''] as Row]
      : []),
  ];
}

export function formatTable(results: BenchResults): string {
  const rows: Row[] = [['', 'bare Bolt', 'Rebound', 'Rebound/bare']];
  const section = (title: string) => rows.push([title, '', '', '']);
  if (results.http) {
    section('/rejected, HTTP, keep-alive (first of the day)');
    for (const pair of results.http.firstOfDay) rows.push(...loadRows(pair));
    section('/rejected, HTTP, keep-alive (timezone cached)');
    rows.push(...loadRows(results.http.timezoneCached));
  }
  if (results.socket) {
    section('/rejected, Socket Mode (first of the day)');
    for (const pair of results.socket.pairs) rows.push(...loadRows(pair));
  }
  if (results.http) {
    const r = results.http.routine;
    section('four-step routine, 10 users (HTTP)');
    rows.push(['  routines/s', '', num(r.perSecond), '']);
    rows.push(['  routine p50 / p99 ms', '', pairOf(r.p50Ms, r.p99Ms), '']);
    rows.push(['  app CPU ms per routine', '', num(r.appCpuMsPerRoutine), '']);
    if (r.failed > 0) rows.push(['  FAILED routines', '', String(r.failed), '']);
  }
  if (results.startup) {
    const s = results.startup;
    section('start-up to /healthz 200 (node, tsc build)');
    rows.push([
      '  median (max) ms',
      `${num(s.bare.medianMs)} (${num(s.bare.maxMs)})`,
      `${num(s.rebound.medianMs)} (${num(s.rebound.maxMs)})`,
      num(ratio(s.rebound.medianMs, s.bare.medianMs)),
    ]);
    rows.push(['  Rebound under tsx (npm run dev) ms', '', num(s.reboundTsxMs), '']);
  }
  for (const f of results.followUps) {
    section(`follow-ups, ${f.engine}`);
    rows.push(['  tick claim, 1,000 due, 1,000 stored ms', '', num(f.claim.small.medianMs), '']);
    rows.push(['  tick claim, 1,000 due, 1,000,000 stored ms', '', num(f.claim.large.medianMs), '']);
    rows.push(['  1,000,000 / 1,000 stored', '', `${num(f.claim.ratio)}×`, '']);
    rows.push(['  10,000 due drained in s', '', num(f.drain.seconds), '']);
    rows.push([
      '  posted / distinct / marked sent',
      '',
      `${f.drain.posted} / ${f.drain.distinctPosted} / ${f.drain.markedSent}`,
      '',
    ]);
    rows.push(['  lost / duplicated', '', `${f.drain.lost} / ${f.drain.duplicates}`, '']);
    rows.push(['  peak RSS during the drain MB', '', num(f.drain.peakRssMb), '']);
    rows.push([
      '  V8 heap: most reserved / least in use MB',
      '',
      pairOf(f.drain.heap.maxTotalMb, f.drain.heap.minUsedMb),
      '',
    ]);
  }
  section('peak RSS MB');
  if (results.startup) {
    rows.push([
      '  idle after start-up',
      num(results.startup.bare.idleRssMb),
      num(results.startup.rebound.idleRssMb),
      '',
    ]);
  }
  if (results.http) {
    const p = results.http.peakRssMb;
    rows.push(['  HTTP load + routine', num(p.bare), num(p.rebound), num(ratio(p.rebound, p.bare))]);
  }
  if (results.socket) {
    const p = results.socket.peakRssMb;
    rows.push(['  Socket Mode load', num(p.bare), num(p.rebound), num(ratio(p.rebound, p.bare))]);
  }
  const peaks = Object.values(results.reboundPeakRssMb);
  if (peaks.length > 0) rows.push(['  Rebound, whole bench', '', num(Math.max(...peaks)), '']);

  const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => row[column]?.length ?? 0)));
  const lines = rows.map((row) =>
    row
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[0] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd(),
  );
  return lines.join('\n');
}

export function formatTargets(targets: readonly Target[]): string {
  return targets
    .map(
      (t) => `${t.pass ? 'PASS' : t.invariant ? 'FAIL' : 'MISS'}  ${t.name}: ${t.value} (target ${t.goal})`,
    )
    .join('\n');
}

export function writeResults(results: BenchResults): string {
  const dir = join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `bench-${results.startedAt.replaceAll(':', '-').replace(/\..*$/, '')}.json`);
  const text = `${JSON.stringify(results, null, 2)}\n`;
  writeFileSync(file, text);
  writeFileSync(join(dir, 'latest.json'), text);
  return file;
}
