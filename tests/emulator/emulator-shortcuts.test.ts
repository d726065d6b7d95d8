// Shortcuts, users selects, users.info for bots and deactivated people, and chat.delete: what
// a Bolt app sees from the emulator, over HTTP and Socket Mode.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type BareApp, startHttpApp, startSocketApp, TEST_SECRETS } from '../../emulator/bare-bolt-app.js';
import { createSlackEmulator, type SlackEmulator } from '../../emulator/index.js';

const pickerModal = {
  type: 'modal' as const,
  callback_id: 'pick',
  title: { type: 'plain_text' as const, text: 'Pick someone' },
  submit: { type: 'plain_text' as const, text: 'Send' },
  blocks: [
    {
      type: 'input' as const,
      block_id: 'who',
      label: { type: 'plain_text' as const, text: 'Who' },
      element: { type: 'users_select' as const, action_id: 'user' },
    },
  ],
};

describe.each([
  ['HTTP', startHttpApp],
  ['Socket Mode', startSocketApp],
] as const)('shortcuts over %s', (_mode, start) => {
  let emu: SlackEmulator;
  let bare: BareApp;
  const seen: Record<string, unknown>[] = [];

  beforeEach(async () => {
    seen.length = 0;
    emu = await createSlackEmulator({ ...TEST_SECRETS });
    bare = await start(emu, (app) => {
      app.shortcut({ callback_id: 'global_one', type: 'shortcut' }, async ({ ack, shortcut, client }) => {
        await ack();
        seen.push(shortcut as unknown as Record<string, unknown>);
        await client.views.open({ trigger_id: shortcut.trigger_id, view: pickerModal });
      });
      app.shortcut({ callback_id: 'on_message', type: 'message_action' }, async ({ ack, shortcut }) => {
        await ack();
        seen.push(shortcut as unknown as Record<string, unknown>);
      });
      app.view('pick', async ({ ack, view, client }) => {
        await ack();
        const picked = view.state.values.who?.user?.selected_user ?? '';
        const info = await client.users.info({ user: picked });
        const posted = await client.chat.postMessage({
          channel: picked,
          text: info.user?.deleted ? 'gone' : info.user?.is_bot ? 'a bot' : 'hello',
        });
        await client.chat.delete({ channel: String(posted.channel), ts: String(posted.ts) });
      });
    });
  });

  afterEach(async () => {
    await bare.stop();
    await emu.close();
  });

  it('delivers a global shortcut with a trigger_id the app can open a modal with', async () => {
    const alice = emu.addUser({ id: 'U1', name: 'alice', tz: null });
    const result = await alice.globalShortcut('global_one');
    expect(result.status).toBe(200);
    await alice.waitForModal((view) => view.callback_id === 'pick');
    expect(seen[0]).toMatchObject({ type: 'shortcut', callback_id: 'global_one', user: { id: 'U1' } });
    expect(emu.callsTo('views.open')[0]?.params.trigger_id).toBe(result.triggerId);
    expect(emu.problems).toEqual([]);
  });

  it('delivers a message shortcut with the message, its author and a response_url', async () => {
    const alice = emu.addUser({ id: 'U1', name: 'alice', tz: null });
    emu.addUser({ id: 'U2', name: 'sam', tz: null });
    await alice.messageShortcut('on_message', { text: 'We went with someone else', user: 'U2' });
    await alice.messageShortcut('on_message', { text: 'Forwarded mail', channelId: 'C0JOBS' });
    await expect.poll(() => seen.length).toBe(2);
    expect(seen[0]).toMatchObject({
      type: 'message_action',
      callback_id: 'on_message',
      channel: { id: 'C0GENERAL' },
      message: { type: 'message', user: 'U2', text: 'We went with someone else' },
    });
    expect(String(seen[0]?.trigger_id)).not.toBe('');
    expect(String(seen[0]?.response_url)).toContain('/response/');
    expect(seen[1]).toMatchObject({ channel: { id: 'C0JOBS' }, message: { subtype: 'bot_message' } });
    expect(seen[1]?.message).not.toHaveProperty('user');
    // A message a person posted in a channel carries its author, and the shortcut works on it.
    const posted = emu.postAs('U2', 'C0JOBS', 'Thanks for applying');
    expect(emu.messagesIn('C0JOBS')).toEqual([
      expect.objectContaining({ user: 'U2', text: 'Thanks for applying' }),
    ]);
    await alice.messageShortcut('on_message', {
      text: posted.text ?? '',
      user: 'U2',
      ts: posted.ts,
      channelId: 'C0JOBS',
    });
    await expect.poll(() => seen.length).toBe(3);
    expect(seen[2]).toMatchObject({ message_ts: posted.ts, message: { ts: posted.ts, user: 'U2' } });
    expect(() => emu.postAs('U404', 'C0JOBS', 'x')).toThrow(/no user U404/);
    await expect(alice.messageShortcut('on_message', { text: 'x', user: 'U404' })).rejects.toThrow(
      /no user U404/,
    );
  });

  it('lets a users select pick members only, and answers users.info for bots and deactivated people', async () => {
    const alice = emu.addUser({ id: 'U1', name: 'alice', tz: null });
    emu.addUser({ id: 'U2', name: 'sam', tz: null });
    emu.addUser({ id: 'UB', name: 'helperbot', tz: null, isBot: true });
    emu.addUser({ id: 'UX', name: 'former', tz: null, deleted: true });

    for (const [who, text] of [
      ['U2', 'hello'],
      ['UB', 'a bot'],
      ['UX', 'gone'],
    ] as const) {
      await alice.globalShortcut('global_one');
      await alice.waitForModal((view) => view.callback_id === 'pick');
      expect(() => alice.enter({ who: 'U404' })).toThrow(/not a member/);
      await alice.submit({ who });
      await emu.waitForCall('chat.delete', (call) => call.params.channel === `D${who}`);
      const posted = emu.callsTo('chat.postMessage').find((call) => call.params.channel === who);
      expect(posted?.params.text).toBe(text);
      // chat.delete took the message out of the DM again.
      expect(emu.messagesIn(`D${who}`)).toEqual([]);
    }
    const infos = emu.callsTo('users.info').map((call) => call.params.user);
    expect(infos).toEqual(['U2', 'UB', 'UX']);
    expect(emu.problems).toEqual([]);
  });
});
