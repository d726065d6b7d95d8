// DATABASE_URL → which engine, and where. Also a password-free description for logs and
// error messages: descriptions never include a password or query string (which may hold one).

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ErrorCode, ReboundError } from '../errors.js';

export const DEFAULT_SQLITE_PATH = './data/rebound.sqlite';

export interface SqliteTarget {
  engine: 'sqlite';
  /** Absolute file path, or ':memory:'. */
  path: string;
}

export interface PostgresTarget {
  engine: 'postgres';
  /** The URL as given, for pg (it still holds the password). */
  url: string;
  host: string;
  port: number;
  database: string;
  user: string | null;
  /** Kept only so error text can be scrubbed of it. */
  password: string | null;
}

export type DatabaseTarget = SqliteTarget | PostgresTarget;

/**
 * `postgres://` / `postgresql://` → PostgreSQL; a path or `file:` URL → SQLite file; empty →
 * ./data/rebound.sqlite; `:memory:` → in-memory SQLite (tests). Anything else is a config error.
 */
export function parseDatabaseUrl(databaseUrl: string | undefined): DatabaseTarget {
  const value = databaseUrl?.trim() ?? '';
  if (value === '') return sqliteFile(DEFAULT_SQLITE_PATH);
  if (value === ':memory:' || value === 'file::memory:') return { engine: 'sqlite', path: ':memory:' };
  if (/^postgres(ql)?:\/\//i.test(value)) return postgresTarget(value);
  if (/^file:/i.test(value)) return sqliteFile(filePathOf(value));
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(value)?.[1];
  if (scheme) {
    throw new ReboundError(
      ErrorCode.ConfigInvalid,
      `DATABASE_URL scheme "${scheme}" is not supported: use postgres://, postgresql://, a file path or a file: URL`,
    );
  }
  return sqliteFile(value);
}

/** e.g. `postgres rebound@db.internal:5432/rebound` or `sqlite /srv/rebound/data/rebound.sqlite`. */
export function describeDatabaseUrl(databaseUrl: string | undefined): string {
  try {
    return describeTarget(parseDatabaseUrl(databaseUrl));
  } catch {
    return /^postgres(ql)?:/i.test(databaseUrl?.trim() ?? '')
      ? 'postgres (malformed URL)'
      : 'unsupported database URL';
  }
}

export function describeTarget(target: DatabaseTarget): string {
  if (target.engine === 'sqlite') return `sqlite ${target.path}`;
  return `postgres ${target.user ? `${target.user}@` : ''}${target.host}:${target.port}/${target.database}`;
}

function sqliteFile(filePath: string): SqliteTarget {
  return { engine: 'sqlite', path: path.resolve(filePath) };
}

/** `file:///abs/x.sqlite` is a real file URL; `file:data/x.sqlite` (SQLite/Prisma style) is relative. */
function filePathOf(value: string): string {
  const withoutQuery = value.replace(/[?#].*$/, '');
  if (/^file:\/\//i.test(withoutQuery)) return fileURLToPath(withoutQuery);
  return decodeURIComponent(withoutQuery.slice('file:'.length));
}

function postgresTarget(value: string): PostgresTarget {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    // No cause: Node's URL error carries the input, password included.
    throw new ReboundError(ErrorCode.ConfigInvalid, 'DATABASE_URL is not a valid PostgreSQL URL');
  }
  const query = url.searchParams;
  const user = decodeURIComponent(url.username) || query.get('user') || null;
  return {
    engine: 'postgres',
    url: value,
    host: url.hostname || query.get('host') || 'localhost',
    port: Number(url.port || query.get('port') || 5432),
    database: decodeURIComponent(url.pathname.slice(1)) || query.get('dbname') || user || 'postgres',
    user,
    password: decodeURIComponent(url.password) || query.get('password') || null,
  };
}
