// Which engine and location a DATABASE_URL names, and how it is described without secrets.

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorCode, ReboundError } from '../../src/errors.js';
import { DEFAULT_SQLITE_PATH, describeDatabaseUrl, parseDatabaseUrl } from '../../src/store/database-url.js';

describe('parseDatabaseUrl', () => {
  it('reads postgres:// and postgresql:// URLs, with defaults for port and database', () => {
    expect(parseDatabaseUrl('postgres://app:pw@db.internal:6543/rebound')).toMatchObject({
      engine: 'postgres',
      host: 'db.internal',
      port: 6543,
      database: 'rebound',
      user: 'app',
      password: 'pw',
    });
    expect(parseDatabaseUrl('POSTGRESQL://app@db.internal')).toMatchObject({
      engine: 'postgres',
      port: 5432,
      database: 'app',
    });
  });

  it('maps empty to the default file, and paths and file: URLs to absolute SQLite paths', () => {
    const defaultPath = path.resolve(DEFAULT_SQLITE_PATH);
    expect(parseDatabaseUrl(undefined)).toEqual({ engine: 'sqlite', path: defaultPath });
    expect(parseDatabaseUrl('')).toEqual({ engine: 'sqlite', path: defaultPath });
    expect(parseDatabaseUrl(':memory:')).toEqual({ engine: 'sqlite', path: ':memory:' });
    expect(parseDatabaseUrl('var/x.sqlite')).toEqual({
      engine: 'sqlite',
      path: path.resolve('var/x.sqlite'),
    });
    expect(parseDatabaseUrl('file:var/x.sqlite?mode=rwc')).toEqual({
      engine: 'sqlite',
      path: path.resolve('var/x.sqlite'),
    });
    expect(parseDatabaseUrl('file:///srv/my%20data/x.sqlite')).toEqual({
      engine: 'sqlite',
      path: '/srv/my data/x.sqlite',
    });
  });

  it('rejects other schemes and malformed PostgreSQL URLs without echoing them', () => {
    for (const url of ['mysql://u:topsecret@h/db', 'postgres://u:topsecret@[bad/db']) {
      let error: unknown;
      try {
        parseDatabaseUrl(url);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ReboundError);
      expect((error as ReboundError).code).toBe(ErrorCode.ConfigInvalid);
      expect((error as ReboundError).message).not.toContain('topsecret');
      expect((error as ReboundError).cause).toBeUndefined();
    }
  });
});

describe('describeDatabaseUrl', () => {
  it('names engine, user, host, port and database, never a password or query', () => {
    const description = describeDatabaseUrl(
      'postgres://app:hunter2@db.internal:6543/rebound?sslmode=require&password=other-secret',
    );
    expect(description).toBe('postgres app@db.internal:6543/rebound');
    expect(description).not.toContain('hunter2');
    expect(description).not.toContain('other-secret');
  });

  it('describes SQLite by its absolute path', () => {
    expect(describeDatabaseUrl(undefined)).toBe(`sqlite ${path.resolve(DEFAULT_SQLITE_PATH)}`);
    expect(describeDatabaseUrl(':memory:')).toBe('sqlite :memory:');
  });

  it('never throws, even for URLs it cannot parse', () => {
    expect(describeDatabaseUrl('postgres://u:topsecret@[bad/db')).toBe('postgres (malformed URL)');
    expect(describeDatabaseUrl('mysql://u:topsecret@h/db')).toBe('unsupported database URL');
  });
});
