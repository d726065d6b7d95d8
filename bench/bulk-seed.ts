// BENCH-ONLY SEEDING. Writes straight into Rebound's tables through the engine's own
// connection, in a few set-based statements (a recursive CTE on SQLite, generate_series on
// PostgreSQL), because a million rows through the Store API would take minutes. Nothing
// here is how Rebound writes; the schema comes from Rebound's own migrations (the bench
// opens the store with createStore first), and the rows are shaped like the ones it writes.
//
// Row families, each with its own id prefix so the bench can find them again:
//   hist-…   the stored history: 999,000 follow-ups (85% sent, 12% pending in the future,
//            2% failed, 1% cancelled) on 99,900 complete rejections (10 follow-ups each).
//   due-…    1,000 follow-ups due now, for the claim-cost measurement.
//   drain-…  10,000 members, each with one complete rejection and one follow-up due now.
//   profiles of load-test members, so their timezone is cached as after an earlier visit.

import Database from 'better-sqlite3';
import pg from 'pg';
import { ANSWERS } from '../devkit/seed.js';
import type { FollowUp } from '../src/domain/types.js';
import { serializeAnswers } from '../src/store/answers-json.js';
import type { Store } from '../src/store/store.js';

export const TEAM_ID = 'T1';
const DRAIN_ANSWERS = serializeAnswers(ANSWERS);

export interface SeedDb {
  readonly engine: 'sqlite' | 'postgres';
  /** The 1,000 (or `count`) `due-…` follow-ups, pending and due before `now`. */
  seedDue(count: number, now: number): Promise<void>;
  /** `count` `hist-…` follow-ups that are not due: the history a long-lived install keeps. */
  seedHistory(count: number, now: number): Promise<void>;
  /** `count` members `UD00000…` with one complete rejection and one follow-up due before `now`. */
  seedDrain(count: number, now: number): Promise<void>;
  /** Timezone already cached for members `${prefix}000000`…. */
  seedProfiles(prefix: string, count: number, now: number): Promise<void>;
  /**
   * Puts claimed follow-ups back to pending (due as before) between timed claims. SQLite:
   * through the store's own connection (releaseFollowUp), because a write from a second
   * connection would empty the store's page cache, which a running Rebound — the only
   * writer to its file — never sees. PostgreSQL: one UPDATE, then the VACUUM autovacuum
   * would do, so dead row versions do not pile up in the partial index.
   */
  release(claimed: readonly FollowUp[], store: Store): Promise<void>;
  /** Marks every `due-…` follow-up sent, so they play no part in the drain. */
  retireDue(now: number): Promise<void>;
  count(where: string): Promise<number>;
  /** Engine housekeeping a real install's autovacuum would do (PostgreSQL: VACUUM ANALYZE). */
  analyze(): Promise<void>;
  close(): Promise<void>;
}

export function drainUserId(n: number): string {
  return `UD${String(n).padStart(5, '0')}`;
}

export function openSeedDb(engine: 'sqlite' | 'postgres', url: string): Promise<SeedDb> {
  return engine === 'sqlite' ? Promise.resolve(sqliteSeedDb(url)) : postgresSeedDb(url);
}

// --- SQLite ------------------------------------------------------------------------------

const SQLITE_SERIES = 'WITH RECURSIVE seq(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM seq WHERE n + 1 < ?)';

