// SQLite through better-sqlite3. Its API is synchronous: an operation runs start to finish
// inside one call, so no other store call can interleave with a transaction. Write
// transactions begin IMMEDIATE, taking the write lock up front, so two connections to one
// file queue on busy_timeout instead of failing on a read-to-write upgrade.

import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ErrorCode, ReboundError } from '../../errors.js';
import type { Operation, Row, RunOptions, SqlDialect, SqlDriver, SqlStatement } from '../driver.js';
import { runOperationSync } from '../driver.js';
import { sqliteMigrations, sqliteMigrationsTable } from './migrations.js';
import { sqliteError, storeClosed } from './sqlite-errors.js';

export const sqliteDialect: SqlDialect = {
  engine: 'sqlite',
  // One writer at a time already: a claim's single UPDATE cannot overlap another's.
  claimLock: '',
  migrationsTable: sqliteMigrationsTable,
  // BEGIN IMMEDIATE serialises concurrent migrations.
  migrationLock: null,
  migrations: sqliteMigrations,
};

/** How long a write waits for another connection's lock before giving up. */
const BUSY_TIMEOUT_MS = 5_000;

export function openSqliteDriver(filePath: string, description: string): SqliteDriver {
  try {
    if (filePath !== ':memory:') createPrivately(filePath);
    const db = new Database(filePath, { timeout: BUSY_TIMEOUT_MS });
    if (filePath !== ':memory:') db.pragma('journal_mode = WAL');
    // WAL makes NORMAL durable against app crashes; only an OS crash can lose the last commits.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    return new SqliteDriver(db, description);
  } catch (error) {
    throw new ReboundError(ErrorCode.StoreUnavailable, `cannot open ${description}: ${reason(error)}`, {
      cause: error,
    });
  }
}

/**
 * The database holds what people wrote: a folder Rebound creates is 0700 and a file it creates
 * 0600 (a umask can only narrow that). Existing ones are left as their owner set them.
 */
function createPrivately(filePath: string): void {
  const folder = path.dirname(filePath);
  if (!existsSync(folder)) mkdirSync(folder, { recursive: true, mode: 0o700 });
  if (!existsSync(filePath)) closeSync(openSync(filePath, 'a', 0o600));
}

export class SqliteDriver implements SqlDriver {
  readonly dialect = sqliteDialect;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    private readonly db: Database.Database,
    private readonly description: string,
  ) {}

  async run<T>(operation: Operation<T>, options: RunOptions = {}): Promise<T> {
    if (!this.db.open) throw storeClosed(this.description);
    const work = () => runOperationSync(operation, (statement) => this.execute(statement));
    try {
      return options.transaction ? this.db.transaction(work).immediate() : work();
    } catch (error) {
      throw sqliteError(error, this.description);
    }
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  private execute(statement: SqlStatement): Row[] {
    try {
      if (statement.script) {
        this.db.exec(statement.sql);
        return [];
      }
      const prepared = this.prepare(statement.sql);
      const params = statement.params ?? [];
      if (prepared.reader) return prepared.all(...params) as Row[];
      prepared.run(...params);
      return [];
    } catch (error) {
      throw sqliteError(error, this.description);
    }
  }

  private prepare(sql: string): Database.Statement {
    let prepared = this.statements.get(sql);
    if (!prepared) {
      prepared = this.db.prepare(sql);
      this.statements.set(sql, prepared);
    }
    return prepared;
  }
}

function reason(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.message : String(error);
}
