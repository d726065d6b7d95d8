// A whole workspace's history written straight into Rebound's tables, set-based (a recursive
// CTE on SQLite, generate_series on PostgreSQL): 100,000 rows through the Store API would take
// minutes. For tests of what happens to a big workspace (the retention purge). The schema is
// Rebound's own (open the store with createStore first); the rows are shaped like its own.
//
// `records` is split evenly over the four tables the purge deletes: rejections (complete),
// one entry and one sent follow-up per rejection, and one profile per member.

import Database from 'better-sqlite3';
import pg from 'pg';
import { serializeAnswers } from '../src/store/answers-json.js';
import { ANSWERS } from './seed.js';

const TABLES = ['rejections', 'rejection_entries', 'follow_ups', 'user_profiles'] as const;

/** Writes `records` rows of workspace `teamId` (ids prefixed `${teamId}-`); returns how many. */
export async function seedTeamHistory(
  engine: 'sqlite' | 'postgres',
  url: string,
  teamId: string,
  records: number,
  now: Date,
): Promise<number> {
  const perTable = Math.floor(records / TABLES.length);
  const at = now.getTime();
  const answers = serializeAnswers(ANSWERS);
  if (engine === 'sqlite') {
    const db = new Database(url, { timeout: 10_000 });
    try {
      const series = 'WITH RECURSIVE seq(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM seq WHERE n + 1 < ?)';
      db.transaction(() => {
        db.prepare(
          `${series} INSERT INTO rejections (id, team_id, enterprise_id, user_id, status, step, answers, company, role,
             stage, created_at, updated_at, completed_at)
           SELECT ? || '-r-' || n, ?, '', ? || '-U' || n, 'complete', 4, ?, 'Acme', 'Designer', 'final_round', ?, ?, ?
           FROM seq`,
        ).run(perTable, teamId, teamId, teamId, answers, at, at, at);
        db.prepare(
          `${series} INSERT INTO rejection_entries (id, rejection_id, team_id, enterprise_id, user_id, kind, data, created_at)
           SELECT ? || '-e-' || n, ? || '-r-' || n, ?, '', ? || '-U' || n, 'feedback', '{"kind":"feedback","received":false,"text":null}', ? FROM seq`,
        ).run(perTable, teamId, teamId, teamId, teamId, at);
        db.prepare(
          `${series} INSERT INTO follow_ups (id, rejection_id, team_id, enterprise_id, user_id, kind, due_at, status,
             attempts, channel_id, message_ts, created_at, updated_at, sent_at)
           SELECT ? || '-f-' || n, ? || '-r-' || n, ?, '', ? || '-U' || n, 'reflect', ?, 'sent', 1, 'D' || n, '1.000100',
             ?, ?, ? FROM seq`,
        ).run(perTable, teamId, teamId, teamId, teamId, at, at, at, at);
        db.prepare(
          `${series} INSERT INTO user_profiles (team_id, enterprise_id, user_id, tz, tz_fetched_at)
           SELECT ?, '', ? || '-U' || n, 'Europe/Berlin', ? FROM seq`,
        ).run(perTable, teamId, teamId, at);
      }).immediate();
    } finally {
      db.close();
    }
  } else {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('BEGIN');
      const n = 'generate_series(0, $1::int - 1) AS n';
      await client.query(
        `INSERT INTO rejections (id, team_id, enterprise_id, user_id, status, step, answers, company, role, stage,
           created_at, updated_at, completed_at)
         SELECT $2 || '-r-' || n, $2, '', $2 || '-U' || n, 'complete', 4, $3, 'Acme', 'Designer', 'final_round', $4, $4, $4
         FROM ${n}`,
        [perTable, teamId, answers, at],
      );
      await client.query(
        `INSERT INTO rejection_entries (id, rejection_id, team_id, enterprise_id, user_id, kind, data, created_at)
         SELECT $2 || '-e-' || n, $2 || '-r-' || n, $2, '', $2 || '-U' || n, 'feedback', '{"kind":"feedback","received":false,"text":null}', $3
         FROM ${n}`,
        [perTable, teamId, at],
      );
      await client.query(
        `INSERT INTO follow_ups (id, rejection_id, team_id, enterprise_id, user_id, kind, due_at, status, attempts,
           channel_id, message_ts, created_at, updated_at, sent_at)
         SELECT $2 || '-f-' || n, $2 || '-r-' || n, $2, '', $2 || '-U' || n, 'reflect', $3, 'sent', 1, 'D' || n,
           '1.000100', $3, $3, $3
         FROM ${n}`,
        [perTable, teamId, at],
      );
      await client.query(
        `INSERT INTO user_profiles (team_id, enterprise_id, user_id, tz, tz_fetched_at)
         SELECT $2, '', $2 || '-U' || n, 'Europe/Berlin', $3 FROM ${n}`,
        [perTable, teamId, at],
      );
      await client.query('COMMIT');
      await client.query('ANALYZE');
    } finally {
      await client.end();
    }
  }
  return perTable * TABLES.length;
}

/** How many rows of workspace `teamId` the four tables hold. */
export async function countTeamRows(
  engine: 'sqlite' | 'postgres',
  url: string,
  teamId: string,
): Promise<number> {
  const sql = TABLES.map(
    (table) => `(SELECT COUNT(*) FROM ${table} WHERE team_id = '${teamId.replace(/'/g, "''")}')`,
  ).join(' + ');
  if (engine === 'sqlite') {
    const db = new Database(url, { readonly: true, timeout: 10_000 });
    try {
      return Number((db.prepare(`SELECT ${sql} AS n`).get() as { n: number }).n);
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query(`SELECT ${sql} AS n`)).rows[0].n);
  } finally {
    await client.end();
  }
}
