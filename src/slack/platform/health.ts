// Health checks that cost nothing, so a flood of probes cannot starve Slack's requests.
// Liveness is the process alone. Readiness asks the database, but at most one ping runs at a
// time and its answer is reused for READY_CACHE_MS: a thousand probes a second cost one ping
// every two seconds. The body never says why (no error code for strangers); the log does.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '@slack/bolt';
import { errorCode } from '../../error-code.js';

export const READY_CACHE_MS = 2000;
export const HEALTH_PATHS = ['/livez', '/readyz', '/healthz'] as const;

export interface Readiness {
  /** True when the app takes work and its database answered within the last READY_CACHE_MS. */
  ready(): Promise<boolean>;
}

export function createReadiness(deps: {
  ping(): Promise<void>;
  /** False before start-up finished and once shutdown began. */
  accepting(): boolean;
  logger: Logger;
  nowMs?: () => number;
}): Readiness {
  const nowMs = deps.nowMs ?? Date.now;
  let cached: { ok: boolean; at: number } | null = null;
  let inFlight: Promise<boolean> | null = null;
  const check = () => {
    inFlight ??= deps
      .ping()
      .then(
        () => true,
        (error: unknown) => {
          deps.logger.warn('Readiness check: the database did not answer:', errorCode(error));
          return false;
        },
      )
      .then((ok) => {
        cached = { ok, at: nowMs() };
        inFlight = null;
        return ok;
      });
    return inFlight;
  };
  return {
    async ready() {
      if (!deps.accepting()) return false;
      if (cached && nowMs() - cached.at < READY_CACHE_MS) return cached.ok;
      return check();
    },
  };
}

/** Answers GET/HEAD of /livez, /readyz and /healthz (readiness, kept for existing probes). */
export function serveHealth(
  readiness: Readiness,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): void {
  const answer = (ok: boolean) => {
    const body = JSON.stringify({ ok });
    res.writeHead(ok ? 200 : 503, {
      'content-type': 'application/json',
      'cache-control': 'no-store',
      'content-length': Buffer.byteLength(body),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  if (path === '/livez') answer(true);
  else readiness.ready().then(answer, () => answer(false));
}
