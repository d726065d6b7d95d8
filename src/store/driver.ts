// What the shared store logic needs from an engine, and nothing more.
//
// Each store method is written once, in ops/, as an *operation*: a generator that yields
// SQL statements and receives their rows back. An engine's driver runs it on one
// connection — synchronously inside a better-sqlite3 transaction, or asynchronously on a
// pooled pg client — so the two engines share every query and rule, not just a shape.

import type { Migration } from './migrations.js';

export type Row = Record<string, unknown>;

export interface SqlStatement {
  /** SQL with `?` placeholders (the PostgreSQL driver numbers them). */
  sql: string;
  params?: readonly unknown[];
  /** Several `;`-separated statements without parameters or rows (migration steps). */
  script?: boolean;
}

export type Operation<T> = Generator<SqlStatement, T, Row[]>;

/** Where the SQL of the two engines differs. */
export interface SqlDialect {
  readonly engine: 'sqlite' | 'postgres';
  /** Appended to the due-follow-up selects so concurrent claimers skip each other's rows. */
  readonly claimLock: string;
  /** Creates `schema_migrations` if missing. */
  readonly migrationsTable: string;
  /** Serialises concurrent `migrate()` calls across instances, if the engine needs it. */
  readonly migrationLock: string | null;
  readonly migrations: readonly Migration[];
}

export interface RunOptions {
  transaction?: boolean;
  /**
   * Long-running work (migrations, which may wait for another instance's lock) opts out of
   * the per-statement timeout that keeps requests inside Slack's 3 seconds.
   */
  unbounded?: boolean;
}

export interface SqlDriver {
  readonly dialect: SqlDialect;
  /**
   * Runs an operation on one connection. With `transaction` its statements commit together
   * (and a thrown error rolls them back); without, each statement commits on its own.
   * Engine failures surface as ReboundError (`store_unavailable` when the database is gone).
   */
  run<T>(operation: Operation<T>, options?: RunOptions): Promise<T>;
  close(): Promise<void>;
}

// Both runners throw a failed statement's error back into the operation, so an operation
// may add context (e.g. which migration failed) before it propagates.

/** Drives an operation whose statements execute synchronously (better-sqlite3). */
export function runOperationSync<T>(operation: Operation<T>, execute: (statement: SqlStatement) => Row[]): T {
  let step = operation.next();
  while (!step.done) {
    let rows: Row[];
    try {
      rows = execute(step.value);
    } catch (error) {
      step = operation.throw(error);
      continue;
    }
    step = operation.next(rows);
  }
  return step.value;
}

/** Drives an operation whose statements execute asynchronously (pg). */
export async function runOperation<T>(
  operation: Operation<T>,
  execute: (statement: SqlStatement) => Promise<Row[]>,
): Promise<T> {
  let step = operation.next();
  while (!step.done) {
    let rows: Row[];
    try {
      rows = await execute(step.value);
    } catch (error) {
      step = operation.throw(error);
      continue;
    }
    step = operation.next(rows);
  }
  return step.value;
}
