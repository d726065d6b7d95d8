// The store engines the end-to-end and job tests run on: the zero-setup SQLite default and
// PostgreSQL (a database on the run's shared server, see global-setup.ts). Parameterise a
// suite with `describe.each(engines)('… on $name', (engine) => …)` and ask
// `engine.databaseUrl()` — in beforeEach or in the test — for a fresh, empty database; it is
// removed when the test finishes.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject, onTestFinished } from 'vitest';
import { connectTestPostgres, type TestPostgres } from '../../devkit/postgres.js';

export interface Engine {
  readonly name: 'sqlite' | 'postgres';
  /** A fresh, empty database for the current test, as a DATABASE_URL. */
  databaseUrl(): Promise<string>;
}

export const sqlite: Engine = {
  name: 'sqlite',
  async databaseUrl() {
    const dir = await mkdtemp(join(tmpdir(), 'rebound-sqlite-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    return join(dir, 'rebound.sqlite');
  },
};

let shared: TestPostgres | undefined;

/**
 * The run's shared PostgreSQL server. Other test files use it at the same time: create a
 * database of your own, and never pause it (startTestPostgres() gives a server of your own).
 */
export function sharedTestPostgres(): TestPostgres {
  shared ??= connectTestPostgres(inject('testPostgresUrl'));
  return shared;
}

export const postgres: Engine = {
  name: 'postgres',
  async databaseUrl() {
    const server = sharedTestPostgres();
    const url = await server.createDatabase();
    onTestFinished(() => server.dropDatabase(url));
    return url;
  },
};

export const engines: readonly Engine[] = [sqlite, postgres];
