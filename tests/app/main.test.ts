// `npm start` as a newcomer meets it: settings errors, start-up, and graceful shutdown.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestEmulator, TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../support/rebound-harness.js';
import { cleanUpAfterEach, runMain } from '../support/run-main.js';

const { cleanups, track } = cleanUpAfterEach();

describe('npm start', () => {
  it('exits 1 naming each missing setting and where to find it, without a stack trace', async () => {
    const main = track(runMain({}));
    expect(await main.exited).toBe(1);
    const stderr = main.stderr();
    expect(stderr).toContain('SLACK_BOT_TOKEN is missing');
    expect(stderr).toContain('SLACK_SIGNING_SECRET is missing');
    expect(stderr).toContain('.env.example');
    expect(stderr).not.toMatch(/^\s+at /m);
  });

  it('finishes work in flight on SIGTERM, closes the database and exits 0', async () => {
    const emu = await createTestEmulator();
    cleanups.push(() => emu.close());
    const dir = mkdtempSync(join(tmpdir(), 'rebound-main-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    // One setting comes from a .env file, the way a newcomer sets them.
    writeFileSync(join(dir, '.env'), 'LOG_LEVEL=info\n');

    const main = track(
      runMain({
        SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
        SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
        SLACK_API_URL: emu.apiUrl,
        PORT: '0',
        DATABASE_URL: join(dir, 'nested', 'rebound.sqlite'),
        DOTENV_CONFIG_PATH: join(dir, '.env'),
      }),
    );
    const [, port] = await main.waitForOutput(/listening on port (\d+)/);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);

    emu.useHttp(`http://127.0.0.1:${port}/slack/events`);
    const alice = emu.addUser({ id: 'U1', name: 'alice', tz: null });
    // Slack answers views.open slowly: the SIGTERM lands while the listener waits for it.
    emu.failNext('views.open', { delayMs: 800 });
    const command = await alice.command('/rejected', 'Acme');
    expect(command.status).toBe(200);
    main.child.kill('SIGTERM');

    expect(await main.exited).toBe(0);
    expect(emu.callsTo('views.open')).toEqual([expect.objectContaining({ ok: true })]);
    expect(main.stdout()).toContain('Rebound stopped.');
    // The .env was read (info lines appear), and every line is Rebound's: no dotenv banner.
    expect(main.stdout()).not.toContain('dotenv');
  });
});