function sqliteSeedDb(path: string): SeedDb {
  const db = new Database(path, { timeout: 10_000 });
  const run = (sql: string, ...params: unknown[]) => db.prepare(sql).run(...params);
  const inTransaction = (work: () => void) => db.transaction(work).immediate();
  return {
    engine: 'sqlite',
    async seedDue(count, now) {
      inTransaction(() => {
        run(
          `INSERT INTO rejections (id, team_id, enterprise_id, user_id, status, step, answers, company, role, stage,
             created_at, updated_at, completed_at)
           VALUES ('due-r', ?, '', 'UDUE', 'complete', 4, '{}', 'Acme', NULL, NULL, ?, ?, ?)`,
          TEAM_ID,
          now - 86_400_000,
          now - 86_400_000,
          now - 86_400_000,
        );
        run(
          `${SQLITE_SERIES}
           INSERT INTO follow_ups (id, rejection_id, team_id, enterprise_id, user_id, kind, due_at, status, attempts,
             created_at, updated_at)
           SELECT printf('due-f-%04d', n), 'due-r', ?, '', 'UDUE', 'reflect', ? - 1000000 + n * 1000, 'pending', 0, ?, ?
           FROM seq`,
          count,
          TEAM_ID,
          now,
          now - 86_400_000,
          now - 86_400_000,
        );
      });
    },
    async seedHistory(count, now) {
      inTransaction(() => {
        run(
          `${SQLITE_SERIES}
           INSERT INTO rejections (id, team_id, enterprise_id, user_id, status, step, answers, company, role, stage,
             created_at, updated_at, completed_at)
           SELECT printf('hist-r-%07d', n), ?, '', printf('UH%06d', n), 'complete', 4, '{}', 'Acme', NULL, NULL,
             ? - n * 60000, ? - n * 60000, ? - n * 60000
           FROM seq`,
          Math.ceil(count / 10),
          TEAM_ID,
          now,
          now,
          now,
        );
        run(
          `${SQLITE_SERIES}
           INSERT INTO follow_ups (id, rejection_id, team_id, enterprise_id, user_id, kind, due_at, status, attempts,
             channel_id, message_ts, last_error, created_at, updated_at, sent_at)
           SELECT printf('hist-f-%07d', n), printf('hist-r-%07d', n / 10), ?, '', printf('UH%06d', n / 10),
             CASE n % 2 WHEN 0 THEN 'reflect' ELSE 'feedback_check' END,
             CASE WHEN n % 100 BETWEEN 85 AND 96 THEN ? + 3600000 + n * 1000 ELSE ? - 86400000 - n * 1000 END,
             CASE WHEN n % 100 < 85 THEN 'sent' WHEN n % 100 < 97 THEN 'pending'
                  WHEN n % 100 < 99 THEN 'failed' ELSE 'cancelled' END,
             CASE WHEN n % 100 < 85 OR n % 100 IN (97, 98) THEN 1 ELSE 0 END,
             CASE WHEN n % 100 < 85 THEN printf('DUH%06d', n / 10) END,
             CASE WHEN n % 100 < 85 THEN printf('%d.000100', (? - 86400000 - n * 1000) / 1000) END,
             CASE WHEN n % 100 IN (97, 98) THEN 'user_not_found' END,
             ? - 172800000 - n * 1000, ? - 86400000 - n * 1000,
             CASE WHEN n % 100 < 85 THEN ? - 86400000 - n * 1000 END
           FROM seq`,
          count,
          TEAM_ID,
          now,
          now,
          now,
          now,
          now,
          now,
        );
      });
    },
    async seedDrain(count, now) {
      inTransaction(() => {
        run(
          `${SQLITE_SERIES}
           INSERT INTO rejections (id, team_id, enterprise_id, user_id, status, step, answers, company, role, stage,
             created_at, updated_at, completed_at)
           SELECT printf('drain-r-%05d', n), ?, '', printf('UD%05d', n), 'complete', 4, ?, ?, ?, ?,
             ? - 3600000, ? - 3600000, ? - 3600000
           FROM seq`,
          count,
          TEAM_ID,
          DRAIN_ANSWERS,
          ANSWERS.company,
          ANSWERS.role,
          ANSWERS.stage,
          now,
          now,
          now,
        );
        run(
          `${SQLITE_SERIES}
           INSERT INTO follow_ups (id, rejection_id, team_id, enterprise_id, user_id, kind, due_at, status, attempts,
             created_at, updated_at)
           SELECT printf('drain-f-%05d', n), printf('drain-r-%05d', n), ?, '', printf('UD%05d', n), 'reflect',
             ? - 60000 + n, 'pending', 0, ? - 3600000, ? - 3600000
           FROM seq`,
          count,
          TEAM_ID,
          now,
          now,
          now,
        );
      });
    },
    async seedProfiles(prefix, count, now) {
      run(
        `${SQLITE_SERIES}
         INSERT INTO user_profiles (team_id, enterprise_id, user_id, tz, tz_fetched_at)
         SELECT ?, '', ? || printf('%06d', n), 'America/New_York', ? FROM seq`,
        count,
        TEAM_ID,
        prefix,
        now,
      );
    },
    async release(claimed, store) {
      for (const followUp of claimed) {
        await store.releaseFollowUp(followUp.id, 'bench-claim', followUp.dueAt, 'bench_reset', new Date());
      }
    },
    async retireDue(now) {
      run(
        `UPDATE follow_ups SET status = 'sent', lease_owner = NULL, lease_until = NULL, sent_at = ?, updated_at = ?
         WHERE id >= 'due-f-' AND id < 'due-f.'`,
        now,
        now,
      );
    },
    async count(where) {
      const row = db.prepare(`SELECT count(*) AS n FROM follow_ups WHERE ${where}`).get() as { n: number };
      return Number(row.n);
    },
    async analyze() {
      // The claim reads two partial indexes SQLite picks by their WHERE clause; no statistics needed.
    },
    async close() {
      db.close();
    },
  };
}

