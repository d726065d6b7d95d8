// What /slack/events checks before Bolt sees a request, so a request Slack did not sign costs
// almost nothing: no signature headers → refused before a byte of the body is read; a body
// over the cap → 413 without buffering it; a timestamp outside five minutes either way, a
// wrong signature, or a signature already accepted (a captured request sent again) →
// refused. Slack re-signs its own retries, but a retry sent within the same second carries
// the same signature: an Events API request is therefore remembered with its retry number
// (events are deduplicated by event id after this anyway). Commands and interactions are
// never retried by Slack, so for them a retry header changes nothing.
//
// Bolt is handed the buffered body (`rawBody`) and, since this guard sits in front of every
// request to /slack/events, does not verify the signature a second time (app.ts).

import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { createSeenSignatures, type SeenSignatures } from './seen-signatures.js';

/** Slack's largest payloads (a full modal view with its state) are far below this. */
export const MAX_EVENT_BODY_BYTES = 1024 * 1024;
/** Slack's window for a request's timestamp, and how long an accepted signature is remembered. */
export const SIGNATURE_WINDOW_MS = 5 * 60 * 1000;
/** Accepted signatures remembered at once: ~170 requests a second for five minutes, a few MB. */
export const SEEN_SIGNATURES_CAPACITY = 50_000;

export type Refusal =
  | 'missing_signature'
  | 'too_large'
  | 'stale_timestamp'
  | 'future_timestamp'
  | 'bad_signature'
  | 'replayed';

export const REFUSAL_STATUS: Record<Refusal, number> = {
  missing_signature: 401,
  too_large: 413,
  stale_timestamp: 401,
  future_timestamp: 401,
  bad_signature: 401,
  replayed: 401,
};

export interface SignedHeaders {
  signature: string;
  timestampSeconds: number;
  /** What the replay memory holds: the signature, plus an event's retry number. */
  replayKey: string;
}

export type HeaderCheck = ({ ok: true } & SignedHeaders) | { ok: false; refusal: Refusal };
export type BodyCheck = { ok: true; body: Buffer } | { ok: false; refusal: Refusal };

export interface RequestGuard {
  /** Looks at the headers only; nothing of the body has been read. */
  checkHeaders(req: IncomingMessage): HeaderCheck;
  /** Reads the body (at most the cap), then checks the signature and that it is new. */
  readSigned(req: IncomingMessage, signed: SignedHeaders): Promise<BodyCheck>;
  readonly seen: SeenSignatures;
}

export function createRequestGuard(options: {
  signingSecret: string;
  /** Real time: Slack's timestamps are, whatever clock the app runs on. */
  nowMs?: () => number;
  maxBodyBytes?: number;
}): RequestGuard {
  const nowMs = options.nowMs ?? Date.now;
  const maxBodyBytes = options.maxBodyBytes ?? MAX_EVENT_BODY_BYTES;
  const seen = createSeenSignatures({ windowMs: SIGNATURE_WINDOW_MS, capacity: SEEN_SIGNATURES_CAPACITY });

  return {
    seen,
    checkHeaders(req) {
      const signature = req.headers['x-slack-signature'];
      const timestamp = req.headers['x-slack-request-timestamp'];
      if (typeof signature !== 'string' || typeof timestamp !== 'string' || !/^\d{1,12}$/.test(timestamp))
        return { ok: false, refusal: 'missing_signature' };
      const declared = Number(req.headers['content-length'] ?? 0);
      if (declared > maxBodyBytes) return { ok: false, refusal: 'too_large' };
      const timestampSeconds = Number(timestamp);
      const ageMs = nowMs() - timestampSeconds * 1000;
      if (ageMs > SIGNATURE_WINDOW_MS) return { ok: false, refusal: 'stale_timestamp' };
      if (ageMs < -SIGNATURE_WINDOW_MS) return { ok: false, refusal: 'future_timestamp' };
      const retryNum = req.headers['x-slack-retry-num'];
      const isEvent = String(req.headers['content-type'] ?? '').startsWith('application/json');
      const retry = isEvent && typeof retryNum === 'string' && /^\d{1,2}$/.test(retryNum) ? retryNum : '0';
      return { ok: true, signature, timestampSeconds, replayKey: `${signature}#${retry}` };
    },

    async readSigned(req, { signature, timestampSeconds, replayKey }) {
      const body = await readCapped(req, maxBodyBytes);
      if (!body) return { ok: false, refusal: 'too_large' };
      const expected = `v0=${createHmac('sha256', options.signingSecret)
        .update(`v0:${timestampSeconds}:`)
        .update(body)
        .digest('hex')}`;
      const given = Buffer.from(signature, 'utf8');
      if (given.length !== expected.length || !timingSafeEqual(given, Buffer.from(expected, 'utf8')))
        return { ok: false, refusal: 'bad_signature' };
      if (!seen.firstSighting(replayKey, timestampSeconds, nowMs()))
        return { ok: false, refusal: 'replayed' };
      return { ok: true, body };
    },
  };
}

/** The whole body, or null as soon as it passes `limit` (reading stops there). */
function readCapped(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onClose = () => {
      cleanup();
      reject(new Error('request closed before its body ended'));
    };
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}
