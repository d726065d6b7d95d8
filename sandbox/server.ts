// `npm run sandbox`: Rebound without a Slack workspace. Starts the Slack emulator from the test kit and
// the real app (the same startRebound that `npm start` runs) in this process, wires them together over
// loopback exactly as the end-to-end tests do, and serves a page that stands in for Slack's client.
//
//   SANDBOX_PORT  the page's port (default 3210; 0 picks a free one)
//   DATABASE_URL  where Rebound keeps its data (default: a fresh SQLite file in a temp folder, removed on exit)
//   SANDBOX_TZ    the emulated person's timezone (default: this machine's)
//   LOG_LEVEL     Rebound's log level (default warn, to keep the terminal quiet)
//
// .env is deliberately not read: a sandbox should never write into the database a developer set up there.

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createSlackEmulator, type EmulatedUser, type SlackEmulator } from '../emulator/index.js';
import { type RunningRebound, startRebound } from '../src/app.js';
import { type Config, DEFAULT_FOLLOW_UP_CRON, type LogLevelName, loadConfig } from '../src/config.js';
import type { LogSink } from '../src/logger.js';
import { SandboxClock } from './clock.js';
import { createRequestHandler, createRoutes } from './http-api.js';
import { GENERAL, readManifest, WorkspaceView } from './workspace-view.js';

export const DEFAULT_SANDBOX_PORT = 3210;
export const SANDBOX_USER = { id: 'U0SANDBOX', name: 'you' } as const;
export const SANDBOX_PEOPLE = [
  { id: 'U0SAM', name: 'sam', realName: 'Sam Lee' },
  { id: 'U0PRIYA', name: 'priya', realName: 'Priya' },
  { id: 'U0BOT', name: 'standup-bot', realName: 'Standup bot', isBot: true },
] as const;
export const REJECTION_MESSAGE =
  'Hi! Thank you for your interest in Acme Corp and for the time you gave us. After a lot of thought, we have decided to move forward with another candidate.';

export interface SandboxOptions {
  /** The page's port on 127.0.0.1; 0 picks a free one. */
  port?: number;
  /** Rebound's DATABASE_URL; default a fresh SQLite file in a temp folder. */
  databaseUrl?: string | null;
  /** The emulated person's IANA timezone; default this machine's. */
  tz?: string | null;
  /** Where the app's clock starts; default now. */
  startAt?: Date;
  logLevel?: LogLevelName;
  /** Where Rebound's log lines go; default stdout/stderr. */
  logSink?: LogSink;
  /** The follow-up scheduler's cron; default every minute, as in production. */
  followUpCron?: string;
  /** Sandbox failures (a bug in the page or the sandbox, not the app); default stderr. */
  onError?: (error: unknown) => void;
}

export interface RunningSandbox {
  /** http://localhost:PORT/ */
  url: string;
  port: number;
  emu: SlackEmulator;
  rebound: RunningRebound;
  clock: SandboxClock;
  user: EmulatedUser;
  /** Where the temporary database lives, or null when DATABASE_URL was given. */
  tempDir: string | null;
  stop(): Promise<void>;
}

