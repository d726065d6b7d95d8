// The public port under the load a stranger can put on it without Slack's signing secret:
// health probes, big unsigned bodies, connections that trickle their request, and captured
// requests sent again. A person walking the routine meanwhile must not notice.

import { fork } from 'node:child_process';
import { createServer, type IncomingHttpHeaders, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { signRequest } from '../../emulator/request-signing.js';
import { harnessPerTest, TEST_SIGNING_SECRET } from '../support/rebound-harness.js';
import { step1, step2, step3, step4 } from '../support/routine-steps.js';

const harness = harnessPerTest();

interface Answer {
  status: number | 'reset';
  body: string;
  headers: IncomingHttpHeaders;
}

/** A raw POST over its own connection; a connection the server cut counts as `reset`. */
function post(url: string, headers: Record<string, string | number>, body: Buffer | string): Promise<Answer> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString(),
          headers: res.headers,
        }),
      );
      res.on('error', () => resolve({ status: res.statusCode ?? 'reset', body: '', headers: res.headers }));
    });
    req.on('error', () => resolve({ status: 'reset', body: '', headers: {} }));
    req.end(body);
  });
}

interface FloodCounts {
  health: Record<string, number>;
  unsigned: Record<string, number>;
  trickleClosed: number;
  trickleAnsweredWith: Record<string, number>;
  trickleLongestMs: number;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

describe('the public port under a flood', () => {
  it('keeps a person’s routine under 3 s while health probes, 4 MB unsigned bodies and trickling connections pour in', async () => {
    const requestTimeoutMs = 2000;
    const h = await harness.start({ rebound: { requestTimeoutMs } });
    const port = h.rebound.port as number;
    let pings = 0;
    const ping = h.rebound.store.ping.bind(h.rebound.store);
    h.rebound.store.ping = () => {
      pings += 1;
      return ping();
    };
    const before = process.memoryUsage();
    const started = Date.now();
    const flood = fork(fileURLToPath(new URL('../support/flood-client.mjs', import.meta.url)), [
      JSON.stringify({ port, healthWorkers: 16, unsignedWorkers: 6, tricklers: 80, trickleEveryMs: 100 }),
    ]);
    await new Promise((resolve) => flood.once('message', resolve));

    // Meanwhile, Alice walks the routine; every ack is timed.
    const alice = h.emu.addUser({ id: 'U1', name: 'alice', tz: 'America/New_York' });
    const acks: number[] = [];
    const timed = async <T>(work: () => Promise<T>): Promise<T> => {
      const started = performance.now();
      const result = await work();
      acks.push(performance.now() - started);
      return result;
    };
    expect((await timed(() => alice.command('/rejected', 'Acme Corp'))).status).toBe(200);
    await alice.waitForModal((view) => view.callback_id === 'routine_step_1');
    for (const [values, next] of [
      [step1, 'routine_step_2'],
      [step2, 'routine_step_3'],
      [step3, 'routine_step_4'],
    ] as const) {
      expect((await timed(() => alice.submit(values))).errors).toBeUndefined();
      expect(alice.modal?.callback_id).toBe(next);
    }
    expect((await timed(() => alice.submit(step4))).errors).toBeUndefined();
    await expect.poll(() => alice.dm.length).toBe(2); // the summary and its one note

    // Then the stranger stops; trickling connections have been cut by the request timeout.
    flood.send('stop');
    const counts = (await new Promise((resolve) => flood.once('message', resolve))) as FloodCounts;
    const elapsedMs = Date.now() - started;
    const after = process.memoryUsage();
    const growthMb = (key: 'rss' | 'heapUsed' | 'arrayBuffers') => (after[key] - before[key]) / 1024 / 1024;

    const probes = counts.health['200'] ?? 0;
    expect(Math.max(...acks)).toBeLessThan(3000);
    expect(h.emu.problems).toEqual([]);
    // Every probe answered, and the database asked once every two seconds at most: the probes
    // (dozens to hundreds, as fast as the machine lets 16 workers go) outnumber the pings many
    // times over, however long the routine took.
    expect(Object.keys(counts.health)).toEqual(['200']);
    expect(pings).toBeGreaterThan(0);
    expect(probes).toBeGreaterThan(5 * pings);
    expect(pings).toBeLessThanOrEqual(Math.ceil(elapsedMs / 2000) + 1);
    // Every big body refused (or its connection cut mid-upload): never buffered, never let in.
    expect(Object.keys(counts.unsigned).every((status) => ['401', '413', 'reset'].includes(status))).toBe(
      true,
    );
    expect(counts.unsigned['401']).toBeGreaterThan(0);
    expect(counts.unsigned['413']).toBeGreaterThan(0);
    // Each trickling connection was answered 408 (or just closed) within the timeout, Node's 1 s check and a loaded machine's slack (Node's default: 300 s).
    expect(counts.trickleClosed).toBe(80);
    expect(
      Object.keys(counts.trickleAnsweredWith).filter((head) => !['HTTP/1.1 408', 'nothing'].includes(head)),
    ).toEqual([]);
    expect(counts.trickleLongestMs).toBeLessThan(requestTimeoutMs + 4000);
    // None of the 4 MB bodies was kept.
    expect(growthMb('arrayBuffers')).toBeLessThan(32);
    expect(growthMb('rss')).toBeLessThan(150);
  }, 30_000);
});

/** Between the emulator and Rebound, keeping a copy of each request as a listener on the wire would. */
async function startRecorder(target: string) {
  const captured: { headers: Record<string, string>; body: string }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const headers: Record<string, string> = {};
      for (const name of ['x-slack-signature', 'x-slack-request-timestamp', 'content-type'])
        headers[name] = String(req.headers[name]);
      const body = Buffer.concat(chunks).toString();
      captured.push({ headers, body });
      const answer = await post(target, headers, body);
      res.writeHead(answer.status === 'reset' ? 502 : answer.status, {
        'content-type': String(answer.headers['content-type'] ?? 'text/plain'),
      });
      res.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`,
    captured,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('signed requests', () => {
  it('refuses a captured request sent again, and one stamped in the future, without calling Slack', async () => {
    const h = await harness.start();
    const events = `${h.appUrl}/slack/events`;
    const recorder = await startRecorder(events);
    try {
      h.emu.useHttp(recorder.url);
      const alice = h.emu.addUser({ id: 'U1', name: 'alice', tz: null });
      await alice.command('/rejected', 'Acme Corp');
      await alice.waitForModal((view) => view.callback_id === 'routine_step_1');
      // views.open is the command's last Web API call (the timezone waits for step 1's answer).
      const [command] = recorder.captured;
      if (!command) throw new Error('nothing captured');
      const callsBefore = h.emu.calls.length;

      // The same bytes, signature and all, a moment later.
      expect((await post(events, command.headers, command.body)).status).toBe(401);
      // Re-signed by someone holding the secret, but stamped six minutes ahead.
      const future = signRequest(TEST_SIGNING_SECRET, command.body, nowSeconds() + 6 * 60);
      expect((await post(events, future, command.body)).status).toBe(401);
      // Stamped six minutes ago.
      const stale = signRequest(TEST_SIGNING_SECRET, command.body, nowSeconds() - 6 * 60);
      expect((await post(events, stale, command.body)).status).toBe(401);
      // A forged signature.
      const forged = { ...command.headers, 'x-slack-signature': `v0=${'0'.repeat(64)}` };
      expect((await post(events, forged, command.body)).status).toBe(401);

      // Nothing reached a listener: no Web API call was made for any of them.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(h.emu.calls.slice(callsBefore).map((c) => c.method)).toEqual([]);
    } finally {
      await recorder.close();
    }
  });
});

describe('health checks', () => {
  it('tells liveness from readiness, with no reason a stranger could read', async () => {
    const h = await harness.start();
    const get = async (path: string) => {
      const res = await fetch(`${h.appUrl}${path}`);
      return { status: res.status, body: await res.text() };
    };
    expect(await get('/livez')).toEqual({ status: 200, body: '{"ok":true}' });
    expect(await get('/readyz')).toEqual({ status: 200, body: '{"ok":true}' });
    expect(await get('/healthz')).toEqual({ status: 200, body: '{"ok":true}' });

    h.rebound.store.ping = () =>
      Promise.reject(Object.assign(new Error('gone'), { code: 'store_unavailable' }));
    // The last answer is kept two seconds; then the database is asked again.
    await expect.poll(() => get('/readyz'), { timeout: 4000 }).toEqual({ status: 503, body: '{"ok":false}' });
    expect(await get('/healthz')).toEqual({ status: 503, body: '{"ok":false}' });
    expect(await get('/livez')).toEqual({ status: 200, body: '{"ok":true}' });
    expect(h.logs.join('\n')).toContain('Readiness check: the database did not answer: store_unavailable');
  });

  it('serves them in Socket Mode on PORT, and nothing else there', async () => {
    const h = await harness.start({ mode: 'socket', healthPort: 0 });
    expect(h.rebound.port).not.toBeNull();
    expect((await fetch(`${h.appUrl}/readyz`)).status).toBe(200);
    expect((await fetch(`${h.appUrl}/livez`)).status).toBe(200);
    expect((await post(`${h.appUrl}/slack/events`, {}, '{}')).status).toBe(404);
    // And Slack's requests still arrive over the socket.
    const alice = h.emu.addUser({ id: 'U1', name: 'alice', tz: null });
    await alice.command('/rejected', 'Acme Corp');
    await alice.waitForModal((view) => view.callback_id === 'routine_step_1');
  });
});
