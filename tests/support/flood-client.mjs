// A stranger flooding Rebound's public port, in a process of its own so its work does not
// run on the app's event loop (as it would not in life). Started by tests/e2e/public-port.test.ts
// with fork(); told what to do in process.argv[2] (JSON), it reports counts over IPC when
// sent "stop".
//
// Plain JavaScript: node runs it without a TypeScript loader.

import { request } from 'node:http';
import { connect } from 'node:net';

const { port, healthWorkers, unsignedWorkers, tricklers, trickleEveryMs } = JSON.parse(process.argv[2]);
const base = `http://127.0.0.1:${port}`;
let running = true;
const counts = { health: {}, unsigned: {}, trickleClosed: 0, trickleAnsweredWith: {}, trickleLongestMs: 0 };
const tally = (map, key) => {
  map[key] = (map[key] ?? 0) + 1;
};
const nowSeconds = () => Math.floor(Date.now() / 1000);

function post(path, headers, body) {
  return new Promise((resolve) => {
    const req = request(`${base}${path}`, { method: 'POST', headers, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
      res.on('error', () => resolve(res.statusCode));
    });
    req.on('error', () => resolve('reset'));
    req.end(body);
  });
}

async function loop(work) {
  while (running) await work();
}

const big = Buffer.alloc(4 * 1024 * 1024, 'a');
const kinds = [
  // No signature headers, 4 MB said: refused before the body is read.
  () => ({ 'content-length': big.length }),
  // Looks signed, 4 MB said: too large before the body is read.
  () => ({
    'x-slack-signature': 'v0=00',
    'x-slack-request-timestamp': nowSeconds(),
    'content-length': big.length,
  }),
  // Looks signed, no length said (chunked): read up to the cap, then refused.
  () => ({
    'x-slack-signature': 'v0=00',
    'x-slack-request-timestamp': nowSeconds(),
    'transfer-encoding': 'chunked',
  }),
];

const workers = [
  ...Array.from({ length: healthWorkers }, () =>
    loop(async () => {
      try {
        const res = await fetch(`${base}/readyz`);
        await res.text();
        tally(counts.health, res.status);
      } catch {
        tally(counts.health, 'failed');
      }
    }),
  ),
  ...Array.from({ length: unsignedWorkers }, (_, index) =>
    loop(async () => tally(counts.unsigned, await post('/slack/events', kinds[index % kinds.length](), big))),
  ),
];

// Slowloris: half trickle their headers, half a body, a byte at a time.
function trickle(head, rest) {
  return new Promise((resolve) => {
    const opened = Date.now();
    const socket = connect(port, '127.0.0.1');
    let sent = 0;
    let received = '';
    const timer = setInterval(() => {
      if (sent < rest.length) socket.write(rest[sent++]);
    }, trickleEveryMs);
    socket.on('connect', () => socket.write(head));
    socket.on('data', (chunk) => {
      received += chunk.toString();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      counts.trickleClosed += 1;
      tally(counts.trickleAnsweredWith, received.slice(0, 12) || 'nothing');
      counts.trickleLongestMs = Math.max(counts.trickleLongestMs, Date.now() - opened);
      resolve();
    });
  });
}
const trickling = Array.from({ length: tricklers }, (_, index) =>
  index % 2 === 0
    ? trickle('POST /slack/events HTTP/1.1\r\nHost: rebound\r\n', 'x-slack-signature: v0='.padEnd(2000, '0'))
    : trickle(
        `POST /slack/events HTTP/1.1\r\nHost: rebound\r\nx-slack-signature: v0=00\r\nx-slack-request-timestamp: ${nowSeconds()}\r\ncontent-length: 5000\r\n\r\n`,
        'payload='.padEnd(5000, 'x'),
      ),
);

process.send?.('started');
process.on('message', async (message) => {
  if (message !== 'stop') return;
  running = false;
  await Promise.all([...workers, ...trickling]);
  process.send?.(counts, () => process.exit(0));
});
