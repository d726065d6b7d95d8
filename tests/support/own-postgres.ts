// For a test file that stops and starts PostgreSQL: a server of its own (the run's shared one
// must never pause), a fresh database for each test, dropped after it. Where the server is
// TEST_DATABASE_URL's, which we cannot stop, each test is skipped. Call once, at the top of
// the file, before the file's own hooks: its clean-up then runs after theirs.

import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { startTestPostgres, type TestPostgres } from '../../devkit/postgres.js';

export interface OwnPostgres {
  readonly server: TestPostgres;
  /** This test's database. */
  readonly url: string;
}

export function ownPostgresPerTest(): OwnPostgres {
  let server: TestPostgres | undefined;
  let url: string | undefined;
  beforeAll(async () => {
    server = await startTestPostgres();
  });
  afterAll(async () => {
    await server?.stop();
  });
  beforeEach(async (context) => {
    if (!server?.embedded) context.skip();
    url = await (server as TestPostgres).createDatabase();
  });
  afterEach(async () => {
    if (url) await server?.dropDatabase(url);
    url = undefined;
  });
  return {
    get server() {
      if (!server) throw new Error('The PostgreSQL server is not started yet');
      return server;
    },
    get url() {
      if (!url) throw new Error('No database outside a test');
      return url;
    },
  };
}
