// `npm start` (scripts/start.js) builds only when the build is missing or older than the
// sources, so a restart is ready without building; an edited source is built first.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { createTestEmulator, TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../support/rebound-harness.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'rebound-start-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function start(apiUrl: string): Promise<string> {
  const child = spawn(process.execPath, ['scripts/start.js'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      DOTENV_CONFIG_PATH: '/nonexistent/.env',
      SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: apiUrl,
      PORT: '0',
      DATABASE_URL: join(dataDir, 'rebound.sqlite'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await expect.poll(() => /listening on port (\d+)/.exec(output)?.[1], { timeout: 20_000 }).toBeDefined();
  const port = /listening on port (\d+)/.exec(output)?.[1];
  expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
  return output;
}

it('builds when a source is newer than the build, and then restarts without compiling', async () => {
  const emu = await createTestEmulator();
  try {
    const entry = join(ROOT, 'dist', 'main.js');
    await start(emu.apiUrl); // whatever state dist/ was in, it is current afterwards
    const longAgo = new Date('2020-01-01T00:00:00Z');
    utimesSync(entry, longAgo, longAgo);

    expect(await start(emu.apiUrl)).toContain('Building Rebound');
    const built = statSync(entry).mtimeMs;
    expect(built).toBeGreaterThan(longAgo.getTime());

    expect(await start(emu.apiUrl)).not.toContain('Building Rebound');
    expect(statSync(entry).mtimeMs).toBe(built);
  } finally {
    await emu.close();
  }
}, 90_000); // up to two builds and three starts
