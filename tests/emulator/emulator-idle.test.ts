// emu.idle(): waits until nothing is under way between the emulator and the app, so a test
// can assert that nothing (more) happened without a fixed sleep.

import type { App } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { type BareApp, startHttpApp, TEST_SECRETS } from '../../emulator/bare-bolt-app.js';
import { createSlackEmulator, type SlackEmulator } from '../../emulator/index.js';

let emu: SlackEmulator | undefined;
let bare: BareApp | undefined;

async function setup(register: (app: App) => void) {
  emu = await createSlackEmulator({ ...TEST_SECRETS });
  bare = await startHttpApp(emu, register);
  return { emu, alice: emu.addUser({ id: 'U1', name: 'alice', tz: null }) };
}

afterEach(async () => {
  await bare?.stop();
  await emu?.close();
  bare = undefined;
  emu = undefined;
});

describe('emu.idle', () => {
  it('waits for a Web API call the app makes after its ack, however slowly Slack answers it', async () => {
    const { emu, alice } = await setup((app) => {
      app.command('/demo', async ({ ack, client, body }) => {
        await ack();
        await client.chat.postMessage({ channel: body.user_id, text: 'after the ack' });
      });
    });
    emu.failNext('chat.postMessage', { delayMs: 300 });
    await alice.command('/demo');
    // The call has arrived; Slack sits on it for 300 ms.
    await expect.poll(() => emu.callsTo('chat.postMessage').length).toBe(1);
    expect(alice.dm).toEqual([]);
    await emu.idle();
    expect(alice.dm.map((message) => message.text)).toEqual(['after the ack']);
  });

  it('also waits for the app’s own work when told how to reach it, and for what that work sends', async () => {
    let work: Promise<unknown> = Promise.resolve();
    const { emu, alice } = await setup((app) => {
      app.command('/demo', async ({ ack, client, body }) => {
        work = (async () => {
          // Longer than the quiet period, with nothing sent to Slack meanwhile.
          await new Promise((resolve) => setTimeout(resolve, 250));
          await client.chat.postMessage({ channel: body.user_id, text: 'much later' });
        })();
        await ack();
      });
    });
    await alice.command('/demo');
    await emu.idle({ settle: () => work });
    expect(alice.dm.map((message) => message.text)).toEqual(['much later']);
  });

  it('resolves when nothing happens at all', async () => {
    const { emu, alice } = await setup((app) => {
      app.command('/demo', async ({ ack }) => {
        await ack();
      });
    });
    await alice.command('/demo');
    await emu.idle();
    // Bolt's own auth.test on the first request is all there was.
    expect(emu.calls.map((call) => call.method)).toEqual(['auth.test']);
    expect(alice.dm).toEqual([]);
  });

  it('gives up, naming what is still under way, when it never goes quiet', async () => {
    const { emu } = await setup(() => {});
    emu.failNext('users.info', { delayMs: 1500 });
    const slow = fetch(`${emu.apiUrl}users.info?user=U1`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_SECRETS.botToken}` },
    });
    try {
      await expect.poll(() => emu.callsTo('users.info').length).toBe(1);
      await expect(emu.idle({ timeoutMs: 200 })).rejects.toThrow(
        /never went idle: still busy with request \/api\/users\.info/,
      );
    } finally {
      await slow;
    }
    await emu.idle();
  });
});
