// Opens the store DATABASE_URL names — PostgreSQL for postgres:// URLs, SQLite otherwise —
// and brings its schema up to date before anyone uses it.

import type { DatabaseTarget } from './database-url.js';
import { describeTarget, parseDatabaseUrl } from './database-url.js';
import type { SqlDriver } from './driver.js';
import type { PostgresPoolOptions } from './postgres/postgres-driver.js';
import { createRowSealer, type TextCipher } from './row-sealer.js';
import { SqlStore } from './sql-store.js';
import { openSqliteDriver } from './sqlite/sqlite-driver.js';
import type { Store } from './store.js';
import { type StoreLogger, silentLogger } from './store-logger.js';

export { DEFAULT_SQLITE_PATH, describeDatabaseUrl } from './database-url.js';
export type { TextCipher } from './row-sealer.js';
export type { StoreLogger } from './store-logger.js';

export interface CreateStoreOptions extends PostgresPoolOptions {
  logger?: StoreLogger;
  /** Seals what people type (TOKEN_ENCRYPTION_KEY's cipher); without one it is stored plain. */
  cipher?: TextCipher | null;
}

/**
 * Throws ReboundError `config_invalid` for an unsupported URL, `store_unavailable` when the
 * database cannot be reached (the message names host:port or path, never a password), or
 * `store_migration_failed`.
 */
export async function createStore(
  databaseUrl: string | undefined,
  options: CreateStoreOptions = {},
): Promise<Store> {
  const logger = options.logger ?? silentLogger;
  const target = parseDatabaseUrl(databaseUrl);
  const store = new SqlStore(
    await openDriver(target, logger, options),
    logger,
    createRowSealer(options.cipher ?? null),
  );
  try {
    await store.migrate();
  } catch (error) {
    await store.close().catch((closeError: unknown) => {
      logger.warn('store: close after failed start failed', { code: codeOf(closeError) });
    });
    throw error;
  }
  logger.info('store: ready', { database: describeTarget(target) });
  return store;
}

async function openDriver(
  target: DatabaseTarget,
  logger: StoreLogger,
  options: PostgresPoolOptions,
): Promise<SqlDriver> {
  if (target.engine === 'sqlite') return openSqliteDriver(target.path, describeTarget(target));
  // Loaded only when used: `pg` takes about a fifth of a SQLite start-up to import.
  const { createPostgresDriver } = await import('./postgres/postgres-driver.js');
  return createPostgresDriver(target, logger, options);
}

function codeOf(error: unknown): unknown {
  return (error as { code?: unknown } | null)?.code ?? null;
}
