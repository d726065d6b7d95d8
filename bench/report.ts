// Turns a run's figures into the table `npm run bench` prints, the verdict on each target,
// and the JSON file under bench/results/. Ratios are Rebound over each bare app; the targets
// are judged on the same-view one (bench/bare-app.ts).

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './app-process.js';
import type { LoadResult } from './command-load.js';
import type { GitInfo, MachineInfo } from './machine.js';
import type { FollowUpResult } from './phase-follow-ups.js';
import type { HttpResult, Pair, RoundRatios, SocketResult } from './phase-rejected.js';
import type { StartupResult } from './phase-startup.js';
import { median, round } from './stats.js';

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

const plural = (users: number) => `${users} user${users === 1 ? '' : 's'}`;

/** Rebound / same-view ratios, one per round: their median (what targets judge) and range. */
function ofRounds(ratios: readonly number[]) {
  const values = ratios.filter(Number.isFinite);
  const middle = round(median(values));
  const range = `${num(round(Math.min(...values)))}–${num(round(Math.max(...values)))}`;
  return { median: middle, range, text: `median of ${values.length} rounds ${num(middle)}× (${range})` };
}

function perRound(pair: Pair, pick: (r: RoundRatios) => number) {
  return ofRounds(pair.rounds.map(pick));
}

/** Start-up, round by round: each round starts the three apps in turn. */
function startupRounds(startup: StartupResult) {
  return ofRounds(startup.rebound.runsMs.map((ms, i) => ms / (startup.sameView.runsMs[i] ?? Number.NaN)));
}

