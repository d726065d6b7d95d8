// DMs, message buttons, response_urls, history, scheduling, fault injection and rate limits.

import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type BareApp, startHttpApp, TEST_SECRETS } from '../../emulator/bare-bolt-app.js';
import { createSlackEmulator, type EmulatedUser, type SlackEmulator } from '../../emulator/index.js';

const plain = (text: string) => ({ type: 'plain_text' as const, text });

function errorCode(error: unknown): string {
  const data = typeof error === 'object' && error !== null && 'data' in error ? error.data : undefined;
  if (typeof data === 'object' && data !== null && 'error' in data) return String(data.error);
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : String(error);
}

const reminderBlocks = [
  { type: 'section' as const, text: { type: 'mrkdwn' as const, text: 'Time to follow up with *Acme*' } },
  {
    type: 'actions' as const,
    block_id: 'reminder',
    elements: [
      {
        type: 'button' as const,
        action_id: 'done',
        text: plain('Done'),
        value: 'r1',
        style: 'primary' as const,
      },
      { type: 'button' as const, action_id: 'dismiss', text: plain('Dismiss'), value: 'r1' },
    ],
  },
];

let emu: SlackEmulator;
let bare: BareApp;
let alice: EmulatedUser;
let client: webApi.WebClient;

beforeEach(async () => {
  emu = await createSlackEmulator({ ...TEST_SECRETS });
  bare = await startHttpApp(emu, (app) => {
    app.action('done', async ({ ack, body, client }) => {
      await ack();
      if (body.type !== 'block_actions' || !body.channel || !body.message) return;
      await client.chat.update({
        channel: body.channel.id,
        ts: body.message.ts,
        text: 'Followed up',
        blocks: [],
      });
    });
    app.action('dismiss', async ({ ack, respond }) => {
      await ack();
      await respond({ replace_original: true, text: 'Dismissed' });
      await respond({ text: 'Only you see this' });
    });
  });
  alice = emu.addUser({ id: 'U1', name: 'alice', tz: 'Europe/Berlin' });
  client = new webApi.WebClient(TEST_SECRETS.botToken, {
    slackApiUrl: emu.apiUrl,
    retryConfig: { retries: 0 },
  });
});

afterEach(async () => {
  await bare.stop();
  await emu.close();
});

