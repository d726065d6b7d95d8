// Rebound's public port, owned here rather than by Bolt's HTTPReceiver, so its limits are
// ours: health checks that cost nothing (health.ts), /slack/events guarded before Bolt reads
// a byte (request-guard.ts), and timeouts that close connections trickling their request.
// Everything else (OAuth pages, Bolt's own answers) goes to Bolt's request listener.
//
// Socket Mode runs the same server with health checks only, when PORT is set.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '@slack/bolt';
import { errorCode } from '../../error-code.js';
import { HEALTH_PATHS, type Readiness, serveHealth } from './health.js';
import { REFUSAL_STATUS, type Refusal, type RequestGuard } from './request-guard.js';

export const EVENTS_PATH = '/slack/events';
/** Whole request (headers and body) must arrive within this; Slack sends its in milliseconds. */
export const REQUEST_TIMEOUT_MS = 10_000;
export const HEADERS_TIMEOUT_MS = 10_000;
/**
 * An idle keep-alive connection stays open this long: above the 60 s idle timeout of common
 * load balancers (AWS ALB, nginx's 75 s keepalive_timeout is the one to raise instead), so
 * the balancer, not Rebound, closes it and never sends on a connection we just closed.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;
/** How often Node looks for requests past their timeout (its default, 30 s, would triple them). */
const TIMEOUT_CHECK_INTERVAL_MS = 1000;
/** A refused request's connection is closed this long after the answer, unread. */
const REFUSED_LINGER_MS = 1000;
/** Refusals are counted and logged at most this often, so a flood cannot flood the log. */
const REFUSAL_LOG_INTERVAL_MS = 60_000;
/** How long stop() lets requests in progress finish before it cuts their connections. */
const CLOSE_GRACE_MS = 5000;

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

export interface PublicServer {
  /** Listens on `port` (0: any free port); resolves with the port actually used. */
  listen(port: number): Promise<number>;
  close(): Promise<void>;
  readonly server: Server;
}

export function createPublicServer(deps: {
  readiness: Readiness;
  logger: Logger;
  /** HTTP mode: Slack's requests, checked by `guard`, then Bolt's listener for all but health. */
  slack?: { guard: RequestGuard; listener: Listener };
  /** Tests shorten it to watch a trickling connection being closed. */
  requestTimeoutMs?: number;
}): PublicServer {
  const { readiness, logger, slack } = deps;
  const refusals = tallyRefusals(logger);

  const handle: Listener = (req, res) => {
    const path = pathOf(req);
    const method = req.method ?? 'GET';
    if ((HEALTH_PATHS as readonly string[]).includes(path) && (method === 'GET' || method === 'HEAD'))
      return serveHealth(readiness, req, res, path);
    if (!slack) return refuse(req, res, 404);
    if (path === EVENTS_PATH && method === 'POST') return guardEvents(slack, req, res);
    try {
      slack.listener(req, res);
    } catch {
      // Bolt throws for a path it does not serve.
      refuse(req, res, 404);
    }
  };

  const guardEvents = (s: NonNullable<typeof slack>, req: IncomingMessage, res: ServerResponse) => {
    const headers = s.guard.checkHeaders(req);
    if (!headers.ok) return refuseSlack(req, res, headers.refusal);
    s.guard.readSigned(req, headers).then(
      (checked) => {
        if (!checked.ok) return refuseSlack(req, res, checked.refusal);
        // Bolt reads a buffered body from here instead of the stream we consumed.
        Object.assign(req, { rawBody: checked.body });
        s.listener(req, res);
      },
      (error: unknown) => {
        logger.debug('A request to /slack/events ended before its body:', errorCode(error));
        req.socket.destroy();
      },
    );
  };

  const refuseSlack = (req: IncomingMessage, res: ServerResponse, refusal: Refusal) => {
    refusals.count(refusal);
    refuse(req, res, REFUSAL_STATUS[refusal]);
  };

  const server = createServer(
    {
      requestTimeout: deps.requestTimeoutMs ?? REQUEST_TIMEOUT_MS,
      headersTimeout: Math.min(deps.requestTimeoutMs ?? HEADERS_TIMEOUT_MS, HEADERS_TIMEOUT_MS),
      keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
      connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS,
    },
    handle,
  );

  return {
    server,
    listen(port) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, () => {
          server.off('error', reject);
          resolve((server.address() as AddressInfo).port);
        });
      });
    },
    close() {
      return new Promise((resolve, reject) => {
        if (!server.listening) return resolve();
        const cut = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
        cut.unref();
        server.close((error) => {
          clearTimeout(cut);
          if (error) reject(error);
          else resolve();
        });
        server.closeIdleConnections();
      });
    },
  };
}

function pathOf(req: IncomingMessage): string {
  const url = req.url ?? '/';
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

/** An empty answer, then the connection goes: whatever body is still coming is never read. */
function refuse(req: IncomingMessage, res: ServerResponse, status: number): void {
  res.once('finish', () => {
    if (req.complete) return;
    // Closing at once could reset the connection before the client has read the answer.
    setTimeout(() => req.socket.destroy(), REFUSED_LINGER_MS).unref();
  });
  res.writeHead(status, { connection: 'close', 'content-length': 0 });
  res.end();
}

function tallyRefusals(logger: Logger) {
  let counts = new Map<Refusal, number>();
  let lastLogged = 0;
  return {
    count(refusal: Refusal) {
      counts.set(refusal, (counts.get(refusal) ?? 0) + 1);
      const now = Date.now();
      if (now - lastLogged < REFUSAL_LOG_INTERVAL_MS) return;
      const summary = [...counts].map(([why, n]) => `${why} ${n}`).join(', ');
      logger.warn(`Refused requests to ${EVENTS_PATH} (since the last such line): ${summary}.`);
      counts = new Map();
      lastLogged = now;
    },
  };
}
