// The Web API clients' fetch: it gives up on an answer that is late, or whose body stalls,
// and leaves no timer behind once an answer is in.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it, vi } from 'vitest';
import { fetchWithTimeout } from '../../../src/slack/platform/web-api-options.js';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

/** A local Slack stand-in; `answer` decides what each request gets. */
async function slack(answer: (res: import('node:http').ServerResponse) => void): Promise<string> {
  server = createServer((_req, res) => answer(res));
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/views.open`;
}

const post = { method: 'POST', body: 'trigger_id=1' };

it('hands on the answer as Slack gave it, timing it until its body is read, then no longer', async () => {
  const url = await slack((res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'x-slack-req-id': 'r1' });
    res.end('{"ok":true,"view":{"id":"V1"}}');
  });
  const armed = vi.spyOn(globalThis, 'setTimeout');
  const cleared = vi.spyOn(globalThis, 'clearTimeout');
  try {
    const response = await fetchWithTimeout(2500)(url, post);
    const ours = armed.mock.results.filter((_, call) => armed.mock.calls[call]?.[1] === 2500);
    expect(ours).toHaveLength(1);
    const stopped = () => cleared.mock.calls.some(([timer]) => timer === ours[0]?.value);
    expect(stopped()).toBe(false);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-slack-req-id')).toBe('r1');
    expect(await response.json()).toEqual({ ok: true, view: { id: 'V1' } });
    expect(stopped()).toBe(true);
  } finally {
    armed.mockRestore();
    cleared.mockRestore();
  }
});

it('gives up on an answer that does not come in time', async () => {
  const url = await slack(() => {}); // never answers
  const started = performance.now();
  await expect(fetchWithTimeout(200)(url, post)).rejects.toMatchObject({ name: 'TimeoutError' });
  expect(performance.now() - started).toBeLessThan(2000);
});

it('gives up on an answer whose body stalls after its headers', async () => {
  const url = await slack((res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"ok":');
  });
  const response = await fetchWithTimeout(200)(url, post);
  await expect(response.text()).rejects.toMatchObject({ name: 'TimeoutError' });
});

it('leaves a caller that brings its own signal to it', async () => {
  const url = await slack((res) => {
    setTimeout(() => res.end('{"ok":true}'), 400);
  });
  const response = await fetchWithTimeout(100)(url, { ...post, signal: new AbortController().signal });
  expect(await response.json()).toEqual({ ok: true });
});