describe('DMs', () => {
  it('posts to a user id into the D channel, and a message button updates it through chat.update', async () => {
    const posted = await client.chat.postMessage({
      channel: 'U1',
      text: 'Reminder',
      blocks: reminderBlocks,
      metadata: { event_type: 'reminder', event_payload: { id: 'r1' } },
    });
    expect(posted.channel).toBe('DU1');
    expect(alice.dm).toEqual([
      expect.objectContaining({
        ts: posted.ts,
        text: 'Reminder',
        updatedCount: 0,
        metadata: expect.anything(),
      }),
    ]);
    expect(emu.callsTo('chat.postMessage')[0]?.params.blocks).toEqual(reminderBlocks);

    const click = await alice.clickMessageButton(String(posted.ts), 'done');
    expect(click.status).toBe(200);
    await expect.poll(() => alice.dm[0]?.updatedCount).toBe(1);
    expect(alice.dm[0]).toMatchObject({ text: 'Followed up', blocks: [] });
    expect(emu.problems).toEqual([]);
  });

  it('answers chat.update with channel_not_found for a user id, as Slack does', async () => {
    const posted = await client.chat.postMessage({ channel: 'U1', text: 'Hi' });
    const answer = await client.chat
      .update({ channel: 'U1', ts: String(posted.ts), text: 'x' })
      .catch(errorCode);
    expect(answer).toBe('channel_not_found');
    expect(await client.chat.update({ channel: 'DU1', ts: '1.000000', text: 'x' }).catch(errorCode)).toBe(
      'message_not_found',
    );
  });

  it('replaces the original through response_url and records ephemeral replies', async () => {
    const posted = await client.chat.postMessage({ channel: 'U1', text: 'Reminder', blocks: reminderBlocks });
    await alice.clickMessageButton(String(posted.ts), 'dismiss', { value: 'r1' });
    await expect.poll(() => alice.ephemerals.length).toBe(1);
    expect(alice.dm[0]).toMatchObject({ text: 'Dismissed', updatedCount: 1 });
    expect(alice.ephemerals[0]).toMatchObject({
      text: 'Only you see this',
      source: 'response_url',
      channel: 'DU1',
    });
  });

  it('shows chat.postEphemeral only to its user and removes messages with chat.delete', async () => {
    await client.chat.postEphemeral({ channel: 'DU1', user: 'U1', text: 'Psst' });
    expect(alice.ephemerals).toEqual([
      expect.objectContaining({ text: 'Psst', source: 'chat.postEphemeral' }),
    ]);
    expect(alice.dm).toEqual([]);
    expect(
      await client.chat.postEphemeral({ channel: 'DU1', user: 'U404', text: 'x' }).catch(errorCode),
    ).toBe('user_not_found');

    const posted = await client.chat.postMessage({ channel: 'U1', text: 'Oops' });
    await client.chat.delete({ channel: 'DU1', ts: String(posted.ts) });
    expect(alice.dm).toEqual([]);
    expect(await client.chat.delete({ channel: 'DU1', ts: String(posted.ts) }).catch(errorCode)).toBe(
      'message_not_found',
    );
  });

  it('chat.delete removes only the app’s own messages; history tells them apart from the person’s', async () => {
    const own = await client.chat.postMessage({
      channel: 'U1',
      text: 'From the app',
      metadata: { event_type: 'mine', event_payload: { n: 1 } },
    });
    const written = alice.writeInDm('From alice');
    const history = await client.conversations.history({ channel: 'DU1', include_all_metadata: true });
    expect(history.messages?.map((message) => [message.text, message.user, message.bot_id])).toEqual([
      ['From alice', 'U1', undefined],
      ['From the app', 'UBOT', 'BBOT'],
    ]);
    expect(history.messages?.[1]?.metadata).toEqual({ event_type: 'mine', event_payload: { n: 1 } });
    expect(await client.chat.delete({ channel: 'DU1', ts: written.ts }).catch(errorCode)).toBe(
      'cant_delete_message',
    );
    await client.chat.delete({ channel: 'DU1', ts: String(own.ts) });
    expect(alice.dm.map((message) => message.text)).toEqual(['From alice']);
  });

  it('lists history newest first, with metadata only when asked for', async () => {
    const { channel } = await client.conversations.open({ users: 'U1' });
    expect(channel?.id).toBe('DU1');
    await client.chat.postMessage({
      channel: 'DU1',
      text: 'first',
      metadata: { event_type: 'a', event_payload: {} },
    });
    await client.chat.postMessage({ channel: 'DU1', text: 'second' });
    const plainHistory = await client.conversations.history({ channel: 'DU1' });
    expect(plainHistory.messages?.map((message) => message.text)).toEqual(['second', 'first']);
    expect(plainHistory.messages?.[1]?.metadata).toBeUndefined();
    const withMetadata = await client.conversations.history({ channel: 'DU1', include_all_metadata: true });
    expect(withMetadata.messages?.[1]?.metadata).toEqual({ event_type: 'a', event_payload: {} });
  });

  it('rejects empty and invalid messages and records invalid blocks as a problem', async () => {
    expect(await client.chat.postMessage({ channel: 'U1', text: '' }).catch(errorCode)).toBe('no_text');
    const badBlocks = [{ type: 'header', text: { type: 'mrkdwn', text: 'Header' } }];
    expect(
      await client.chat.postMessage({ channel: 'U1', text: 'x', blocks: badBlocks }).catch(errorCode),
    ).toBe('invalid_blocks');
    expect(await client.chat.postMessage({ channel: 'U404', text: 'x' }).catch(errorCode)).toBe(
      'channel_not_found',
    );
    expect(emu.problems).toEqual([expect.stringContaining('blocks[0].text.type: must be plain_text here')]);
    expect(alice.dm).toEqual([]);
  });

  it('schedules messages up to 120 days ahead and delivers them when due', async () => {
    const now = Math.floor(Date.now() / 1000);
    const schedule = (postAt: number) =>
      client.chat
        .scheduleMessage({ channel: 'U1', text: 'Later', post_at: postAt })
        .then((r) => r, errorCode);
    expect(await schedule(now - 60)).toBe('time_in_past');
    expect(await schedule(now + 121 * 24 * 3600)).toBe('time_too_far');
    // Two seconds ahead: `now` is floored, so +1 could already be past under load.
    const scheduled = await schedule(now + 2);
    expect(scheduled).toMatchObject({
      ok: true,
      channel: 'DU1',
      scheduled_message_id: expect.stringMatching(/^Q/),
    });
    expect(alice.dm).toEqual([]);
    await alice.waitForDm((message) => message.text === 'Later', 4000);
  });
});

