// The follow-up figures on one engine: what a tick's claim costs with 1,000 follow-ups
// stored and with 1,000,000 (1,000 due in both), then 10,000 due drained by Rebound in its
// own process against the emulator, on the 1,000,000-row database.

import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { startTestPostgres, type TestPostgres } from '../devkit/postgres.js';
import { createStore } from '../src/store/index.js';
import type { Store } from '../src/store/store.js';
import { type AppProcess, startApp } from './app-process.js';
import { openSeedDb, type SeedDb } from './bulk-seed.js';
import { onAbort } from './cleanup.js';
import { startEmulator } from './emulator.js';
import { type ClaimCost, measureClaimCosts } from './follow-up-claim.js';
import { type DrainResult, drainFollowUps } from './follow-up-drain.js';
import { progress, round } from './stats.js';

export const STORED_SMALL = 1_000;
export const STORED_LARGE = 1_000_000;
export const DUE = 1_000;
export const DRAIN = 10_000;

export interface FollowUpResult {
  engine: 'sqlite' | 'postgres';
  claim: { small: ClaimCost; large: ClaimCost; ratio: number };
  seedSeconds: number;
  drain: DrainResult;
  /** Rebound's start-up on the 1,000,000-row database (migrations check included). */
  startupMs: number;
}

export async function followUpPhase(input: {
  engine: 'sqlite' | 'postgres';
  tempDir: string;
  claimRuns: number;
}): Promise<FollowUpResult> {
  const { engine } = input;
  let postgres: TestPostgres | undefined;
  const stores: Store[] = [];
  const seeds: SeedDb[] = [];
  let app: AppProcess | undefined;
  let forget = () => {};
  const emu = await startEmulator();
  try {
    if (engine === 'postgres') {
      progress('postgres: starting an embedded PostgreSQL (devkit/postgres.ts)');
      postgres = await startTestPostgres();
      const server = postgres;
      forget = onAbort(() => server.stop());
    }
    const newDatabase = async (name: string) =>
      postgres ? postgres.createDatabase() : join(input.tempDir, `${name}.sqlite`);
    const urls = { small: await newDatabase('claim-1k'), large: await newDatabase('claim-1m') };
    const open = async (url: string) => {
      const store = await createStore(url);
      stores.push(store);
      const seed = await openSeedDb(engine, url);
      seeds.push(seed);
      return { store, seed };
    };
    const small = await open(urls.small);
    const large = await open(urls.large);

    const seedStarted = performance.now();
    await small.seed.seedDue(DUE, Date.now());
    await large.seed.seedDue(DUE, Date.now());
    await large.seed.seedHistory(STORED_LARGE - DUE, Date.now());
    await small.seed.analyze();
    await large.seed.analyze();
    const seedSeconds = round((performance.now() - seedStarted) / 1000);
    progress(
      `${engine}: seeded ${STORED_LARGE.toLocaleString('en')} follow-ups in ${seedSeconds} s (bench-only bulk insert)`,
    );

    const [smallCost, largeCost] = await measureClaimCosts(
      [
        { ...small, stored: STORED_SMALL },
        { ...large, stored: STORED_LARGE },
      ],
      { due: DUE, runs: input.claimRuns },
    );
    if (!smallCost || !largeCost) throw new Error('claim measurement returned nothing');
    const ratio = round(largeCost.medianMs / smallCost.medianMs);
    progress(
      `${engine}: tick claim of ${DUE} due: ${smallCost.medianMs} ms with ${STORED_SMALL.toLocaleString('en')} stored, ${largeCost.medianMs} ms with ${STORED_LARGE.toLocaleString('en')} (×${ratio})`,
    );

    await large.seed.retireDue(Date.now());
    app = await startApp({ kind: 'rebound', emu, mode: 'http', databaseUrl: urls.large });
    progress(
      `${engine}: Rebound started on the 1,000,000-row database in ${app.startupMs.toFixed(0)} ms; draining ${DRAIN.toLocaleString('en')} due`,
    );
    const drain = await drainFollowUps({ emu, app, seed: large.seed, count: DRAIN });
    drain.peakRssMb = round(await app.stop());
    progress(
      `${engine}: drained ${drain.distinctPosted.toLocaleString('en')} in ${drain.seconds} s (${drain.ticks} tick(s)), ${drain.duplicates} duplicates, ${drain.lost} lost, ${drain.markedSent.toLocaleString('en')} marked sent, peak RSS ${drain.peakRssMb} MB (V8 heap up to ${drain.heap.maxTotalMb} MB, ${drain.heap.minUsedMb} MB in use at least)`,
    );
    return {
      engine,
      claim: { small: smallCost, large: largeCost, ratio },
      seedSeconds,
      drain,
      startupMs: round(app.startupMs),
    };
  } finally {
    await app?.stop();
    await emu.close();
    for (const seed of seeds) await seed.close().catch(() => {});
    for (const store of stores) await store.close().catch(() => {});
    if (postgres) await postgres.stop();
    forget();
    if (engine === 'sqlite') {
      for (const name of ['claim-1k', 'claim-1m']) {
        for (const suffix of ['', '-wal', '-shm'])
          rmSync(join(input.tempDir, `${name}.sqlite${suffix}`), { force: true });
      }
    }
  }
}
