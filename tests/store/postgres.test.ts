// The store contract on a real PostgreSQL (embedded, or TEST_DATABASE_URL), one fresh
// database per test; plus what only a server has: instances migrating at once, SKIP LOCKED
// claims across pools, an unreachable or restarted server.

import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { freePort, query, startTestPostgres, type TestPostgres } from '../../devkit/postgres.js';
import { createTokenCipher } from '../../src/crypto/token-cipher.js';
import type { NewFollowUp, UserScope } from '../../src/domain/types.js';
import { ErrorCode, ReboundError } from '../../src/errors.js';
import { createStore } from '../../src/store/index.js';
import { claimDueSql } from '../../src/store/ops/follow-ups.js';
import { postgresMigrations } from '../../src/store/postgres/migrations.js';
import type { Store } from '../../src/store/store.js';
import { runStoreContract } from './contract.js';

let server: TestPostgres;

beforeAll(async () => {
  server = await startTestPostgres();
});

afterAll(async () => {
  await server?.stop();
});

runStoreContract('postgres', async () => {
  const url = await server.createDatabase();
  const store = await createStore(url, { poolSize: 4 });
  return {
    store,
    async cleanup() {
      await store.close();
      await server.dropDatabase(url);
    },
  };
});

// The same contract with what people type sealed at rest (TOKEN_ENCRYPTION_KEY set).
runStoreContract('postgres, sealed', async () => {
  const url = await server.createDatabase();
  const store = await createStore(url, { poolSize: 4, cipher: createTokenCipher(randomBytes(32)) });
  return {
    store,
    async cleanup() {
      await store.close();
      await server.dropDatabase(url);
    },
  };
});

const scope: UserScope = { teamId: 'T1', enterpriseId: null, userId: 'U1' };
const T0 = new Date('2030-01-01T00:00:00.000Z');
const silentLog = () => ({ info: vi.fn(), warn: vi.fn(), error: vi.fn(), debug: vi.fn() });

async function failure(promise: Promise<unknown>): Promise<ReboundError> {
  const error = await promise.then(
    () => new Error('expected the call to fail'),
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ReboundError);
  return error as ReboundError;
}

