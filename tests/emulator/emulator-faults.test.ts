// Slack misbehaving the ways a real deployment meets: the work done but the answer wrong,
// a method that is slow for a while, an outage window, and 429s with any Retry-After.

import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_SECRETS } from '../../emulator/bare-bolt-app.js';
import { createSlackEmulator, type EmulatedUser, type SlackEmulator } from '../../emulator/index.js';

let emu: SlackEmulator;
let alice: EmulatedUser;
let client: webApi.WebClient;

beforeEach(async () => {
  emu = await createSlackEmulator({ ...TEST_SECRETS });
  alice = emu.addUser({ id: 'U1', name: 'alice', tz: null });
  client = new webApi.WebClient(TEST_SECRETS.botToken, {
    slackApiUrl: emu.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  });
});

afterEach(async () => {
  await emu.close();
});

const post = (text: string) =>
  client.chat.postMessage({ channel: 'U1', text }).then(
    () => 'ok',
    (error: { data?: { error?: string }; code?: string }) => error.data?.error ?? error.code ?? 'unknown',
  );

describe('answers that lie', () => {
  it('{errorAfterHandling} posts the message, then answers with that error', async () => {
    emu.failNext('chat.postMessage', { errorAfterHandling: 'internal_error' });
    expect(await post('Checking in')).toBe('internal_error');
    expect(alice.dm.map((message) => message.text)).toEqual(['Checking in']);
    // The call log says what Slack really did: the message went out.
    expect(emu.callsTo('chat.postMessage')[0]).toMatchObject({ ok: true, error: 'internal_error' });
  });

  it('{delayAfterHandlingMs} posts at once and answers late, so a client timeout sees no answer', async () => {
    emu.failNext('chat.postMessage', { delayAfterHandlingMs: 2000 });
    const hasty = new webApi.WebClient(TEST_SECRETS.botToken, {
      slackApiUrl: emu.apiUrl,
      retryConfig: { retries: 0 },
      timeout: 200,
    });
    const error = await hasty.chat.postMessage({ channel: 'U1', text: 'Late' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: webApi.ErrorCode.RequestError });
    expect(alice.dm.map((message) => message.text)).toEqual(['Late']);
  });
});

describe('missing_scope', () => {
  it('names the scope the call needed, as Slack does', async () => {
    emu.failNext('conversations.history', { error: 'missing_scope', needed: 'im:history' });
    const error = await client.conversations.history({ channel: 'U1' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ data: { ok: false, error: 'missing_scope', needed: 'im:history' } });
  });
});

describe('setLatency', () => {
  it('slows every call to one method until set back to 0, and no other method', async () => {
    emu.setLatency('chat.postMessage', 300);
    let started = Date.now();
    expect(await post('slow')).toBe('ok');
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    started = Date.now();
    await client.users.info({ user: 'U1' });
    expect(Date.now() - started).toBeLessThan(250);
    emu.setLatency('chat.postMessage', 0);
    started = Date.now();
    expect(await post('fast')).toBe('ok');
    expect(Date.now() - started).toBeLessThan(250);
  });
});

describe('setLatency, caller gone', () => {
  it('never handles a call whose caller hung up while it waited', async () => {
    emu.setLatency('chat.postMessage', 400);
    const hasty = new webApi.WebClient(TEST_SECRETS.botToken, {
      slackApiUrl: emu.apiUrl,
      retryConfig: { retries: 0 },
      timeout: 100,
    });
    await expect(hasty.chat.postMessage({ channel: 'U1', text: 'never' })).rejects.toMatchObject({
      code: webApi.ErrorCode.RequestError,
    });
    await expect.poll(() => emu.callsTo('chat.postMessage')[0]?.error).toBe('caller_gone');
    expect(alice.dm).toEqual([]);
  });
});

describe('outage window', () => {
  it('fails every call while Slack is down, and nothing is posted, until it ends', async () => {
    emu.startOutage({ status: 503 });
    expect(await post('one')).toBe('slack_webapi_http_error');
    const info = await client.users.info({ user: 'U1' }).catch((e: { statusCode?: number }) => e.statusCode);
    expect(info).toBe(503);
    expect(alice.dm).toEqual([]);
    emu.endOutage();
    expect(await post('two')).toBe('ok');
    expect(alice.dm.map((message) => message.text)).toEqual(['two']);
  });

  it('can take down only some methods, and reset connections instead', async () => {
    emu.startOutage({ reset: true }, ['chat.postMessage']);
    expect(await post('one')).toBe('slack_webapi_request_error');
    await expect(client.users.info({ user: 'U1' })).resolves.toMatchObject({ ok: true });
    emu.endOutage();
    expect(await post('two')).toBe('ok');
  });
});

describe('429 with any Retry-After', () => {
  it.each([0, 1, 30, 3600])('answers Retry-After: %i on the one call it was queued for', async (seconds) => {
    emu.failNext('views.publish', { rateLimited: seconds });
    const error = await client.views
      .publish({ user_id: 'U1', view: { type: 'home', blocks: [] } })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: webApi.ErrorCode.RateLimitedError, retryAfter: seconds });
    // Only that call: the next one, and other methods, go through.
    await expect(
      client.views.publish({ user_id: 'U1', view: { type: 'home', blocks: [] } }),
    ).resolves.toMatchObject({ ok: true });
    expect(await post('still here')).toBe('ok');
  });
});