function machineTimezone(): string | null {
  return Intl.DateTimeFormat().resolvedOptions().timeZone ?? null;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const secrets = {
    // Made up per run: they only need to agree between the emulator and the app.
    signingSecret: randomBytes(16).toString('hex'),
    botToken: `xoxb-sandbox-${randomBytes(6).toString('hex')}`,
    appToken: 'xapp-sandbox',
  };
  const emu = await createSlackEmulator({ ...secrets, teamId: 'T0SANDBOX', appId: 'A0REBOUND' });
  const tempDir = options.databaseUrl ? null : mkdtempSync(join(tmpdir(), 'rebound-sandbox-'));
  const cleanUp = async () => {
    await emu.close();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  };

  let config: Config;
  try {
    // Through loadConfig, as `npm start` reads its settings, but from these values alone: a shell's
    // SLACK_* variables (a real token, Socket Mode, OAuth) must never reach the sandbox.
    config = loadConfig({
      SLACK_BOT_TOKEN: secrets.botToken,
      SLACK_SIGNING_SECRET: secrets.signingSecret,
      SLACK_API_URL: emu.apiUrl,
      PORT: '0',
      DATABASE_URL: options.databaseUrl ?? join(tempDir as string, 'rebound.sqlite'),
      FOLLOW_UP_CRON: options.followUpCron ?? DEFAULT_FOLLOW_UP_CRON,
      LOG_LEVEL: options.logLevel ?? 'warn',
    });
  } catch (error) {
    await cleanUp();
    throw error;
  }
  const clock = new SandboxClock(options.startAt);
  let rebound: RunningRebound;
  try {
    rebound = await startRebound(config, {
      clock: clock.now,
      ...(options.logSink ? { logSink: options.logSink } : {}),
    });
  } catch (error) {
    await cleanUp();
    throw error;
  }
  emu.useHttp(`http://127.0.0.1:${rebound.port}/slack/events`);

  const tz = options.tz === undefined ? machineTimezone() : options.tz;
  const user = emu.addUser({ ...SANDBOX_USER, tz });
  // Others in the workspace: a recruiter whose message brings the news (try the message shortcut
  // on it), a friend to share a note with, and a bot that sharing refuses.
  for (const person of SANDBOX_PEOPLE) emu.addUser({ ...person, tz });
  emu.postAs(SANDBOX_PEOPLE[0].id, GENERAL.id, REJECTION_MESSAGE);
  const view = new WorkspaceView({
    emu,
    user,
    rebound,
    clock,
    tz,
    userName: SANDBOX_USER.name,
    people: SANDBOX_PEOPLE.map((person) => ({
      id: person.id,
      name: person.realName,
      isBot: 'isBot' in person && person.isBot,
    })),
    manifest: readManifest(new URL('../manifest.yml', import.meta.url)),
  });
  const onError =
    options.onError ??
    ((error: unknown) =>
      process.stderr.write(
        `sandbox: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      ));
  const server: Server = createServer(createRequestHandler(createRoutes(view), onError));
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? DEFAULT_SANDBOX_PORT, '127.0.0.1', resolve);
    });
  } catch (error) {
    await rebound.stop();
    await cleanUp();
    throw error;
  }
  const { port } = server.address() as AddressInfo;

  let stopping: Promise<void> | undefined;
  return {
    url: `http://localhost:${port}/`,
    port,
    emu,
    rebound,
    clock,
    user,
    tempDir,
    stop() {
      stopping ??= (async () => {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await rebound.stop();
        await cleanUp();
      })();
      return stopping;
    },
  };
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const env = process.env;
  const portText = env.SANDBOX_PORT?.trim();
  const port = portText ? Number(portText) : DEFAULT_SANDBOX_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`SANDBOX_PORT must be a whole number from 0 to 65535 (got "${portText}").\n`);
    process.exit(1);
  }
  const tz = env.SANDBOX_TZ?.trim();
  if (tz && !isTimeZone(tz)) {
    process.stderr.write(`SANDBOX_TZ must be an IANA timezone such as Europe/Berlin (got "${tz}").\n`);
    process.exit(1);
  }
  const logLevel = (env.LOG_LEVEL?.trim().toLowerCase() || 'warn') as LogLevelName;
  let sandbox: RunningSandbox;
  try {
    sandbox = await startSandbox({
      port,
      databaseUrl: env.DATABASE_URL?.trim() || null,
      ...(tz ? { tz } : {}),
      logLevel: ['debug', 'info', 'warn', 'error'].includes(logLevel) ? logLevel : 'warn',
    });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    process.stderr.write(
      code === 'EADDRINUSE'
        ? `Port ${port} is taken. Set SANDBOX_PORT to another port (0 picks a free one).\n`
        : `The sandbox could not start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  }
  process.stdout.write(
    [
      `Rebound sandbox: ${sandbox.url}`,
      '  Rebound runs here against a Slack emulator on this machine; nothing is sent to Slack.',
      `  Data: ${sandbox.tempDir ? 'a temporary SQLite database, removed when you stop' : 'DATABASE_URL'}. Ctrl+C stops it.`,
      '',
    ].join('\n'),
  );
  const shutdown = () => {
    sandbox.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`The sandbox did not stop cleanly: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