describe('PostgreSQL store', () => {
  let url: string;
  const opened: Store[] = [];
  const open = async (options?: Parameters<typeof createStore>[1]) => {
    const store = await createStore(url, options);
    opened.push(store);
    return store;
  };

  beforeAll(async () => {
    url = await server.createDatabase();
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
  });

  afterAll(async () => {
    await server.dropDatabase(url);
  });

  it('lets several instances migrate one new database at once', async () => {
    const fresh = await server.createDatabase();
    try {
      const stores = await Promise.all([1, 2, 3].map(() => createStore(fresh, { poolSize: 2 })));
      await Promise.all(stores.map((store) => store.close()));
      const versions = await query<{ version: number }>(
        fresh,
        'SELECT version FROM schema_migrations ORDER BY 1',
      );
      expect(versions.map((row) => row.version)).toEqual(
        postgresMigrations.map((migration) => migration.version),
      );
      expect(versions.map((row) => row.version)).toContain(7);
    } finally {
      await server.dropDatabase(fresh);
    }
  });

  it('never gives one follow-up to two workers on separate pools (200 due, SKIP LOCKED)', async () => {
    const [a, b] = await Promise.all([open({ poolSize: 3 }), open({ poolSize: 3 })]);
    const owner = { ...scope, userId: 'U_SKIP_LOCKED' };
    for (let rejection = 0; rejection < 20; rejection += 1) {
      const draft = await a.createDraft(owner, {}, T0);
      const followUps: NewFollowUp[] = Array.from({ length: 10 }, (_, index) => ({
        kind: 'reflect',
        dueAt: new Date(T0.getTime() - rejection * 10 - index),
      }));
      await a.completeRejection(owner, draft.id, {}, followUps, T0);
    }

    // Every worker claims its first batch before any claims a second, so on a busy machine
    // one pool cannot drain all 200 before the other has started.
    let started = 0;
    let allStarted: () => void = () => {};
    const everyoneStarted = new Promise<void>((resolve) => {
      allStarted = resolve;
    });
    const claimUntilEmpty = async (store: Store, worker: string) => {
      const ids: string[] = [];
      for (let first = true; ; first = false) {
        const batch = await store.claimDueFollowUps(T0, { limit: 7, leaseMs: 60_000, owner: worker });
        if (first) {
          started += 1;
          if (started === 4) allStarted();
          await everyoneStarted;
        }
        if (batch.length === 0) return ids;
        ids.push(...batch.map((followUp) => followUp.id));
      }
    };
    const claimed = await Promise.all([
      claimUntilEmpty(a, 'a1'),
      claimUntilEmpty(a, 'a2'),
      claimUntilEmpty(b, 'b1'),
      claimUntilEmpty(b, 'b2'),
    ]);
    const all = claimed.flat();
    expect(all).toHaveLength(200);
    expect(new Set(all).size).toBe(200);
    // Work was really shared between the pools.
    expect((claimed[0]?.length ?? 0) + (claimed[1]?.length ?? 0)).toBeGreaterThan(0);
    expect((claimed[2]?.length ?? 0) + (claimed[3]?.length ?? 0)).toBeGreaterThan(0);
    const attempts = await query<{ attempts: number; n: string }>(
      url,
      `SELECT attempts, count(*) AS n FROM follow_ups WHERE user_id = 'U_SKIP_LOCKED' GROUP BY attempts`,
    );
    expect(attempts).toEqual([{ attempts: 1, n: '200' }]);
  });

  it('lets exactly one of two stores complete a draft they race on', async () => {
    const [a, b] = await Promise.all([open(), open()]);
    const racer = { ...scope, userId: 'U_RACE' };
    for (let round = 0; round < 5; round += 1) {
      const draft = await a.createDraft(racer, {}, T0);
      const followUps: NewFollowUp[] = [{ kind: 'reflect', dueAt: T0 }];
      const outcomes = await Promise.allSettled([
        a.completeRejection(racer, draft.id, {}, followUps, T0),
        b.completeRejection(racer, draft.id, {}, followUps, T0),
      ]);
      const lost = outcomes.filter((outcome) => outcome.status === 'rejected');
      expect(lost).toHaveLength(1);
      expect(lost[0]?.reason).toMatchObject({ code: ErrorCode.StoreConflict });
      expect(await a.listFollowUps(racer, { rejectionId: draft.id })).toHaveLength(1);
    }
  });

  it('claims by range scans of the partial indexes even with many sent follow-ups', async () => {
    await open();
    await query(
      url,
      `INSERT INTO rejections (id, team_id, enterprise_id, user_id, status, step, answers, created_at, updated_at)
         VALUES ('plan', 'T', '', 'U', 'complete', 4, '{}', 0, 0);
       INSERT INTO follow_ups (id, rejection_id, team_id, enterprise_id, user_id, kind, due_at, status, attempts,
           created_at, updated_at)
         SELECT 'plan-' || g, 'plan', 'T', '', 'U', 'reflect', g, CASE WHEN g % 500 = 0 THEN 'pending' ELSE 'sent' END,
           1, 0, 0
         FROM generate_series(1, 50000) AS g;
       ANALYZE follow_ups;`,
    );
    const sql = claimDueSql('FOR UPDATE SKIP LOCKED');
    let index = 0;
    const literal = ['25000', '10', '25000', '10', '10', "'w'", '99999', '25000'];
    const explained = sql.replace(/\?/g, () => literal[index++] ?? 'NULL');
    // Plain EXPLAIN plans the UPDATE without running it.
    const plan = await query<{ 'QUERY PLAN': string }>(url, `EXPLAIN ${explained}`);
    const text = plan.map((row) => row['QUERY PLAN']).join('\n');
    expect(text).toContain('follow_ups_pending_due');
    expect(text).toContain('follow_ups_sending_lease');
    expect(text).not.toContain('Seq Scan');
  });

  it('reports an unreachable server as store_unavailable with host:port, never the password', async () => {
    const port = await freePort();
    const error = await failure(createStore(`postgres://rebound:pw-Sup3r-s3cret@127.0.0.1:${port}/rebound`));
    expect(error.code).toBe(ErrorCode.StoreUnavailable);
    expect(error.message).toContain(`127.0.0.1:${port}`);
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.message).not.toContain('pw-Sup3r-s3cret');
  });

  it('reports a wrong password or a missing database as store_unavailable', async () => {
    const wrongPassword = new URL(url);
    wrongPassword.password = 'definitely-wrong-password';
    const auth = await failure(createStore(wrongPassword.href));
    expect(auth.code).toBe(ErrorCode.StoreUnavailable);
    expect(auth.message).toContain('password authentication failed');
    expect(auth.message).toContain(`${wrongPassword.hostname}:${wrongPassword.port}`);
    expect(auth.message).not.toContain('definitely-wrong-password');

    const missing = await failure(createStore(server.url('rebound_test_missing')));
    expect(missing.code).toBe(ErrorCode.StoreUnavailable);
    expect(missing.message).toContain('does not exist');
  });

  it('turns a connection killed mid-transaction into store_unavailable and rolls it back', async () => {
    const store = await open({ logger: silentLog() });
    const victim = { ...scope, userId: 'U_KILLED' };
    const draft = await store.createDraft(victim, {}, T0);

    // Hold the row so completeRejection waits inside its transaction, then kill its backend.
    const blocker = new pg.Client({ connectionString: url });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('SELECT id FROM rejections WHERE id = $1 FOR UPDATE', [draft.id]);
      // failure() attaches its handler now: the rejection lands while the kill is in flight.
      const completing = failure(
        store.completeRejection(victim, draft.id, {}, [{ kind: 'reflect', dueAt: T0 }], T0),
      );
      await vi.waitFor(async () => {
        const waiting = await blocker.query(
          `SELECT pid FROM pg_stat_activity WHERE application_name = 'rebound' AND wait_event_type = 'Lock'`,
        );
        expect(waiting.rowCount).toBe(1);
      });
      await blocker.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
         WHERE application_name = 'rebound' AND wait_event_type = 'Lock'`,
      );
      expect((await completing).code).toBe(ErrorCode.StoreUnavailable);
      await blocker.query('ROLLBACK');
    } finally {
      await blocker.end();
    }

    expect((await store.getRejection(victim, draft.id))?.status).toBe('draft');
    expect(await store.listFollowUps(victim)).toEqual([]);
    const { rejection } = await store.completeRejection(victim, draft.id, {}, [], T0);
    expect(rejection.status).toBe('complete');
  });

  it('fails with store_unavailable while the server is down and recovers when it is back', async (context) => {
    if (!server.embedded) context.skip();
    const logger = silentLog();
    const store = await open({ logger });
    const draft = await store.createDraft(scope, { company: 'Acme' }, T0);
    await store.ping();

    await server.pause();
    try {
      expect((await failure(store.getRejection(scope, draft.id))).code).toBe(ErrorCode.StoreUnavailable);
      expect((await failure(store.createDraft(scope, {}, T0))).code).toBe(ErrorCode.StoreUnavailable);
      expect((await failure(store.ping())).code).toBe(ErrorCode.StoreUnavailable);
    } finally {
      await server.resume();
    }

    expect(await store.getRejection(scope, draft.id)).toEqual(draft);
    await store.saveDraft(scope, draft.id, 2, { company: 'Acme' }, T0);
    expect(logger.warn).toHaveBeenCalledWith('store: idle PostgreSQL connection lost', { code: '57P01' });
  });
});
