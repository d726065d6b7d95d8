// `/rejected` under load: closed-loop virtual users, each sending the command, timing the
// ack, then waiting until the emulator has answered the app's views.open, then going again.
// HTTP deliveries go over keep-alive connections (an undici Pool, one connection per
// virtual user); Socket Mode deliveries over the app's one websocket, as Slack sends them.
// Every command comes from a member with no open draft, so each one opens step 1 (see
// BENCHMARKS.md for the two kinds of member used).

import { Pool } from 'undici';
import type { AppProcess } from './app-process.js';
import { addMember, encodeCommand, type SlackEmulator, slashCommand, workspaceOf } from './emulator.js';
import { percentile, round } from './stats.js';
import { ViewsOpenWatcher } from './views-open-watcher.js';

export interface LoadOptions {
  emu: SlackEmulator;
  app: AppProcess;
  users: number;
  warmupMs: number;
  durationMs: number;
  /** Hands out a fresh member id (added to the emulator), or null when the pool is used up. */
  nextUser: () => string | null;
}

/** One measured window of one app. */
export interface LoadRun {
  users: number;
  windowMs: number;
  acks: number[];
  opens: number[];
  failed: number;
  appCpuMs: number;
  driverCpuMs: number;
  connections: number;
}

export interface LoadResult {
  users: number;
  /** Commands started in the measured windows that completed (ack and views.open). */
  completed: number;
  failed: number;
  perSecond: number;
  ackP50Ms: number;
  ackP99Ms: number;
  openP50Ms: number;
  openP99Ms: number;
  /** App process CPU per command over the measured windows (ms). */
  appCpuMsPerCommand: number;
  /** Load driver + emulator CPU over the windows, as a share of one core. */
  driverCpuShare: number;
  /** HTTP connections the driver opened (keep-alive: one per virtual user); 0 in Socket Mode. */
  connections: number;
}

const OPEN_TIMEOUT_MS = 5_000;

interface Sample {
  ackMs: number;
  openMs: number;
}

/** Runs `command` per virtual user until the window ends; samples only what starts inside it. */
async function closedLoop(
  options: LoadOptions,
  command: (userId: string, watcher: ViewsOpenWatcher) => Promise<Sample | null>,
): Promise<Omit<LoadRun, 'connections'>> {
  const { emu, app, users, warmupMs, durationMs } = options;
  const watcher = new ViewsOpenWatcher(workspaceOf(emu));
  const measureFrom = performance.now() + warmupMs;
  const measureTo = measureFrom + durationMs;
  const acks: number[] = [];
  const opens: number[] = [];
  let failed = 0;
  let cpuFrom = app.cpuMs();
  let driverFrom = process.cpuUsage();
  const mark = setTimeout(() => {
    cpuFrom = app.cpuMs();
    driverFrom = process.cpuUsage();
  }, warmupMs);

  const virtualUser = async () => {
    while (performance.now() < measureTo) {
      const userId = options.nextUser();
      if (userId === null) return;
      const startedAt = performance.now();
      const sample = await command(userId, watcher);
      if (startedAt < measureFrom) continue;
      if (sample === null) {
        failed += 1;
        continue;
      }
      acks.push(sample.ackMs);
      opens.push(sample.openMs);
    }
  };
  await Promise.all(Array.from({ length: users }, virtualUser));
  clearTimeout(mark);
  const appCpuMs = app.cpuMs() - cpuFrom;
  const driver = process.cpuUsage(driverFrom);
  watcher.dispose();
  return {
    users,
    windowMs: durationMs,
    acks,
    opens,
    failed,
    appCpuMs,
    driverCpuMs: (driver.user + driver.system) / 1000,
  };
}

/** HTTP mode: signed POSTs straight to the app's /slack/events over keep-alive connections. */
export async function httpCommandLoad(options: LoadOptions): Promise<LoadRun> {
  const url = options.app.eventsUrl;
  if (url === null) throw new Error('httpCommandLoad needs an app in HTTP mode');
  const { origin, pathname } = new URL(url);
  const pool = new Pool(origin, { connections: options.users, pipelining: 1, keepAliveTimeout: 60_000 });
  const workspace = workspaceOf(options.emu);
  let connections = 0;
  pool.on('connect', () => {
    connections += 1;
  });
  try {
    const run = await closedLoop(options, async (userId, watcher) => {
      const { payload, triggerId } = slashCommand(workspace, userId, '/rejected', 'Acme Corp');
      const body = encodeCommand(payload);
      const opened = watcher.opened(triggerId, OPEN_TIMEOUT_MS);
      const sent = performance.now();
      try {
        const answer = await pool.request({
          path: pathname,
          method: 'POST',
          headers: {
            ...options.emu.sign(body),
            'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
          },
          body,
        });
        await answer.body.text();
        const acked = performance.now();
        const open = await opened;
        if (answer.statusCode !== 200 || !open.ok) return null;
        return { ackMs: acked - sent, openMs: open.at - sent };
      } catch {
        return null;
      }
    });
    return { ...run, connections };
  } finally {
    await pool.close();
  }
}

/**
 * The emulator's own delivery: envelopes on the app's websocket in Socket Mode; in HTTP mode a
 * new connection per request (`agent: false`), as the routine's steps are delivered.
 */
export async function deliveredCommandLoad(options: LoadOptions): Promise<LoadRun> {
  const run = await closedLoop(options, async (userId, watcher) => {
    const sent = performance.now();
    const reply = await options.emu.user(userId).command('/rejected', 'Acme Corp');
    const acked = performance.now();
    const open = await watcher.opened(reply.triggerId, OPEN_TIMEOUT_MS);
    if (reply.status !== 200 || !open.ok) return null;
    return { ackMs: acked - sent, openMs: open.at - sent };
  });
  return { ...run, connections: 0 };
}

/** Several windows of one app (taken in turn with the other app's) as one set of figures. */
export function summarize(runs: readonly LoadRun[]): LoadResult {
  const acks = runs.flatMap((run) => run.acks);
  const opens = runs.flatMap((run) => run.opens);
  const windowMs = runs.reduce((sum, run) => sum + run.windowMs, 0);
  const appCpuMs = runs.reduce((sum, run) => sum + run.appCpuMs, 0);
  const driverCpuMs = runs.reduce((sum, run) => sum + run.driverCpuMs, 0);
  return {
    users: runs[0]?.users ?? 0,
    completed: opens.length,
    failed: runs.reduce((sum, run) => sum + run.failed, 0),
    perSecond: round(opens.length / (windowMs / 1000)),
    ackP50Ms: round(percentile(acks, 50)),
    ackP99Ms: round(percentile(acks, 99)),
    openP50Ms: round(percentile(opens, 50)),
    openP99Ms: round(percentile(opens, 99)),
    appCpuMsPerCommand: round(appCpuMs / Math.max(1, opens.length)),
    driverCpuShare: round(driverCpuMs / windowMs),
    connections: runs.reduce((most, run) => Math.max(most, run.connections), 0),
  };
}

/** Members `${prefix}000000`…, added to the emulator as they are handed out. */
export function memberPool(emu: SlackEmulator, prefix: string, size: number): () => string | null {
  let next = 0;
  return () => {
    if (next >= size) return null;
    const id = memberId(prefix, next);
    next += 1;
    addMember(emu, id);
    return id;
  };
}

export function memberId(prefix: string, n: number): string {
  return `${prefix}${String(n).padStart(6, '0')}`;
}
