// A bare Bolt app wired to the emulator, for the emulator's own tests: HTTP (HTTPReceiver on a free
// loopback port) or Socket Mode.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, type Logger, LogLevel } from '@slack/bolt';
import type { SlackEmulator } from './emulator.js';

export const TEST_SECRETS = {
  signingSecret: 'test-signing-secret',
  botToken: 'xoxb-test',
  appToken: 'xapp-test',
  teamId: 'T1',
  appId: 'A1',
} as const;

/** Bolt logs unhandled errors to the console; the tests keep its lines here instead. */
export function collectingLogger(lines: string[]): Logger {
  let level = LogLevel.ERROR;
  const keep =
    (prefix: string) =>
    (...messages: unknown[]) =>
      lines.push(`${prefix} ${messages.map(String).join(' ')}`);
  return {
    debug: () => {},
    info: () => {},
    warn: keep('warn'),
    error: keep('error'),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

export interface BareApp {
  app: App;
  /** Bolt's warn/error log lines. */
  logs: string[];
  stop(): Promise<void>;
}

const clientOptions = (emu: SlackEmulator) => ({ slackApiUrl: emu.apiUrl, retryConfig: { retries: 0 } });

/** Registers listeners with `register`, listens on 127.0.0.1:0 and points the emulator at it. */
export async function startHttpApp(emu: SlackEmulator, register: (app: App) => void): Promise<BareApp> {
  const logs: string[] = [];
  const receiver = new HTTPReceiver({ signingSecret: TEST_SECRETS.signingSecret });
  const app = new App({
    token: TEST_SECRETS.botToken,
    receiver,
    clientOptions: clientOptions(emu),
    logger: collectingLogger(logs),
  });
  register(app);
  const server: Server = createServer(receiver.requestListener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  emu.useHttp(`http://127.0.0.1:${port}/slack/events`);
  return {
    app,
    logs,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Socket Mode: app.start() resolves after the emulator's hello. */
export async function startSocketApp(emu: SlackEmulator, register: (app: App) => void): Promise<BareApp> {
  const logs: string[] = [];
  const app = new App({
    token: TEST_SECRETS.botToken,
    appToken: TEST_SECRETS.appToken,
    socketMode: true,
    installerOptions: { clientOptions: clientOptions(emu) },
    clientOptions: clientOptions(emu),
    logger: collectingLogger(logs),
  });
  register(app);
  emu.useSocketMode();
  await app.start();
  await emu.socketConnected();
  return {
    app,
    logs,
    stop: async () => {
      await app.stop();
    },
  };
}
