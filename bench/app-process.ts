// Runs an app under test (Rebound or one of the bare Bolt apps) in a child process of its own, so
// its start-up time, CPU time and peak RSS are its own and not the emulator's or the load
// driver's. Start-up is measured from spawn to the first 200 from /healthz (HTTP mode) or
// to the child's `ready` message (Socket Mode, which has no HTTP listener).
//
// Both apps run as JavaScript compiled by tsc (buildApps), under plain `node`, as `npm start`
// runs Rebound: a TypeScript loader would add its own start-up time and memory to both.

import { type ChildProcess, execFile, fork } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { get } from 'node:http';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { freePort } from '../devkit/postgres.js';
import { BENCH_SECRETS, type SlackEmulator } from './emulator.js';
import { sleep } from './stats.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

export type AppKind = 'rebound' | 'bare' | 'same-view' | 'rebound-main' | 'npm-start';

/** The two bare Bolt apps (bench/bare-app.ts): a one-input modal, and Rebound's own step 1. */
export const isBare = (kind: AppKind) => kind === 'bare' || kind === 'same-view';

const BUILD = 'bench/results/build';
const SCRIPTS: Record<Exclude<AppKind, 'npm-start'>, string> = {
  rebound: 'bench/rebound-process',
  bare: 'bench/bare-app',
  'same-view': 'bench/bare-app',
  // The real `npm start` entry, built as `npm run build` builds it (scripts/build.js), for
  // start-up time only (it has no IPC for follow-up ticks).
  'rebound-main': 'dist/main',
};

/**
 * Compiles both apps (and the src/ they import) with tsc into bench/results/build, and
 * Rebound's production build (scripts/build.js) into bench/results/build/dist. Type
 * errors do not stop tsc from emitting; they come back as a warning (someone may be mid-edit
 * in src/), and the bench fails only if there is nothing to run.
 */
export async function buildApps(): Promise<string | null> {
  const tsc = `${ROOT}node_modules/.bin/tsc`;
  const started = Date.now();
  let warning: string | null = null;
  try {
    await promisify(execFile)(tsc, ['-p', 'bench/tsconfig.build.json'], { cwd: ROOT });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    warning = `tsc reported errors building the apps:\n${stdout}${stderr}`.trim();
  }
  await promisify(execFile)(process.execPath, ['scripts/build.js', `${ROOT}${BUILD}/dist`], { cwd: ROOT });
  for (const script of Object.values(SCRIPTS)) {
    const file = `${ROOT}${BUILD}/${script}.js`;
    let fresh = false;
    try {
      fresh = statSync(file).mtimeMs >= started - 1_000;
    } catch {}
    if (!fresh) throw new Error(`tsc did not build ${file}${warning ? `:\n${warning}` : ''}`);
  }
  return warning;
}

export interface AppOptions {
  kind: AppKind;
  emu: SlackEmulator;
  mode: 'http' | 'socket';
  /** Rebound only. */
  databaseUrl?: string;
  /** Directory for `node --cpu-prof` output; unset → no profiling. */
  cpuProfDir?: string;
  /** `node` runs the tsc build (default); `tsx` runs the TypeScript as `npm run dev` does. */
  runtime?: 'node' | 'tsx';
  startTimeoutMs?: number;
}

export interface AppProcess {
  readonly kind: AppKind;
  readonly pid: number;
  /** The loopback URL Slack delivers to (HTTP mode), or null. */
  readonly eventsUrl: string | null;
  readonly startupMs: number;
  /** User + system CPU time used so far, in ms (from /proc/<pid>/stat). */
  cpuMs(): number;
  /** Peak resident set size so far (VmHWM), in MB. */
  peakRssMb(): number;
  /** Sends a message and resolves with the first reply of the same type and id. */
  ask<T>(message: { type: string; id: number } & Record<string, unknown>, timeoutMs: number): Promise<T>;
  /** Asks the app to stop gracefully; kills it if it has not exited in time. Resolves with its peak RSS. */
  stop(): Promise<number>;
  /** The child's last output lines, for error messages. */
  output(): string;
}

/**
 * Node flags for every Rebound process: none, as `npm start` runs it (its one V8 setting is
 * made once it serves, src/heap-growth.ts), unless BENCH_REBOUND_NODE_ARGS names some.
 */
export function reboundNodeArgs(): string[] {
  return (process.env.BENCH_REBOUND_NODE_ARGS ?? '').split(' ').filter(Boolean);
}

