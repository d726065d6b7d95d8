// Socket Mode specifics: hello, envelopes and acks, the ack deadline, events with retries.

import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { type BareApp, startSocketApp, TEST_SECRETS } from '../../emulator/bare-bolt-app.js';
import { createSlackEmulator, type SlackEmulator, type SlackEmulatorOptions } from '../../emulator/index.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let emu: SlackEmulator | undefined;
let bare: BareApp | undefined;

afterEach(async () => {
  await bare?.stop();
  await emu?.close();
  bare = undefined;
  emu = undefined;
});

async function connect(
  register: Parameters<typeof startSocketApp>[1],
  options: Partial<SlackEmulatorOptions> = {},
) {
  emu = await createSlackEmulator({ ...TEST_SECRETS, ...options });
  bare = await startSocketApp(emu, register);
  return emu;
}

describe('Socket Mode', () => {
  it('greets a raw websocket client with hello and takes acks by envelope_id', async () => {
    emu = await createSlackEmulator({ ...TEST_SECRETS });
    const opened = await fetch(`${emu.apiUrl}apps.connections.open`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_SECRETS.appToken}` },
    }).then((res) => res.json() as Promise<{ ok: boolean; url: string }>);
    expect(opened.ok).toBe(true);

    const socket = new WebSocket(opened.url);
    const messages: unknown[] = [];
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { envelope_id?: string };
      messages.push(message);
      if (message.envelope_id)
        socket.send(JSON.stringify({ envelope_id: message.envelope_id, payload: { text: 'hi' } }));
    });
    await emu.socketConnected();
    emu.useSocketMode();
    const alice = emu.addUser({ id: 'U1', name: 'alice', tz: null });
    const result = await alice.command('/demo', 'hello');
    socket.close();

    expect(messages[0]).toEqual({
      type: 'hello',
      num_connections: 1,
      debug_info: { host: 'emulator' },
      connection_info: { app_id: 'A1' },
    });
    expect(messages[1]).toMatchObject({
      type: 'slash_commands',
      accepts_response_payload: true,
      retry_attempt: 0,
      payload: { command: '/demo', text: 'hello', user_id: 'U1', trigger_id: result.triggerId },
    });
    expect(result).toMatchObject({ status: 200, body: { text: 'hi' } });
    expect(alice.ephemerals).toEqual([expect.objectContaining({ text: 'hi', source: 'ack' })]);
  });

  it('records a problem and resolves with status 0 when the ack comes too late', async () => {
    const emu = await connect(
      (app) => {
        app.command('/slow', async ({ ack }) => {
          await sleep(400);
          await ack();
        });
      },
      { ackTimeoutMs: 150 },
    );
    const alice = emu.addUser({ id: 'U1', name: 'alice', tz: null });
    expect((await alice.command('/slow')).status).toBe(0);
    expect(emu.problems).toEqual([expect.stringContaining('no ack within 150 ms')]);
  });

  it('delivers events_api envelopes with retry_attempt and retry_reason', async () => {
    const seen: Array<{ retryNum: unknown; retryReason: unknown; user: unknown }> = [];
    const emu = await connect((app) => {
      app.event('app_home_opened', async ({ event, context }) => {
        seen.push({ retryNum: context.retryNum, retryReason: context.retryReason, user: event.user });
      });
    });
    const result = await emu.sendEvent(
      { type: 'app_home_opened', user: 'U1', channel: 'DU1', tab: 'home' },
      { retryNum: 2, retryReason: 'timeout' },
    );
    expect(result).toEqual({ status: 200, body: undefined });
    await expect.poll(() => seen).toEqual([{ retryNum: 2, retryReason: 'timeout', user: 'U1' }]);
  });

  it('applies a response_action ack the same way as over HTTP', async () => {
    const emu = await connect((app) => {
      app.command('/demo', async ({ ack, body, client }) => {
        await ack();
        await client.views.open({
          trigger_id: body.trigger_id,
          view: {
            type: 'modal',
            callback_id: 'one',
            title: { type: 'plain_text', text: 'One' },
            submit: { type: 'plain_text', text: 'Next' },
            blocks: [],
          },
        });
      });
      app.view('one', async ({ ack }) => {
        await ack({ response_action: 'clear' });
      });
    });
    const alice = emu.addUser({ id: 'U1', name: 'alice', tz: null });
    await alice.command('/demo');
    await alice.waitForModal();
    expect((await alice.submit()).body).toEqual({ response_action: 'clear' });
    expect(alice.modalStack).toEqual([]);
    expect(emu.problems).toEqual([]);
  });
});
