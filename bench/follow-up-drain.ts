// 10,000 follow-ups due at once, drained by Rebound (in its own process) against the
// emulator with Slack's per-channel posting limit on, one tick after another until none is
// left. Then the books are checked: every follow-up posted exactly once (by the follow-up
// id each DM carries in its metadata) and marked sent in the store.

import type { AppProcess } from './app-process.js';
import { drainUserId, type SeedDb } from './bulk-seed.js';
import { forgetCalls, type SlackEmulator } from './emulator.js';
import { round, sleep } from './stats.js';

export interface DrainResult {
  count: number;
  seconds: number;
  ticks: number;
  posted: number;
  distinctPosted: number;
  duplicates: number;
  /** Seeded follow-ups never posted. */
  lost: number;
  /** Posts naming a follow-up that was not one of the seeded ones. */
  strangers: number;
  markedSent: number;
  /** Posts Slack refused with 429 (retried by Rebound). */
  rateLimited: number;
  problems: number;
  /** Peak RSS of the Rebound process by the end of the drain. */
  peakRssMb: number;
  /** V8 heap sampled every 500 ms during the drain: the most it reserved, the least in use (≈ live). */
  heap: { maxTotalMb: number; minUsedMb: number };
  ok: boolean;
}

interface TickReply {
  report?: { claimed: number; sent: number; failed: number; retrying: number; leaseLost: number };
  error?: string;
}

const TIME_BUDGET_MS = 150_000;
const MAX_TICKS = 200;
const REMAINING = "id LIKE 'drain-f-%' AND status IN ('pending', 'sending')";

export async function drainFollowUps(input: {
  emu: SlackEmulator;
  app: AppProcess;
  seed: SeedDb;
  count: number;
}): Promise<DrainResult> {
  const { emu, app, seed, count } = input;
  for (let n = 0; n < count; n += 1)
    emu.addUser({ id: drainUserId(n), name: `drain${n}`, tz: 'Europe/Berlin' });
  await seed.seedDrain(count, Date.now());
  emu.setRateLimit('chat.postMessage', { perChannelPerSecond: 1 });
  forgetCalls(emu);

  const heap = { maxTotalMb: 0, minUsedMb: Number.POSITIVE_INFINITY };
  const sampler = setInterval(() => {
    app.ask<{ usage: NodeJS.MemoryUsage }>({ type: 'memory', id: 0 }, 2_000).then(
      ({ usage }) => {
        heap.maxTotalMb = Math.max(heap.maxTotalMb, usage.heapTotal / 1024 ** 2);
        heap.minUsedMb = Math.min(heap.minUsedMb, usage.heapUsed / 1024 ** 2);
      },
      () => {},
    );
  }, 500);
  const started = performance.now();
  let ticks = 0;
  while (ticks < MAX_TICKS && performance.now() - started < TIME_BUDGET_MS) {
    ticks += 1;
    const reply = await app.ask<TickReply>(
      { type: 'followUps', id: ticks, now: new Date().toISOString() },
      TIME_BUDGET_MS,
    );
    if (reply.error) throw new Error(`follow-up tick failed in Rebound: ${reply.error}`);
    if ((await seed.count(REMAINING)) === 0) break;
    // Whatever is left is waiting out a Retry-After: give it a moment rather than spin.
    if ((reply.report?.claimed ?? 0) === 0) await sleep(250);
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);

  const posts = emu.callsTo('chat.postMessage');
  const ids = posts
    .filter((call) => call.ok)
    .map((call) => {
      const metadata = call.params.metadata as { event_payload?: { follow_up_id?: unknown } } | undefined;
      return String(metadata?.event_payload?.follow_up_id ?? '');
    });
  const distinct = new Set(ids);
  const seeded = (id: string) => /^drain-f-\d{5}$/.test(id) && Number(id.slice(8)) < count;
  const lost = count - [...distinct].filter(seeded).length;
  const strangers = [...distinct].filter((id) => !seeded(id)).length;
  const markedSent = await seed.count("id LIKE 'drain-f-%' AND status = 'sent'");
  const duplicates = ids.length - distinct.size;
  return {
    count,
    seconds: round(seconds),
    ticks,
    posted: ids.length,
    distinctPosted: distinct.size,
    duplicates,
    lost,
    strangers,
    markedSent,
    rateLimited: posts.filter((call) => call.status === 429).length,
    problems: emu.problems.length,
    peakRssMb: round(app.peakRssMb()),
    heap: { maxTotalMb: round(heap.maxTotalMb), minUsedMb: round(heap.minUsedMb) },
    ok: duplicates === 0 && lost === 0 && strangers === 0 && markedSent === count,
  };
}