// --- PostgreSQL --------------------------------------------------------------------------

async function postgresSeedDb(url: string): Promise<SeedDb> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const query = (sql: string, params: unknown[] = []) => client.query(sql, params);
  const inTransaction = async (work: () => Promise<void>) => {
    await query('BEGIN');
    try {
      await work();
      await query('COMMIT');
    } catch (error) {
      await query('ROLLBACK');
      throw error;
    }
  };
  return {
    engine: 'postgres',
    async seedDue(count, now) {
      await inTransaction(async () => {
        await query(
          `INSERT INTO rejections (id, team_id, enterprise_id, user_id, status, step, answers, company, role, stage,
             created_at, updated_at, completed_at)
           VALUES ('due-r', $1, '', 'UDUE', 'complete', 4, '{}', 'Acme', NULL, NULL, $2, $2, $2)`,
          [TEAM_ID, now - 86_400_000],
        );
        await query(
          `INSERT INTO follow_ups (id, rejection_id, team_id, enterprise_id, user_id, kind, due_at, status, attempts,
             created_at, updated_at)
           SELECT 'due-f-' || lpad(n::text, 4, '0'), 'due-r', $2, '', 'UDUE', 'reflect', $3::bigint - 1000000 + n * 1000,
             'pending', 0, $3::bigint - 86400000, $3::bigint - 86400000
           FROM generate_series(0::bigint, $1::bigint - 1) AS n`,
          [count, TEAM_ID, now],
        );
      });
    },
    async seedHistory(count, now) {
      await inTransaction(async () => {
        await query(
          `INSERT INTO rejections (id, team_id, enterprise_id, user_id, status, step, answers, company, role, stage,
             created_at, updated_at, completed_at)
           SELECT 'hist-r-' || lpad(n::text, 7, '0'), $2, '', 'UH' || lpad(n::text, 6, '0'), 'complete', 4, '{}',
             'Acme', NULL, NULL, $3::bigint - n * 60000, $3::bigint - n * 60000, $3::bigint - n * 60000
           FROM generate_series(0::bigint, $1::bigint - 1) AS n`,
          [Math.ceil(count / 10), TEAM_ID, now],
        );
        await query(
          `INSERT INTO follow_ups (id, rejection_id, team_id, enterprise_id, user_id, kind, due_at, status, attempts,
             channel_id, message_ts, last_error, created_at, updated_at, sent_at)
           SELECT 'hist-f-' || lpad(n::text, 7, '0'), 'hist-r-' || lpad((n / 10)::text, 7, '0'), $2, '',
             'UH' || lpad((n / 10)::text, 6, '0'),
             CASE n % 2 WHEN 0 THEN 'reflect' ELSE 'feedback_check' END,
             CASE WHEN n % 100 BETWEEN 85 AND 96 THEN $3::bigint + 3600000 + n * 1000
                  ELSE $3::bigint - 86400000 - n * 1000 END,
             CASE WHEN n % 100 < 85 THEN 'sent' WHEN n % 100 < 97 THEN 'pending'
                  WHEN n % 100 < 99 THEN 'failed' ELSE 'cancelled' END,
             CASE WHEN n % 100 < 85 OR n % 100 IN (97, 98) THEN 1 ELSE 0 END,
             CASE WHEN n % 100 < 85 THEN 'DUH' || lpad((n / 10)::text, 6, '0') END,
             CASE WHEN n % 100 < 85 THEN (($3::bigint - 86400000 - n * 1000) / 1000)::text || '.000100' END,
             CASE WHEN n % 100 IN (97, 98) THEN 'user_not_found' END,
             $3::bigint - 172800000 - n * 1000, $3::bigint - 86400000 - n * 1000,
             CASE WHEN n % 100 < 85 THEN $3::bigint - 86400000 - n * 1000 END
           FROM generate_series(0::bigint, $1::bigint - 1) AS n`,
          [count, TEAM_ID, now],
        );
      });
    },
    async seedDrain(count, now) {
      await inTransaction(async () => {
        await query(
          `INSERT INTO rejections (id, team_id, enterprise_id, user_id, status, step, answers, company, role, stage,
             created_at, updated_at, completed_at)
           SELECT 'drain-r-' || lpad(n::text, 5, '0'), $2, '', 'UD' || lpad(n::text, 5, '0'), 'complete', 4,
             $3, $4, $5, $6, $7::bigint - 3600000, $7::bigint - 3600000, $7::bigint - 3600000
           FROM generate_series(0::bigint, $1::bigint - 1) AS n`,
          [count, TEAM_ID, DRAIN_ANSWERS, ANSWERS.company, ANSWERS.role, ANSWERS.stage, now],
        );
        await query(
          `INSERT INTO follow_ups (id, rejection_id, team_id, enterprise_id, user_id, kind, due_at, status, attempts,
             created_at, updated_at)
           SELECT 'drain-f-' || lpad(n::text, 5, '0'), 'drain-r-' || lpad(n::text, 5, '0'), $2, '',
             'UD' || lpad(n::text, 5, '0'), 'reflect', $3::bigint - 60000 + n, 'pending', 0,
             $3::bigint - 3600000, $3::bigint - 3600000
           FROM generate_series(0::bigint, $1::bigint - 1) AS n`,
          [count, TEAM_ID, now],
        );
      });
    },
    async seedProfiles(prefix, count, now) {
      await query(
        `INSERT INTO user_profiles (team_id, enterprise_id, user_id, tz, tz_fetched_at)
         SELECT $2, '', $3 || lpad(n::text, 6, '0'), 'America/New_York', $4 FROM generate_series(0::bigint, $1::bigint - 1) AS n`,
        [count, TEAM_ID, prefix, now],
      );
    },
    async release(claimed) {
      await query(
        `UPDATE follow_ups SET status = 'pending', lease_owner = NULL, lease_until = NULL
         WHERE id = ANY($1::text[])`,
        [claimed.map((followUp) => followUp.id)],
      );
      await query('VACUUM follow_ups');
    },
    async retireDue(now) {
      await query(
        `UPDATE follow_ups SET status = 'sent', lease_owner = NULL, lease_until = NULL, sent_at = $1, updated_at = $1
         WHERE id LIKE 'due-f-%'`,
        [now],
      );
    },
    async count(where) {
      const result = await query(`SELECT count(*)::int AS n FROM follow_ups WHERE ${where}`);
      return Number(result.rows[0]?.n ?? 0);
    },
    async analyze() {
      await query('VACUUM ANALYZE follow_ups');
      await query('ANALYZE rejections');
    },
    async close() {
      await client.end();
    },
  };
}
