// PostgreSQL through a pg Pool. An operation runs on one pooled client; a transaction is
// BEGIN … COMMIT on it (ROLLBACK on any error). A client whose connection failed is
// destroyed rather than returned, and idle clients that die (server restart) are dropped by
// the pool, so the store recovers on its own once the server is back.

import pg from 'pg';
import { ErrorCode, ReboundError } from '../../errors.js';
import type { PostgresTarget } from '../database-url.js';
import type { Operation, Row, RunOptions, SqlDialect, SqlDriver, SqlStatement } from '../driver.js';
import { runOperation } from '../driver.js';
import type { StoreLogger } from '../store-logger.js';
import { postgresMigrationLock, postgresMigrations, postgresMigrationsTable } from './migrations.js';
import { connectFailed, isPostgresUnavailable, postgresError } from './postgres-errors.js';

export const postgresDialect: SqlDialect = {
  engine: 'postgres',
  claimLock: 'FOR UPDATE SKIP LOCKED',
  migrationsTable: postgresMigrationsTable,
  migrationLock: postgresMigrationLock,
  migrations: postgresMigrations,
};

export interface PostgresPoolOptions {
  /** Most connections held open (default 10). */
  poolSize?: number;
  /** How long a call waits for a connection before `store_unavailable` (default 2 s). */
  connectTimeoutMs?: number;
  /**
   * Longest a statement may take before `store_unavailable` (default 2.5 s). A database that
   * hangs instead of refusing (a partition, a frozen host) must not hold a request past
   * Slack's 3-second deadline, nor hang /healthz. The server's own statement_timeout and
   * lock_timeout are half a second shorter, so a statement that runs long is cancelled by
   * the server (`store_busy`) before we stop waiting, and cannot commit behind our back.
   */
  statementTimeoutMs?: number;
}

/** How much sooner the server cancels a statement than the client stops waiting for it. */
const SERVER_TIMEOUT_MARGIN_MS = 500;

export function createPostgresDriver(
  target: PostgresTarget,
  logger: StoreLogger,
  options: PostgresPoolOptions = {},
): PostgresDriver {
  const clientTimeoutMs = options.statementTimeoutMs ?? 2_500;
  const serverTimeoutMs = Math.max(100, clientTimeoutMs - SERVER_TIMEOUT_MARGIN_MS);
  const pool = new pg.Pool({
    connectionString: target.url,
    statement_timeout: serverTimeoutMs,
    lock_timeout: serverTimeoutMs,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 2_000,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
    application_name: 'rebound',
  });
  // Without a listener, an idle client dying (server restart, network blip) would crash the
  // process. The pool has already dropped that client; new ones connect on demand.
  pool.on('error', (error) => {
    logger.warn('store: idle PostgreSQL connection lost', {
      code: (error as { code?: unknown }).code ?? null,
    });
  });
  return new PostgresDriver(pool, target, logger, clientTimeoutMs);
}

export class PostgresDriver implements SqlDriver {
  readonly dialect = postgresDialect;
  private closed = false;
  private readonly numbered = new Map<string, string>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly target: PostgresTarget,
    private readonly logger: StoreLogger,
    private readonly statementTimeoutMs: number,
  ) {}

  async run<T>(operation: Operation<T>, options: RunOptions = {}): Promise<T> {
    const timeoutMs = options.unbounded ? undefined : this.statementTimeoutMs;
    const client = await this.connect();
    // Handed to release(): a client whose connection failed is destroyed, not reused.
    let broken: Error | undefined;
    // The pool stops listening while a client is checked out; a connection dying between
    // two statements would otherwise be an unhandled 'error' event.
    const onConnectionError = (error: Error) => {
      broken = error;
    };
    client.on('error', onConnectionError);
    try {
      if (options.unbounded) {
        // Migrations may wait for another instance's lock as long as it takes. The session
        // keeps these settings, so its connection is discarded afterwards.
        await this.execute(client, { sql: 'SET statement_timeout = 0' });
        await this.execute(client, { sql: 'SET lock_timeout = 0' });
        broken = new Error('session without timeouts: not reused');
      }
      if (options.transaction) await this.execute(client, { sql: 'BEGIN' }, timeoutMs);
      const result = await runOperation(operation, (statement) => this.execute(client, statement, timeoutMs));
      if (options.transaction) await this.execute(client, { sql: 'COMMIT' }, timeoutMs);
      return result;
    } catch (error) {
      if (isPostgresUnavailable(error)) broken ??= error as Error;
      // A dead connection has no transaction left to roll back.
      if (options.transaction && !broken) broken = await this.rollback(client);
      throw error;
    } finally {
      client.removeListener('error', onConnectionError);
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  private async connect(): Promise<pg.PoolClient> {
    if (this.closed) {
      throw new ReboundError(ErrorCode.StoreUnavailable, 'PostgreSQL store is closed');
    }
    try {
      return await this.pool.connect();
    } catch (error) {
      throw connectFailed(error, this.target);
    }
  }

  private async execute(client: pg.PoolClient, statement: SqlStatement, timeoutMs?: number): Promise<Row[]> {
    // pg's client-side query_timeout: on expiry the call fails with "Query read timeout" and
    // the connection is discarded (see isPostgresUnavailable), since its state is unknown.
    const timeout = timeoutMs === undefined ? {} : { query_timeout: timeoutMs };
    try {
      if (statement.script) {
        // No parameters: pg sends it as a simple query, which may hold several statements.
        await client.query({ text: statement.sql, ...timeout });
        return [];
      }
      const result = await client.query({
        text: this.toNumbered(statement.sql),
        values: statement.params as unknown[],
        ...timeout,
      });
      return result.rows as Row[];
    } catch (error) {
      throw postgresError(error, this.target);
    }
  }

  /** Returns the error if ROLLBACK itself failed, so the client is discarded. */
  private async rollback(client: pg.PoolClient): Promise<Error | undefined> {
    try {
      await client.query('ROLLBACK');
      return undefined;
    } catch (error) {
      // The caller rethrows the error that caused the rollback; record this one here.
      this.logger.warn('store: PostgreSQL rollback failed; dropping the connection', {
        code: (error as { code?: unknown }).code ?? null,
      });
      return error as Error;
    }
  }

  /** Shared SQL uses `?`; pg wants `$1, $2, …`. (No shared statement has `?` in a literal.) */
  private toNumbered(sql: string): string {
    let numbered = this.numbered.get(sql);
    if (numbered === undefined) {
      let index = 0;
      numbered = sql.replace(/\?/g, () => `$${++index}`);
      this.numbered.set(sql, numbered);
    }
    return numbered;
  }
}
