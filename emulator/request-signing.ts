// Slack's request signing: `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{raw body}` with the signing secret.

import { createHmac } from 'node:crypto';

/** A plain record so it can be spread into or passed as any `Record<string, string>` of headers. */
export type SignedHeaders = Record<
  'x-slack-request-timestamp' | 'x-slack-signature' | 'content-type',
  string
>;

export function signatureFor(signingSecret: string, body: string, timestampSeconds: number): string {
  const digest = createHmac('sha256', signingSecret).update(`v0:${timestampSeconds}:${body}`).digest('hex');
  return `v0=${digest}`;
}

/** Headers for a delivery; the timestamp follows Date.now() so faked clocks are honoured. */
export function signRequest(
  signingSecret: string,
  body: string,
  timestampSeconds = Math.floor(Date.now() / 1000),
  contentType = contentTypeOf(body),
): SignedHeaders {
  return {
    'x-slack-request-timestamp': String(timestampSeconds),
    'x-slack-signature': signatureFor(signingSecret, body, timestampSeconds),
    'content-type': contentType,
  };
}

/** Events are JSON; commands and interactions are form-encoded. */
function contentTypeOf(body: string): string {
  return body.trimStart().startsWith('{') ? 'application/json' : 'application/x-www-form-urlencoded';
}
