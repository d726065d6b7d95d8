// The store contract on SQLite (a fresh temp file per test), plus what only SQLite has:
// file paths and file: URLs, the default location, WAL, and two connections to one file.

import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTokenCipher } from '../../src/crypto/token-cipher.js';
import type { UserScope } from '../../src/domain/types.js';
import { ErrorCode, ReboundError } from '../../src/errors.js';
import { createStore } from '../../src/store/index.js';
import { claimDueSql } from '../../src/store/ops/follow-ups.js';
import { findOpenDraft } from '../../src/store/ops/rejections.js';
import { sqliteMigrations } from '../../src/store/sqlite/migrations.js';
import type { Store } from '../../src/store/store.js';
import { runStoreContract } from './contract.js';

const scope: UserScope = { teamId: 'T1', enterpriseId: null, userId: 'U1' };
const T0 = new Date('2030-01-01T00:00:00.000Z');

async function tempDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'rebound-sqlite-'));
}

runStoreContract('sqlite', async () => {
  const dir = await tempDir();
  const store = await createStore(path.join(dir, 'rebound.sqlite'));
  return {
    store,
    async cleanup() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});

// The same contract with what people type sealed at rest (TOKEN_ENCRYPTION_KEY set).
runStoreContract('sqlite, sealed', async () => {
  const dir = await tempDir();
  const store = await createStore(path.join(dir, 'rebound.sqlite'), {
    cipher: createTokenCipher(randomBytes(32)),
  });
  return {
    store,
    async cleanup() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});

describe('SQLite store', () => {
  let dir: string;
  const opened: Store[] = [];
  const open = async (url: string | undefined, options?: Parameters<typeof createStore>[1]) => {
    const store = await createStore(url, options);
    opened.push(store);
    return store;
  };

  beforeEach(async () => {
    dir = await tempDir();
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
    await rm(dir, { recursive: true, force: true });
  });

  it('creates missing folders for a file path and uses WAL', async () => {
    const file = path.join(dir, 'nested', 'deeper', 'rebound.sqlite');
    const store = await open(file);
    expect(store.engine).toBe('sqlite');
    await store.createDraft(scope, { company: 'Acme' }, T0);
    expect(existsSync(file)).toBe(true);

    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      db.close();
    }
  });

  it('accepts file: URLs, percent-encoded, absolute or relative', async () => {
    const file = path.join(dir, 'with space', 'rebound.sqlite');
    await open(pathToFileURL(file).href);
    expect(existsSync(file)).toBe(true);

    const relative = path.relative(process.cwd(), path.join(dir, 'relative', 'rebound.sqlite'));
    await open(`file:${relative}?mode=rwc`);
    expect(existsSync(path.join(dir, 'relative', 'rebound.sqlite'))).toBe(true);
  });

  it('defaults to ./data/rebound.sqlite under the working directory', async () => {
    const previous = process.cwd();
    process.chdir(dir);
    try {
      await open(undefined);
      await open('  ');
    } finally {
      process.chdir(previous);
    }
    expect(existsSync(path.join(dir, 'data', 'rebound.sqlite'))).toBe(true);
  });

  it('runs in memory for ":memory:"', async () => {
    const store = await open(':memory:');
    const draft = await store.createDraft(scope, {}, T0);
    expect(await store.getRejection(scope, draft.id)).toEqual(draft);
  });

  it('records each migration once, and a second start applies nothing', async () => {
    const file = path.join(dir, 'rebound.sqlite');
    const firstLog = { info: vi.fn(), warn: vi.fn(), error: vi.fn(), debug: vi.fn() };
    await open(file, { logger: firstLog });
    const secondLog = { info: vi.fn(), warn: vi.fn(), error: vi.fn(), debug: vi.fn() };
    const second = await open(file, { logger: secondLog });
    await second.migrate();

    const applied = (log: typeof firstLog) =>
      log.info.mock.calls.filter(([message]) => message === 'store: migration applied').length;
    expect(applied(firstLog)).toBe(sqliteMigrations.length);
    expect(applied(secondLog)).toBe(0);

    const db = new Database(file, { readonly: true });
    try {
      const versions = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
      expect(versions).toEqual(sqliteMigrations.map(({ version, name }) => ({ version, name })));
      expect(versions).toContainEqual({ version: 7, name: 'create_installations' });
    } finally {
      db.close();
    }
  });

  it('shares one file between two connections: one completion wins, claims never overlap', async () => {
    const file = path.join(dir, 'shared.sqlite');
    const [a, b] = await Promise.all([open(file), open(file)]);
    const draft = await a.createDraft(scope, {}, T0);
    const dueTimes = Array.from({ length: 20 }, (_, index) => ({
      kind: 'reflect' as const,
      dueAt: new Date(T0.getTime() - index),
    }));
    const outcomes = await Promise.allSettled([
      a.completeRejection(scope, draft.id, {}, dueTimes, T0),
      b.completeRejection(scope, draft.id, {}, dueTimes, T0),
    ]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);

    const claims = await Promise.all([
      a.claimDueFollowUps(T0, { limit: 15, leaseMs: 60_000, owner: 'a' }),
      b.claimDueFollowUps(T0, { limit: 15, leaseMs: 60_000, owner: 'b' }),
    ]);
    const ids = claims.flat().map((followUp) => followUp.id);
    expect(ids).toHaveLength(20);
    expect(new Set(ids).size).toBe(20);
  });

  it('claims due follow-ups by range scans of the partial indexes, never a table scan', async () => {
    const file = path.join(dir, 'plan.sqlite');
    await open(file);
    const db = new Database(file, { readonly: true });
    try {
      const plan = db.prepare(`EXPLAIN QUERY PLAN ${claimDueSql('')}`).all(0, 10, 0, 10, 10, 'w', 0, 0) as {
        detail: string;
      }[];
      const details = plan.map((row) => row.detail).join('\n');
      expect(details).toMatch(
        /SEARCH follow_ups USING (COVERING )?INDEX follow_ups_pending_due \(due_at<\?\)/,
      );
      expect(details).toMatch(
        /SEARCH follow_ups USING (COVERING )?INDEX follow_ups_sending_lease \(lease_until<\?\)/,
      );
      expect(details).not.toMatch(/SCAN follow_ups(?! USING)/);
    } finally {
      db.close();
    }
  });

  it("finds a person's open draft (every /rejected does) by their index, in its order, without sorting", async () => {
    const file = path.join(dir, 'draft-plan.sqlite');
    await open(file);
    const db = new Database(file, { readonly: true });
    try {
      const lookup = findOpenDraft(scope).next();
      if (lookup.done) throw new Error('findOpenDraft asked for no rows');
      const { sql, params = [] } = lookup.value;
      const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
      const details = plan.map((row) => row.detail).join('\n');
      expect(details).toMatch(
        /SEARCH rejections USING INDEX rejections_by_user \(team_id=\? AND enterprise_id=\? AND user_id=\? AND status=\?\)/,
      );
      expect(details).not.toMatch(/TEMP B-TREE/);
    } finally {
      db.close();
    }
  });

  it('reports a path it cannot open as store_unavailable naming the path', async () => {
    const blocker = path.join(dir, 'not-a-folder');
    await writeFile(blocker, 'a file where a folder should be');
    const error = await createStore(path.join(blocker, 'rebound.sqlite')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ReboundError);
    expect((error as ReboundError).code).toBe(ErrorCode.StoreUnavailable);
    expect((error as ReboundError).message).toContain(blocker);
  });

  it('reports a file that is not a database as store_unavailable', async () => {
    const file = path.join(dir, 'garbage.sqlite');
    await writeFile(file, 'this is not an SQLite database, just some text long enough to have a header');
    const error = await createStore(file).catch((caught: unknown) => caught);
    expect((error as ReboundError).code).toBe(ErrorCode.StoreUnavailable);
  });

  it('rejects URL schemes it does not support as config_invalid', async () => {
    const error = await createStore('mysql://user:secret@db/rebound').catch((caught: unknown) => caught);
    expect((error as ReboundError).code).toBe(ErrorCode.ConfigInvalid);
    expect((error as ReboundError).message).not.toContain('secret');
  });
});