export async function startApp(options: AppOptions): Promise<AppProcess> {
  const port = options.mode === 'http' ? await freePort() : 0;
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    // No developer .env: the bench decides everything.
    DOTENV_CONFIG_PATH: '/nonexistent/.env',
    SLACK_BOT_TOKEN: BENCH_SECRETS.botToken,
    SLACK_SIGNING_SECRET: BENCH_SECRETS.signingSecret,
    SLACK_API_URL: options.emu.apiUrl,
    PORT: String(port),
    LOG_LEVEL: 'info',
    // The bench triggers follow-up ticks itself; a yearly cron keeps node-cron out of the way.
    FOLLOW_UP_CRON: '0 0 1 1 *',
    ...(options.mode === 'socket' ? { SLACK_APP_TOKEN: BENCH_SECRETS.appToken } : {}),
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    ...(isBare(options.kind) ? { BARE_VIEW: options.kind === 'same-view' ? 'same-view' : 'one-input' } : {}),
  };
  const tsx = options.runtime === 'tsx';
  // `npm-start`: what `npm start` runs (scripts/start.js: dist/, built only when stale).
  const script =
    options.kind === 'npm-start'
      ? 'scripts/start.js'
      : tsx
        ? options.kind === 'rebound-main'
          ? 'src/main.ts' // as `npm run dev` runs it
          : `${SCRIPTS[options.kind]}.ts`
        : `${BUILD}/${SCRIPTS[options.kind]}.js`;
  const execArgv = [...(tsx ? ['--import', 'tsx'] : []), ...(isBare(options.kind) ? [] : reboundNodeArgs())];
  if (options.cpuProfDir) execArgv.push('--cpu-prof', '--cpu-prof-dir', options.cpuProfDir);

  if (options.mode === 'socket') options.emu.useSocketMode();
  const started = performance.now();
  const child = fork(script, [], {
    cwd: ROOT,
    env,
    execArgv,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    if (lines.length > 40) lines.splice(0, lines.length - 40);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | string>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  const output = () => lines.join('\n');
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${options.kind}: could not spawn`);

  const timeoutMs = options.startTimeoutMs ?? 20_000;
  const readyMessage = new Promise<void>((resolve) =>
    child.on('message', (message: { type?: string }) => {
      if (message.type === 'ready') resolve();
    }),
  );
  let startupMs: number;
  try {
    if (options.mode === 'http') {
      await waitHealthy(`http://127.0.0.1:${port}/healthz`, child, timeoutMs);
      startupMs = performance.now() - started;
    } else {
      await Promise.race([
        readyMessage,
        exited.then((code) => Promise.reject(new Error(`exited with ${code}`))),
        sleep(timeoutMs).then(() => Promise.reject(new Error(`not ready within ${timeoutMs} ms`))),
      ]);
      startupMs = performance.now() - started;
      await options.emu.socketConnected(5_000);
    }
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${options.kind} did not start: ${(error as Error).message}\n${output()}`);
  }
  if (options.mode === 'http') options.emu.useHttp(`http://127.0.0.1:${port}/slack/events`);

  let peak = 0;
  let stopped: Promise<number> | undefined;
  const peakRssMb = () => {
    const status = readProc(pid, 'status');
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
    peak = Math.max(peak, kb / 1024);
    return peak;
  };

  return {
    kind: options.kind,
    pid,
    eventsUrl: options.mode === 'http' ? `http://127.0.0.1:${port}/slack/events` : null,
    startupMs,
    cpuMs: () => cpuMsOf(pid),
    peakRssMb,
    ask: (message, askTimeoutMs) => ask(child, message, askTimeoutMs),
    output,
    stop() {
      stopped ??= (async () => {
        peakRssMb();
        if (child.exitCode === null && child.signalCode === null) {
          // src/main.ts stops on SIGTERM, as under a process manager; the bench scripts on IPC.
          if (options.kind === 'rebound-main' || options.kind === 'npm-start' || !child.connected)
            child.kill('SIGTERM');
          else child.send({ type: 'stop' });
        }
        const code = await Promise.race([exited, sleep(15_000).then(() => 'timeout')]);
        if (code === 'timeout') {
          child.kill('SIGKILL');
          await exited;
        }
        return peak;
      })();
      return stopped;
    },
  };
}

function ask<T>(
  child: ChildProcess,
  message: { type: string; id: number } & Record<string, unknown>,
  timeoutMs: number,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.off('message', onMessage);
      reject(new Error(`no answer to ${message.type} within ${timeoutMs} ms`));
    }, timeoutMs);
    const onMessage = (reply: { type?: string; id?: number }) => {
      if (reply.type !== message.type || reply.id !== message.id) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(reply as T);
    };
    child.on('message', onMessage);
    child.send(message);
  });
}

async function waitHealthy(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}`);
    if ((await statusOf(url)) === 200) return;
    await sleep(5);
  }
  throw new Error(`/healthz not 200 within ${timeoutMs} ms`);
}

function statusOf(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = get(url, { agent: false, timeout: 1_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

function readProc(pid: number, file: string): string {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return '';
  }
}

/** utime + stime (fields 14 and 15 of /proc/<pid>/stat, in clock ticks of 10 ms). */
function cpuMsOf(pid: number): number {
  const stat = readProc(pid, 'stat');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
  return ticks * 10;
}
