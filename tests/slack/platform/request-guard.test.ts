import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { signRequest } from '../../../emulator/request-signing.js';
import { createRequestGuard } from '../../../src/slack/platform/request-guard.js';
import { createSeenSignatures } from '../../../src/slack/platform/seen-signatures.js';

const SECRET = 'guard-secret';
const NOW = 1_800_000_000_000;
const nowSeconds = NOW / 1000;

function request(headers: Record<string, string>, body: string): IncomingMessage {
  return Object.assign(Readable.from([Buffer.from(body)]), { headers }) as unknown as IncomingMessage;
}

describe('the replay memory', () => {
  it('remembers a signature until its timestamp leaves the window, and never grows past its cap', () => {
    const seen = createSeenSignatures({ windowMs: 300_000, capacity: 3 });
    expect(seen.firstSighting('a', nowSeconds, NOW)).toBe(true);
    expect(seen.firstSighting('a', nowSeconds, NOW + 299_000)).toBe(false);
    // Past the window Slack's own check refuses it anyway; the memory lets it go.
    expect(seen.firstSighting('a', nowSeconds, NOW + 301_000)).toBe(true);
    for (const signature of ['b', 'c', 'd', 'e'])
      seen.firstSighting(signature, nowSeconds + 301, NOW + 301_000);
    expect(seen.size).toBe(3);
  });

  it('at its cap forgets the oldest first, and refuses every replay of what it still holds', () => {
    const seen = createSeenSignatures({ windowMs: 300_000, capacity: 1000 });
    const signature = (i: number) => `v0=${i.toString(16).padStart(64, '0')}#0`;
    for (let i = 0; i < 5000; i += 1) expect(seen.firstSighting(signature(i), nowSeconds, NOW)).toBe(true);
    expect(seen.size).toBe(1000);
    // The last thousand are held, in any order; the ones before them made room.
    for (let i = 4999; i >= 4000; i -= 1)
      expect(seen.firstSighting(signature(i), nowSeconds, NOW)).toBe(false);
    // 3999 comes back and takes 4000's place; 4000 comes back and takes 4001's.
    expect(seen.firstSighting(signature(3999), nowSeconds, NOW)).toBe(true);
    expect(seen.firstSighting(signature(4000), nowSeconds, NOW)).toBe(true);
    for (const i of [3999, 4000, 4002, 4500, 4999])
      expect(seen.firstSighting(signature(i), nowSeconds, NOW)).toBe(false);
    expect(seen.firstSighting(signature(4001), nowSeconds, NOW)).toBe(true);
    // An event's retry number is part of what is remembered.
    expect(seen.firstSighting(signature(4999).replace('#0', '#1'), nowSeconds, NOW)).toBe(true);
  });

  it('lets entries go as they leave the window, oldest first', () => {
    const seen = createSeenSignatures({ windowMs: 300_000, capacity: 100 });
    for (let i = 0; i < 60; i += 1) seen.firstSighting(`s${i}`, nowSeconds + i, NOW + i * 1000);
    expect(seen.firstSighting('s59', nowSeconds + 59, NOW + 329_500)).toBe(false);
    // At NOW + 330 s the first 31 (stamped up to NOW + 30 s) have left the window.
    expect(seen.firstSighting('s0', nowSeconds, NOW + 330_000)).toBe(true);
    expect(seen.size).toBe(30);
    for (let i = 31; i < 60; i += 1)
      expect(seen.firstSighting(`s${i}`, nowSeconds + i, NOW + 330_000)).toBe(false);
  });
});

describe('the request guard', () => {
  const guard = () => createRequestGuard({ signingSecret: SECRET, nowMs: () => NOW, maxBodyBytes: 64 });
  const body = 'command=%2Frejected&text=Acme';

  it('lets a fresh signed request through once', async () => {
    const g = guard();
    const req = () => request(signRequest(SECRET, body, nowSeconds), body);
    const first = req();
    const headers = g.checkHeaders(first);
    if (!headers.ok) throw new Error(headers.refusal);
    expect(await g.readSigned(first, headers)).toEqual({ ok: true, body: Buffer.from(body) });
    const again = req();
    const second = g.checkHeaders(again);
    if (!second.ok) throw new Error(second.refusal);
    expect(await g.readSigned(again, second)).toEqual({ ok: false, refusal: 'replayed' });
  });

  it('names each refusal', async () => {
    const g = guard();
    expect(g.checkHeaders(request({}, body))).toEqual({ ok: false, refusal: 'missing_signature' });
    expect(
      g.checkHeaders(request({ 'x-slack-signature': 'v0=1', 'x-slack-request-timestamp': 'soon' }, body)),
    ).toEqual({
      ok: false,
      refusal: 'missing_signature',
    });
    const signed = (at: number) => signRequest(SECRET, body, at);
    expect(g.checkHeaders(request(signed(nowSeconds + 301), body))).toEqual({
      ok: false,
      refusal: 'future_timestamp',
    });
    expect(g.checkHeaders(request(signed(nowSeconds - 301), body))).toEqual({
      ok: false,
      refusal: 'stale_timestamp',
    });
    expect(g.checkHeaders(request({ ...signed(nowSeconds), 'content-length': '65' }, body))).toEqual({
      ok: false,
      refusal: 'too_large',
    });
    const long = 'x'.repeat(65);
    const tooLong = request(signRequest(SECRET, long, nowSeconds), long);
    const headers = g.checkHeaders(tooLong);
    if (!headers.ok) throw new Error(headers.refusal);
    expect(await g.readSigned(tooLong, headers)).toEqual({ ok: false, refusal: 'too_large' });
    const forged = request({ ...signed(nowSeconds), 'x-slack-signature': `v0=${'0'.repeat(64)}` }, body);
    const forgedHeaders = g.checkHeaders(forged);
    if (!forgedHeaders.ok) throw new Error(forgedHeaders.refusal);
    expect(await g.readSigned(forged, forgedHeaders)).toEqual({ ok: false, refusal: 'bad_signature' });
  });

  it('takes an event retried within the same second for a retry, not a replay', async () => {
    const g = guard();
    const event = '{"type":"event_callback","event_id":"Ev1"}';
    for (const retry of [undefined, '1', '2']) {
      const headers = {
        ...signRequest(SECRET, event, nowSeconds),
        ...(retry ? { 'x-slack-retry-num': retry } : {}),
      };
      const req = request(headers, event);
      const checked = g.checkHeaders(req);
      if (!checked.ok) throw new Error(checked.refusal);
      expect((await g.readSigned(req, checked)).ok).toBe(true);
    }
  });
});
