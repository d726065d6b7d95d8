// `npm start` runs the build (scripts/build.js: one esbuild bundle), not tsx. Build it the
// same way (into a scratch folder inside the repo, so node_modules resolves) and check the
// result starts, serves /healthz and stops cleanly — a broken bundle or an import that only
// tsx tolerates fails here.

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { createTestEmulator, TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../support/rebound-harness.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const outDir = join(ROOT, '.tmp', `build-${process.pid}`);
const dataDir = mkdtempSync(join(tmpdir(), 'rebound-build-'));
afterAll(() => {
  rmSync(outDir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

it('the built app starts, answers /healthz and stops on SIGTERM', async () => {
  const build = spawnSync(process.execPath, ['scripts/build.js', outDir], { cwd: ROOT, encoding: 'utf8' });
  expect(build.stdout + build.stderr).toBe('');
  expect(build.status).toBe(0);

  const emu = await createTestEmulator();
  try {
    const child = spawn(process.execPath, [join(outDir, 'main.js')], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        DOTENV_CONFIG_PATH: '/nonexistent/.env',
        SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
        SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
        SLACK_API_URL: emu.apiUrl,
        PORT: '0',
        DATABASE_URL: join(dataDir, 'rebound.sqlite'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

    await expect.poll(() => /listening on port (\d+)/.exec(output)?.[1], { timeout: 15_000 }).toBeDefined();
    const port = /listening on port (\d+)/.exec(output)?.[1];
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  } finally {
    await emu.close();
  }
});
