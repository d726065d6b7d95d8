// Starts what the whole test run shares: one PostgreSQL server (embedded, or the one
// TEST_DATABASE_URL names), so test files only create databases on it instead of each
// starting a server of its own. Test files reach it through engines.ts.

import type { TestProject } from 'vitest/node';
import { startTestPostgres } from '../../devkit/postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Maintenance-database URL of the run's shared PostgreSQL server. */
    testPostgresUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startTestPostgres();
  project.provide('testPostgresUrl', server.url());
  return () => server.stop();
}
