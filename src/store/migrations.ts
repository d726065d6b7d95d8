// Schema migrations: each engine keeps its own ordered list of versioned SQL steps
// (sqlite/migrations.ts, postgres/migrations.ts); applying them is shared. The whole run is
// one transaction, recorded in `schema_migrations`, so a failed step leaves nothing behind
// and a second run applies nothing.

import { ErrorCode, isReboundError, ReboundError } from '../errors.js';
import type { Operation, SqlDialect } from './driver.js';

export interface Migration {
  /** Strictly increasing, never reused or edited once released. */
  version: number;
  /** snake_case summary, recorded alongside the version. */
  name: string;
  sql: string;
}

export interface MigrationResult {
  applied: Migration[];
  /** Versions the database has but this code does not know (a newer release migrated it). */
  unknown: number[];
}

export function* migrateOperation(dialect: SqlDialect, appliedAt: number): Operation<MigrationResult> {
  assertOrdered(dialect.migrations);
  if (dialect.migrationLock) yield { sql: dialect.migrationLock };
  yield { sql: dialect.migrationsTable, script: true };
  const rows = yield { sql: 'SELECT version FROM schema_migrations ORDER BY version' };
  const recorded = new Set(rows.map((row) => Number(row.version)));
  const known = new Set(dialect.migrations.map((migration) => migration.version));
  const pending = dialect.migrations.filter((migration) => !recorded.has(migration.version));
  for (const migration of pending) {
    try {
      yield { sql: migration.sql, script: true };
      yield {
        sql: 'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
        params: [migration.version, migration.name, appliedAt],
      };
    } catch (error) {
      if (isReboundError(error, ErrorCode.StoreUnavailable)) throw error;
      throw new ReboundError(
        ErrorCode.StoreMigrationFailed,
        `${dialect.engine} migration ${migration.version} (${migration.name}) failed`,
        { cause: error },
      );
    }
  }
  return { applied: pending, unknown: [...recorded].filter((version) => !known.has(version)) };
}

function assertOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    const previous = migrations[index - 1];
    if (previous && migration.version <= previous.version) {
      throw new ReboundError(
        ErrorCode.StoreMigrationFailed,
        `migration ${migration.version} is listed after ${previous.version}; versions must increase`,
      );
    }
  });
}
