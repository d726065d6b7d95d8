// `npm start` on PostgreSQL, as its own process: a database it cannot reach at start-up, and
// a whole run under `faketime` showing that every time Rebound acts on or stores comes from
// the process's clock, not from the database server's now().

import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { freePort, query } from '../../devkit/postgres.js';
import { scopeOf, seedRejection } from '../../devkit/seed.js';
import { createStore } from '../../src/store/index.js';
import { postgres } from '../support/engines.js';
import { createTestEmulator, TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../support/rebound-harness.js';
import { cleanUpAfterEach, runMain } from '../support/run-main.js';

const DAY = 86_400_000;

const { cleanups, track } = cleanUpAfterEach();

describe('npm start on PostgreSQL', () => {
  it('exits 1 naming the host and the reason when the database is unreachable, never the password', async () => {
    const port = await freePort();
    const main = track(
      runMain({
        SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
        SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
        PORT: '0',
        DATABASE_URL: `postgres://rebound:s3cret@127.0.0.1:${port}/rebound`,
      }),
    );

    expect(await main.exited).toBe(1);
    const stderr = main.stderr();
    expect(stderr).toContain(`127.0.0.1:${port}`);
    expect(stderr).toContain('ECONNREFUSED');
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(`${main.stdout()}\n${stderr}`).not.toContain('s3cret');
  });
});

describe('npm start under faketime, 30 days ahead of the database server', () => {
  let faketime: Record<string, string>;
  beforeAll(() => {
    faketime = faketimeEnv('+30d');
  });

  it('sends the follow-ups due by its own clock and stamps the database with that clock', async () => {
    const databaseUrl = await postgres.databaseUrl();
    const emu = await createTestEmulator();
    cleanups.push(() => emu.close());
    const alice = emu.addUser({ id: 'U1', name: 'alice', tz: null });
    const bob = emu.addUser({ id: 'U2', name: 'bob', tz: null });

    const main = track(
      runMain({
        ...faketime,
        SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
        SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
        SLACK_API_URL: emu.apiUrl,
        PORT: '0',
        DATABASE_URL: databaseUrl,
        FOLLOW_UP_CRON: '* * * * * *',
        LOG_LEVEL: 'info',
      }),
    );
    await main.waitForOutput(/listening on port (\d+)/);

    // Due in 40 and in 10 days by the real clock (and the database server's). Bob's first, so
    // the tick that sends Alice's has seen his too.
    const now = new Date();
    const store = await createStore(databaseUrl);
    cleanups.push(() => store.close());
    await seedRejection(store, scopeOf('U2'), {
      followUps: [{ kind: 'reflect', dueAt: new Date(now.getTime() + 40 * DAY) }],
      now,
    });
    await seedRejection(store, scopeOf('U1'), {
      followUps: [{ kind: 'reflect', dueAt: new Date(now.getTime() + 10 * DAY) }],
      now,
    });

    // The process lives 30 days ahead: Alice's follow-up is due for it, Bob's is not yet.
    await expect.poll(() => alice.dm.length, { timeout: 15_000 }).toBe(1);
    await expect
      .poll(async () => (await store.listFollowUps(scopeOf('U1')))[0]?.status, { timeout: 5_000 })
      .toBe('sent');
    const [sent] = await store.listFollowUps(scopeOf('U1'));
    const [pending] = await store.listFollowUps(scopeOf('U2'));
    expect(pending?.status).toBe('pending');
    expect(bob.dm).toHaveLength(0);

    // What it wrote carries its own time, 30 days past the server's now().
    const serverNow = await serverNowMs(databaseUrl);
    expect(daysBetween(serverNow, sent?.sentAt?.getTime())).toBeCloseTo(30, 1);
    const [migration] = await query<{ applied_at: string }>(
      databaseUrl,
      'SELECT applied_at FROM schema_migrations ORDER BY version LIMIT 1',
    );
    expect(daysBetween(serverNow, Number(migration?.applied_at))).toBeCloseTo(30, 1);

    main.child.kill('SIGTERM');
    expect(await main.exited).toBe(0);
    expect(emu.problems).toEqual([]);
  });
});

/**
 * The environment `faketime -f <offset>` gives the program it runs (its preload path differs
 * between distributions and architectures). Set on node directly, because the faketime
 * wrapper forks: a SIGTERM to it would not reach Rebound.
 */
function faketimeEnv(offset: string): Record<string, string> {
  let preload: string;
  try {
    preload = execFileSync('faketime', ['-f', offset, 'printenv', 'LD_PRELOAD'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('This test needs faketime: apt-get install faketime (.ci/run installs it).');
  }
  return { LD_PRELOAD: preload, FAKETIME: offset };
}

function daysBetween(fromMs: number, toMs: number | undefined): number {
  return ((toMs ?? Number.NaN) - fromMs) / DAY;
}

async function serverNowMs(url: string): Promise<number> {
  const [row] = await query<{ ms: string }>(url, 'SELECT (extract(epoch FROM now()) * 1000)::bigint AS ms');
  return Number(row?.ms);
}
