// Starts the real Rebound app (the same startRebound that `npm start` uses) against the
// Slack emulator on loopback, over HTTP or Socket Mode, with a clock the test controls.

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect } from 'vitest';
import { createSlackEmulator } from '../../emulator/index.js';
import { type ReboundOptions, type RunningRebound, startRebound } from '../../src/app.js';
import type { Config, DistributionConfig } from '../../src/config.js';

export const TEST_SIGNING_SECRET = 'test-signing-secret';
export const TEST_BOT_TOKEN = 'xoxb-test';
export const TEST_APP_TOKEN = 'xapp-test';
/** The app's OAuth settings in distributed mode (the emulator checks the client ID and secret). */
export const TEST_OAUTH = {
  clientId: '111.222',
  clientSecret: 'test-client-secret',
  stateSecret: 'test-state-secret-0123456789abcdef',
} as const;

export type Mode = 'http' | 'socket';
export type SlackEmulator = Awaited<ReturnType<typeof createSlackEmulator>>;

export interface TestClock {
  now(): Date;
  set(date: Date): void;
  advance(ms: number): void;
}

export function createTestClock(start: Date): TestClock {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    set: (date) => {
      current = date.getTime();
    },
    advance: (ms) => {
      current += ms;
    },
  };
}

export interface Harness {
  emu: SlackEmulator;
  rebound: RunningRebound;
  clock: TestClock;
  /** Every line Rebound and Bolt logged, for privacy assertions. */
  logs: string[];
  config: Config;
  /** http://127.0.0.1:PORT of the app (HTTP mode): /slack/install, /healthz … */
  appUrl: string;
  /**
   * Resolves once nothing is under way between Rebound and the emulator, and Rebound's
   * listeners have finished: what a test waits for before asserting that nothing happened.
   */
  idle(): Promise<void>;
  /** Stops the app and then the emulator (unless it was passed in); removes the temp database. */
  stop(): Promise<void>;
}

export interface HarnessOptions {
  mode?: Mode;
  /** Defaults to a fresh SQLite file in a temp folder. */
  databaseUrl?: string;
  now?: Date;
  /** A clock to share (several instances, the emulator's token expiry); `now` is then ignored. */
  clock?: TestClock;
  logLevel?: Config['logLevel'];
  followUpCron?: string;
  /** FOLLOW_UP_LEASE_SECONDS; 300 by default. A short lease makes the job's Slack timeout short too. */
  followUpLeaseSeconds?: number;
  rebound?: ReboundOptions;
  /** Distributed mode (OAuth installs, no bot token); `true` for a fresh encryption key. */
  distributed?: boolean | { tokenKeys: DistributionConfig['tokenKeys'] };
  /** Socket Mode: serve the health checks on this port (0: any free one), as PORT does. */
  healthPort?: number;
  /** Reuse an emulator (e.g. across restarts of the app); it is left running on stop(). */
  emulator?: SlackEmulator;
  /** TOKEN_ENCRYPTION_KEY (and old keys) in single-workspace mode: answers sealed at rest. */
  encryptionKeys?: { current: Buffer; retired: Buffer[] };
}

/** The emulator every test uses: one workspace T1, one app A1, the test tokens. */
export function createTestEmulator(): Promise<SlackEmulator> {
  return createSlackEmulator({
    signingSecret: TEST_SIGNING_SECRET,
    botToken: TEST_BOT_TOKEN,
    appToken: TEST_APP_TOKEN,
    teamId: 'T1',
    appId: 'A1',
    clientId: TEST_OAUTH.clientId,
    clientSecret: TEST_OAUTH.clientSecret,
  });
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const mode = options.mode ?? 'http';
  const ownEmulator = options.emulator === undefined;
  const emu = options.emulator ?? (await createTestEmulator());
  const closeEmulator = async () => {
    if (ownEmulator) await emu.close();
  };
  const distributed = options.distributed;
  const distribution: DistributionConfig | undefined = distributed
    ? {
        ...TEST_OAUTH,
        tokenKeys: distributed === true ? { current: randomBytes(32), retired: [] } : distributed.tokenKeys,
      }
    : undefined;
  const tempDir = options.databaseUrl ? null : mkdtempSync(join(tmpdir(), 'rebound-e2e-'));
  const config: Config = {
    slack: {
      botToken: distribution ? null : TEST_BOT_TOKEN,
      signingSecret: TEST_SIGNING_SECRET,
      appToken: mode === 'socket' ? TEST_APP_TOKEN : null,
      apiUrl: emu.apiUrl,
    },
    mode,
    ...(distribution ? { distribution } : {}),
    ...(options.encryptionKeys ? { encryptionKeys: options.encryptionKeys } : {}),
    port: 0,
    ...(options.healthPort !== undefined ? { healthPort: options.healthPort } : {}),
    databaseUrl: options.databaseUrl ?? join(tempDir as string, 'rebound.sqlite'),
    // Tests drive the follow-up job themselves; a yearly tick keeps node-cron out of the way.
    followUpCron: options.followUpCron ?? '0 0 1 1 *',
    followUpLeaseSeconds: options.followUpLeaseSeconds ?? 300,
    dataRetentionDays: 30,
    draftExpiryDays: 30,
    logLevel: options.logLevel ?? 'debug',
  };
  const clock = options.clock ?? createTestClock(options.now ?? new Date('2026-03-02T15:00:00Z'));
  const logs: string[] = [];
  if (mode === 'socket') emu.useSocketMode();
  let rebound: RunningRebound;
  try {
    rebound = await startRebound(config, {
      clock: clock.now,
      logSink: { write: (_level, line) => logs.push(line) },
      slackRetries: 0,
      // Tests tick the follow-up job themselves; a catch-up tick at start would race their seeding.
      catchUpAtStart: false,
      ...options.rebound,
    });
  } catch (error) {
    await closeEmulator();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    throw error;
  }
  if (mode === 'http') emu.useHttp(`http://127.0.0.1:${rebound.port}/slack/events`);
  else await emu.socketConnected();
  // Re-sealing stored data runs once the app listens: tests read its outcome from the logs.
  await rebound.settled();

  return {
    emu,
    rebound,
    clock,
    logs,
    config,
    appUrl: `http://127.0.0.1:${rebound.port}`,
    idle: () => emu.idle({ settle: () => rebound.settled() }),
    async stop() {
      await rebound.stop();
      await closeEmulator();
      if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    },
  };
}

/**
 * A fresh harness for each test of a file: the test starts it with `start`, helpers reach it
 * with `current`. After each test the emulator must have seen no problems, and the harness
 * is stopped. Call once, at the top of the file.
 */
export function harnessPerTest(): { start(options?: HarnessOptions): Promise<Harness>; current(): Harness } {
  let h: Harness | undefined;
  afterEach(async () => {
    const finished = h;
    h = undefined;
    try {
      if (finished) expect(finished.emu.problems).toEqual([]);
    } finally {
      await finished?.stop();
    }
  });
  return {
    async start(options) {
      h = await startHarness(options);
      return h;
    },
    current() {
      if (!h) throw new Error('start() first');
      return h;
    },
  };
}