/** The targets of issue 17, judged against the bare app that opens the same view (same-view). */
export function evaluateTargets(results: BenchResults): Target[] {
  const targets: Target[] = [];
  const http = results.http;
  if (http) {
    const most = http.firstOfDay.at(-1);
    for (const [label, pair] of [
      ['first of the day', most],
      ['timezone cached', http.timezoneCached],
    ] as const) {
      if (!pair) continue;
      const r = perRound(pair, (round) => round.perSecond);
      targets.push({
        name: `/rejected throughput at ${plural(pair.users)} (${label})`,
        goal: '≥ 0.9× same-view bare, median of interleaved rounds',
        value: `${r.text}; pooled ${ratio(pair.rebound.perSecond, pair.sameView.perSecond)}× (${pair.rebound.perSecond} vs ${pair.sameView.perSecond}/s; ${ratio(pair.rebound.perSecond, pair.bare.perSecond)}× one-input bare)`,
        pass: r.median >= 0.9,
        invariant: false,
      });
    }
    for (const pair of http.firstOfDay) {
      const r = perRound(pair, (round) => round.openP99Ms);
      targets.push({
        name: `p99 command→views.open at ${plural(pair.users)}`,
        goal: '≤ 1.3× same-view bare, median of interleaved rounds',
        value: `${r.text}; pooled ${pair.rebound.openP99Ms} ms, ${ratio(pair.rebound.openP99Ms, pair.sameView.openP99Ms)}× (same-view ${pair.sameView.openP99Ms} ms, one-input ${pair.bare.openP99Ms} ms)`,
        pass: r.median <= 1.3,
        invariant: false,
      });
    }
    const floor = http.routineFloor.openP99Ms;
    const worst = http.routine.steps.reduce(
      (most, step) => (step.p99Ms > most.p99Ms ? step : most),
      http.routine.steps[0] ?? { name: '–', p50Ms: Number.NaN, p99Ms: Number.NaN },
    );
    const rs = ratio(worst.p99Ms, floor);
    targets.push({
      name: 'routine, 10 users: slowest step p99',
      goal: "≤ 2× same-view bare's /rejected p99",
      value: `${worst.name} ${worst.p99Ms} ms, ${rs}× (same-view /rejected ${floor} ms; ${http.routine.appCpuMsPerRoutine} ms CPU per routine)`,
      pass: rs <= 2 && http.routine.failed === 0,
      invariant: false,
    });
    const rss = http.peakRssMb;
    targets.push({
      name: 'peak RSS under the HTTP load',
      goal: '< 20 MB above same-view bare',
      value: `${rss.rebound} MB vs ${rss.sameView} MB (+${round(rss.rebound - rss.sameView)} MB)`,
      pass: rss.rebound - rss.sameView < 20,
      invariant: false,
    });
  }
  if (results.startup) {
    const { rebound, sameView, bare } = results.startup;
    const r = startupRounds(results.startup);
    targets.push({
      name: 'start-up to /healthz ready',
      goal: '≤ 1.2× same-view bare, median of interleaved rounds',
      value: `${r.text}; medians ${rebound.medianMs} ms, ${ratio(rebound.medianMs, sameView.medianMs)}× (same-view ${sameView.medianMs} ms, one-input ${bare.medianMs} ms)`,
      pass: r.median <= 1.2,
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

/** Label, one-input bare, same-view bare, Rebound, Rebound/same-view, Rebound/one-input. */
type Row = [string, string, string, string, string, string];

const num = (value: number) => (Number.isFinite(value) ? String(value) : '–');
const pairOf = (a: number, b: number) => `${num(a)} / ${num(b)}`;

function loadRows(pair: Pair): Row[] {
  const { bare, sameView, rebound } = pair;
  const row = (label: string, pick: (r: LoadResult) => number): Row => [
    label,
    num(pick(bare)),
    num(pick(sameView)),
    num(pick(rebound)),
    num(ratio(pick(rebound), pick(sameView))),
    num(ratio(pick(rebound), pick(bare))),
  ];
  const twin = (label: string, p50: (r: LoadResult) => number, p99: (r: LoadResult) => number): Row => {
    const ratios = (base: LoadResult) =>
      `${num(ratio(p50(rebound), p50(base)))} / ${num(ratio(p99(rebound), p99(base)))}`;
    return [
      label,
      pairOf(p50(bare), p99(bare)),
      pairOf(p50(sameView), p99(sameView)),
      pairOf(p50(rebound), p99(rebound)),
      ratios(sameView),
      ratios(bare),
    ];
  };
  // Rebound / same-view round by round: the median, then the range.
  const rounds = (label: string, pick: (r: RoundRatios) => number): Row => {
    const r = perRound(pair, pick);
    return [label, '', '', '', `${num(r.median)} (${r.range})`, ''];
  };
  const failed = bare.failed + sameView.failed + rebound.failed;
  return [
    row(`  ${plural(pair.users)}: commands/s`, (r) => r.perSecond),
    twin(
      '    ack p50 / p99 ms',
      (r) => r.ackP50Ms,
      (r) => r.ackP99Ms,
    ),
    twin(
      '    →views.open p50 / p99 ms',
      (r) => r.openP50Ms,
      (r) => r.openP99Ms,
    ),
    row('    app CPU ms per command', (r) => r.appCpuMsPerCommand),
    rounds('    per round: commands/s', (r) => r.perSecond),
    rounds('    per round: →views.open p99', (r) => r.openP99Ms),
    rounds('    per round: CPU per command', (r) => r.appCpuMsPerCommand),
    ...(failed > 0
      ? [
          [
            '    FAILED commands',
            String(bare.failed),
            String(sameView.failed),
            String(rebound.failed),
            '',
            '',
          ] as Row,
        ]
      : []),
  ];
}

export function formatTable(results: BenchResults): string {
  const rows: Row[] = [['', 'bare Bolt', 'same-view', 'Rebound', '/same-view', '/bare']];
  const section = (title: string) => rows.push([title, '', '', '', '', '']);
  const only = (label: string, value: string): Row => [label, '', '', value, '', ''];
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
    const floor = results.http.routineFloor;
    section('four-step routine, 10 users (HTTP, emulator delivery)');
    rows.push(only('  routines/s', num(r.perSecond)));
    rows.push(only('  routine p50 / p99 ms', pairOf(r.p50Ms, r.p99Ms)));
    rows.push(only('  app CPU ms per routine', num(r.appCpuMsPerRoutine)));
    for (const step of r.steps) {
      rows.push([
        `  ${step.name} p50 / p99 ms`,
        '',
        step === r.steps[0] ? pairOf(floor.openP50Ms, floor.openP99Ms) : '',
        pairOf(step.p50Ms, step.p99Ms),
        `${num(ratio(step.p50Ms, floor.openP50Ms))} / ${num(ratio(step.p99Ms, floor.openP99Ms))}`,
        '',
      ]);
    }
    if (r.failed > 0) rows.push(only('  FAILED routines', String(r.failed)));
  }
  if (results.startup) {
    const s = results.startup;
    const figure = (f: { medianMs: number; maxMs: number }) => `${num(f.medianMs)} (${num(f.maxMs)})`;
    section('start-up to /healthz 200 (node, the build npm start runs)');
    rows.push([
      '  median (max) ms',
      figure(s.bare),
      figure(s.sameView),
      figure(s.rebound),
      num(ratio(s.rebound.medianMs, s.sameView.medianMs)),
      num(ratio(s.rebound.medianMs, s.bare.medianMs)),
    ]);
    const r = startupRounds(s);
    rows.push(['  per round: start-up', '', '', '', `${num(r.median)} (${r.range})`, '']);
    rows.push(only('  Rebound under tsx (npm run dev) ms', num(s.reboundTsxMs)));
    rows.push(only('  npm start restart (scripts/start.js) median ms', num(s.npmRestartMs)));
  }
  for (const f of results.followUps) {
    section(`follow-ups, ${f.engine}`);
    rows.push(only('  tick claim, 1,000 due, 1,000 stored ms', num(f.claim.small.medianMs)));
    rows.push(only('  tick claim, 1,000 due, 1,000,000 stored ms', num(f.claim.large.medianMs)));
    rows.push(only('  1,000,000 / 1,000 stored', `${num(f.claim.ratio)}×`));
    rows.push(only('  10,000 due drained in s', num(f.drain.seconds)));
    rows.push(
      only(
        '  posted / distinct / marked sent',
        `${f.drain.posted} / ${f.drain.distinctPosted} / ${f.drain.markedSent}`,
      ),
    );
    rows.push(only('  lost / duplicated', `${f.drain.lost} / ${f.drain.duplicates}`));
    rows.push(only('  peak RSS during the drain MB', num(f.drain.peakRssMb)));
    rows.push(
      only(
        '  V8 heap: most reserved / least in use MB',
        pairOf(f.drain.heap.maxTotalMb, f.drain.heap.minUsedMb),
      ),
    );
  }
  section('peak RSS MB');
  if (results.startup) {
    const s = results.startup;
    rows.push([
      '  idle after start-up',
      num(s.bare.idleRssMb),
      num(s.sameView.idleRssMb),
      num(s.rebound.idleRssMb),
      '',
      '',
    ]);
  }
  const rssRow = (label: string, p: Record<'bare' | 'sameView' | 'rebound', number>): Row => [
    label,
    num(p.bare),
    num(p.sameView),
    num(p.rebound),
    num(ratio(p.rebound, p.sameView)),
    num(ratio(p.rebound, p.bare)),
  ];
  if (results.http) rows.push(rssRow('  HTTP load + routine', results.http.peakRssMb));
  if (results.socket) rows.push(rssRow('  Socket Mode load', results.socket.peakRssMb));
  const peaks = Object.values(results.reboundPeakRssMb);
  if (peaks.length > 0) rows.push(only('  Rebound, whole bench', num(Math.max(...peaks))));

  const columns = [0, 1, 2, 3, 4, 5];
  const widths = columns.map((column) => Math.max(...rows.map((row) => row[column]?.length ?? 0)));
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
