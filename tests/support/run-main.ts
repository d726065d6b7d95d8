// Runs `src/main.ts` as its own process, as `npm start` would (through tsx rather than a
// build, to keep tests fast), with an environment the test controls entirely.

import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from './rebound-harness.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface MainProcess {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>;
  /** Resolves once stdout contains `pattern`. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
}

/**
 * `prefix` runs node under a wrapper command. A wrapper that forks (the `faketime` command
 * does) does not pass signals on, so SIGTERM would stop the wrapper and orphan Rebound; set
 * such a tool's environment instead (see tests/app/main-postgres.test.ts).
 */
export function runMain(env: Record<string, string>, options: { prefix?: string[] } = {}): MainProcess {
  const command = options.prefix?.[0] ?? process.execPath;
  const args = [
    ...(options.prefix ? [...options.prefix.slice(1), process.execPath] : []),
    '--import',
    'tsx',
    'src/main.ts',
  ];
  const child = spawn(command, args, {
    cwd: ROOT,
    // No inherited SLACK_* settings, and no developer .env: the test decides everything.
    env: { PATH: process.env.PATH ?? '', DOTENV_CONFIG_PATH: '/nonexistent/.env', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  const exited = new Promise<number | string>((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? signal ?? -1));
  });
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    async waitForOutput(pattern, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = out.match(pattern);
        if (match) return match;
        if (child.exitCode !== null || Date.now() > deadline) {
          throw new Error(`Output never matched ${pattern}.\nstdout:\n${out}\nstderr:\n${err}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
  };
}

/** What every test of a Rebound process sets: the emulator's Slack, a database, follow-ups every second. */
export function mainEnv(apiUrl: string, databaseUrl: string, extra: Record<string, string> = {}) {
  return {
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: apiUrl,
    PORT: '0',
    DATABASE_URL: databaseUrl,
    FOLLOW_UP_CRON: '* * * * * *',
    LOG_LEVEL: 'info',
    ...extra,
  };
}

export type Cleanup = () => Promise<void> | void;

/**
 * Clean-up after each test of a file that starts processes: push what a test must undo onto
 * `cleanups`, and wrap each process in `track` so it is killed if still running. They run
 * after the test, the last pushed first. Call once, at the top of the file.
 */
export function cleanUpAfterEach(): { cleanups: Cleanup[]; track(main: MainProcess): MainProcess } {
  const cleanups: Cleanup[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return {
    cleanups,
    track(main) {
      cleanups.push(() => {
        if (main.child.exitCode === null) main.child.kill('SIGKILL');
      });
      return main;
    },
  };
}
