// A load balancer in front of several Rebound instances, the way a deployment runs them:
// Slack (the emulator) posts to one URL and each request lands on the next instance in turn.
// The raw bytes and headers pass through unchanged, so Slack's signature still verifies.
//
// `mirrorNext()` sends the next request to every instance at once instead — two copies of
// one submission racing on two instances, as a double submit behind a load balancer can.

import { createServer, type IncomingHttpHeaders, request } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface UpstreamAnswer {
  /** Index of the instance in the list the balancer was started with. */
  instance: number;
  status: number;
  contentType: string;
  body: string;
}

export interface LoadBalancer {
  /** Give this to `emu.useHttp()`. */
  readonly url: string;
  /** How many requests each instance has been sent so far. */
  readonly counts: readonly number[];
  /** Sends the next request to every instance at once; resolves with all their answers. */
  mirrorNext(): Promise<UpstreamAnswer[]>;
  close(): Promise<void>;
}

// Hop-by-hop headers, and the length (recomputed by node for each forwarded request).
const NOT_FORWARDED = new Set(['host', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);

export async function startLoadBalancer(upstreamUrls: readonly string[]): Promise<LoadBalancer> {
  const counts = upstreamUrls.map(() => 0);
  let next = 0;
  let mirror: ((answers: UpstreamAnswer[]) => void) | null = null;

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const headers = forwardedHeaders(req.headers);
      const targets = mirror ? upstreamUrls.map((_, index) => index) : [next++ % upstreamUrls.length];
      const settle = mirror;
      mirror = null;
      for (const index of targets) counts[index] = (counts[index] ?? 0) + 1;
      const answers = targets.map((index) => forward(index, upstreamUrls[index] as string, body, headers));
      // The caller gets the first answer to arrive, as a client does when it sent twice.
      Promise.race(answers).then((first) => {
        res.writeHead(first.status, first.contentType ? { 'content-type': first.contentType } : {});
        res.end(first.body);
      });
      if (settle) Promise.all(answers).then(settle);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/slack/events`,
    counts,
    mirrorNext() {
      if (mirror) throw new Error('mirrorNext() is already waiting for a request');
      return new Promise((resolve) => {
        mirror = resolve;
      });
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function forwardedHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !NOT_FORWARDED.has(name)) kept[name] = String(value);
  }
  return kept;
}

/** Never rejects: a refused or reset connection is a 502, as a real balancer would answer. */
function forward(
  instance: number,
  url: string,
  body: Buffer,
  headers: Record<string, string>,
): Promise<UpstreamAnswer> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          instance,
          status: res.statusCode ?? 0,
          contentType: String(res.headers['content-type'] ?? ''),
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.on('error', (error) =>
      resolve({ instance, status: 502, contentType: 'text/plain', body: error.message }),
    );
    req.end(body);
  });
}
