// `npm start` in distributed mode, from the environment alone: a wrong combination is named
// at once, and a right one serves the install page and installs a workspace.

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { installThroughOAuth } from '../support/oauth-browser.js';
import { createTestEmulator, TEST_OAUTH, TEST_SIGNING_SECRET } from '../support/rebound-harness.js';
import { cleanUpAfterEach, runMain } from '../support/run-main.js';

const { cleanups, track } = cleanUpAfterEach();

const OAUTH_ENV = {
  SLACK_CLIENT_ID: TEST_OAUTH.clientId,
  SLACK_CLIENT_SECRET: TEST_OAUTH.clientSecret,
  SLACK_STATE_SECRET: TEST_OAUTH.stateSecret,
};

describe('npm start, distributed', () => {
  it('refuses Socket Mode with the OAuth settings, and a missing key, in one message', async () => {
    const main = track(runMain({ ...OAUTH_ENV, SLACK_APP_TOKEN: 'xapp-1' }));
    expect(await main.exited).toBe(1);
    const stderr = main.stderr();
    expect(stderr).toContain('needs HTTP mode');
    expect(stderr).toContain('TOKEN_ENCRYPTION_KEY is missing');
    expect(stderr).not.toContain('SLACK_BOT_TOKEN');
    expect(stderr).not.toContain(TEST_OAUTH.clientSecret);
  });

  it('serves /slack/install without a bot token and installs a workspace', async () => {
    const emu = await createTestEmulator();
    cleanups.push(() => emu.close());
    const dir = mkdtempSync(join(tmpdir(), 'rebound-main-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));

    const main = track(
      runMain({
        ...OAUTH_ENV,
        TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
        SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
        SLACK_API_URL: emu.apiUrl,
        PORT: '0',
        DATABASE_URL: join(dir, 'rebound.sqlite'),
        LOG_LEVEL: 'debug',
      }),
    );
    const [, port] = await main.waitForOutput(/listening on port (\d+) \(HTTP mode, distributed/);
    const installed = await installThroughOAuth(`http://127.0.0.1:${port}`, emu, 'T2');
    expect(installed.status).toBe(200);
    await main.waitForOutput(/Installed in team T2\./);
    main.child.kill('SIGTERM');
    expect(await main.exited).toBe(0);
    expect(`${main.stdout()}${main.stderr()}`).not.toMatch(/xox[bpa]-/);
  });
});