describe('failNext', () => {
  it('answers {error} with ok:false for the next N calls, then normally', async () => {
    emu.failNext('chat.postMessage', { error: 'fatal_error' }, 2);
    const send = () => client.chat.postMessage({ channel: 'U1', text: 'x' }).then(() => 'ok', errorCode);
    expect([await send(), await send(), await send()]).toEqual(['fatal_error', 'fatal_error', 'ok']);
    expect(emu.callsTo('chat.postMessage').map((call) => call.error ?? 'ok')).toEqual([
      'fatal_error',
      'fatal_error',
      'ok',
    ]);
  });

  it('answers {status} with that HTTP status', async () => {
    emu.failNext('users.info', { status: 503 });
    const error = await client.users.info({ user: 'U1' }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: webApi.ErrorCode.HTTPError, statusCode: 503 });
    expect(emu.callsTo('users.info')[0]).toMatchObject({ status: 503, ok: false });
  });

  it('resets the connection for {reset}', async () => {
    emu.failNext('views.publish', { reset: true });
    const error = await client.views
      .publish({ user_id: 'U1', view: { type: 'home', blocks: [] } })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: webApi.ErrorCode.RequestError });
    expect(alice.home).toBeUndefined();
  });

  it('answers {rateLimited} with 429 and Retry-After', async () => {
    emu.failNext('chat.postMessage', { rateLimited: 7 });
    const strict = new webApi.WebClient(TEST_SECRETS.botToken, {
      slackApiUrl: emu.apiUrl,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
    });
    const error = await strict.chat
      .postMessage({ channel: 'U1', text: 'x' })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: webApi.ErrorCode.RateLimitedError, retryAfter: 7 });
  });

  it('delays the answer for {delayMs}', async () => {
    emu.failNext('users.info', { delayMs: 250 });
    const started = Date.now();
    await client.users.info({ user: 'U1' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
  });
});

describe('setRateLimit', () => {
  const post = (channel: string) =>
    fetch(`${emu.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_SECRETS.botToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ channel, text: 'x' }),
    });

  it('limits per channel per second with Retry-After, leaving other channels alone', async () => {
    emu.addUser({ id: 'U2', name: 'bob', tz: null });
    emu.setRateLimit('chat.postMessage', { perChannelPerSecond: 1 });
    expect((await post('U1')).status).toBe(200);
    const limited = await post('DU1'); // the same conversation as U1
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(await limited.json()).toEqual({ ok: false, error: 'ratelimited' });
    expect((await post('U2')).status).toBe(200);
    expect(alice.dm).toHaveLength(1);
  });

  it('limits per minute across channels', async () => {
    emu.addUser({ id: 'U2', name: 'bob', tz: null });
    emu.setRateLimit('chat.postMessage', { perMinute: 2 });
    expect([(await post('U1')).status, (await post('U2')).status]).toEqual([200, 200]);
    const third = await post('U1');
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThanOrEqual(59);
  });

  it('allows a burst before limiting', async () => {
    emu.setRateLimit('chat.postMessage', { perChannelPerSecond: 1, burst: 3 });
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await post('U1')).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});
