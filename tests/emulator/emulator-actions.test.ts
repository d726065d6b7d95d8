// Interactions outside input blocks: Home tab buttons, and options picked in selects, overflow menus and
// radio groups of actions blocks (in a DM message, the Home tab or a modal), which Slack sends at once.

import type { types, webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type BareApp, startHttpApp, TEST_SECRETS } from '../../emulator/bare-bolt-app.js';
import { createSlackEmulator, type EmulatedUser, type SlackEmulator } from '../../emulator/index.js';

const plain = (text: string) => ({ type: 'plain_text' as const, text });
const option = (value: string, text: string) => ({ text: plain(text), value });

const snoozeSelect = {
  type: 'static_select' as const,
  action_id: 'snooze',
  placeholder: plain('Snooze'),
  options: [option('1d', '1 day'), option('1w', '1 week')],
};
const moreMenu = {
  type: 'overflow' as const,
  action_id: 'more',
  options: [option('stop', 'Stop these'), option('help', 'Help')],
};
const followUpBlocks: types.KnownBlock[] = [
  { type: 'section', text: { type: 'mrkdwn', text: '*Checking in*' }, accessory: moreMenu },
  {
    type: 'actions',
    block_id: 'follow-up',
    elements: [snoozeSelect, { type: 'button', action_id: 'done', text: plain('Done'), value: 'n1' }],
  },
];

/** The parts of a block_actions payload these tests look at. */
interface Seen {
  container: unknown;
  action: unknown;
  state: unknown;
  viewType?: string;
  responseUrl?: string;
}

let emu: SlackEmulator;
let bare: BareApp;
let alice: EmulatedUser;
let seen: Seen[];

function remember(body: Record<string, unknown>): void {
  const view = body.view as { type?: string; state?: unknown } | undefined;
  const actions = body.actions as unknown[];
  seen.push({
    container: body.container,
    action: actions[0],
    state: view ? view.state : body.state,
    ...(view?.type ? { viewType: view.type } : {}),
    ...(typeof body.response_url === 'string' ? { responseUrl: body.response_url } : {}),
  });
}

beforeEach(async () => {
  seen = [];
  emu = await createSlackEmulator({ ...TEST_SECRETS });
  bare = await startHttpApp(emu, (app) => {
    app.action(/.*/, async ({ ack, body }) => {
      await ack();
      remember(body as unknown as Record<string, unknown>);
    });
    app.command('/say', async ({ ack }) => {
      await ack({ response_type: 'in_channel', text: 'Hello, channel' });
    });
  });
  alice = emu.addUser({ id: 'U1', name: 'alice', tz: 'Europe/Berlin' });
});

afterEach(async () => {
  await bare.stop();
  await emu.close();
});

async function client(): Promise<webApi.WebClient> {
  const { webApi } = await import('@slack/bolt');
  return new webApi.WebClient(TEST_SECRETS.botToken, {
    slackApiUrl: emu.apiUrl,
    retryConfig: { retries: 0 },
  });
}

describe('the Home tab', () => {
  beforeEach(async () => {
    await (await client()).views.publish({
      user_id: 'U1',
      view: {
        type: 'home',
        blocks: [
          ...followUpBlocks,
          {
            type: 'section',
            block_id: 'draft',
            text: { type: 'mrkdwn', text: 'A draft' },
            accessory: { type: 'button', action_id: 'resume', text: plain('Resume'), value: 'd1' },
          },
        ],
      },
    });
  });

  it('sends a Home button click as block_actions on the Home view', async () => {
    const result = await alice.clickHomeButton('resume');
    expect(result.status).toBe(200);
    expect(seen).toEqual([
      {
        container: { type: 'view', view_id: alice.home?.id },
        action: expect.objectContaining({
          type: 'button',
          action_id: 'resume',
          block_id: 'draft',
          value: 'd1',
        }),
        state: { values: { 'follow-up': { snooze: { type: 'static_select', selected_option: null } } } },
        viewType: 'home',
      },
    ]);
    expect(emu.problems).toEqual([]);
  });

  it('sends a picked option with selected_option and keeps it in the Home view state', async () => {
    await alice.selectOption('home', 'snooze', '1w');
    const picked = option('1w', '1 week');
    expect(seen[0]).toMatchObject({
      container: { type: 'view', view_id: alice.home?.id },
      action: {
        type: 'static_select',
        action_id: 'snooze',
        block_id: 'follow-up',
        selected_option: picked,
        placeholder: plain('Snooze'),
        action_ts: expect.stringMatching(/^\d+\.\d{6}$/),
      },
      state: { values: { 'follow-up': { snooze: { type: 'static_select', selected_option: picked } } } },
    });
    await alice.clickHomeButton('done');
    expect(seen[1]?.state).toEqual(seen[0]?.state);
  });

  it('says which options and elements there are when asked for one that is not', async () => {
    await expect(alice.selectOption('home', 'snooze', '1y')).rejects.toThrow(
      /"1y" is not one of.*"1d", "1w"/,
    );
    await expect(alice.selectOption('home', 'nope', '1d')).rejects.toThrow(
      /no such static_select.*follow-up\/snooze/,
    );
    await expect(alice.clickHomeButton('snooze')).rejects.toThrow(/no such button.*draft\/resume/);
  });
});

describe('DM messages', () => {
  let ts: string;
  beforeEach(async () => {
    const posted = await (await client()).chat.postMessage({
      channel: 'U1',
      text: 'Follow-up',
      blocks: followUpBlocks,
    });
    ts = String(posted.ts);
  });

  it('sends a picked option with the message, its state and a response_url', async () => {
    await alice.selectOption({ messageTs: ts }, 'snooze', '1d');
    const picked = option('1d', '1 day');
    expect(seen[0]).toMatchObject({
      container: { type: 'message', message_ts: ts, channel_id: 'DU1' },
      action: { type: 'static_select', selected_option: picked },
      state: { values: { 'follow-up': { snooze: { type: 'static_select', selected_option: picked } } } },
      responseUrl: expect.stringContaining('/response/'),
    });
  });

  it('keeps no state for an overflow menu, which is only a menu', async () => {
    await alice.selectOption({ messageTs: ts }, 'more', 'stop');
    expect(seen[0]).toMatchObject({
      action: { type: 'overflow', action_id: 'more', selected_option: option('stop', 'Stop these') },
      state: { values: {} },
    });
    expect(seen[0]?.action).not.toHaveProperty('placeholder');
  });

  it('tells apart message buttons with one action_id by block_id', async () => {
    const done = (blockId: string) => ({
      type: 'actions' as const,
      block_id: blockId,
      elements: [{ type: 'button' as const, action_id: 'done', text: plain('Done') }],
    });
    const posted = await (await client()).chat.postMessage({
      channel: 'U1',
      text: 'Two',
      blocks: [done('first'), done('second')],
    });
    await expect(alice.clickMessageButton(String(posted.ts), 'done')).rejects.toThrow(/2 match/);
    await alice.clickMessageButton(String(posted.ts), 'done', { blockId: 'second' });
    expect(seen[0]?.action).toMatchObject({ action_id: 'done', block_id: 'second' });
  });

  it('refuses a message that is not in the DM', async () => {
    await expect(alice.selectOption({ messageTs: '1.000000' }, 'snooze', '1d')).rejects.toThrow(
      /no DM message with ts 1\.000000/,
    );
  });
});

describe('modals', () => {
  it('sends a radio choice in an actions block with the view and keeps it in the view state', async () => {
    const { triggerId } = await alice.command('/say');
    await (await client()).views.open({
      trigger_id: triggerId,
      view: {
        type: 'modal',
        title: plain('Pick'),
        blocks: [
          {
            type: 'actions',
            block_id: 'mood',
            elements: [{ type: 'radio_buttons', action_id: 'how', options: [option('ok', 'OK')] }],
          },
        ],
      },
    });
    await alice.selectOption('modal', 'how', 'ok');
    expect(seen[0]).toMatchObject({
      container: { type: 'view', view_id: alice.modal?.id },
      state: { values: { mood: { how: { type: 'radio_buttons', selected_option: option('ok', 'OK') } } } },
      viewType: 'modal',
    });
    expect(alice.modalState).toEqual({
      mood: { how: expect.objectContaining({ selected_option: option('ok', 'OK') }) },
    });
  });
});

describe('messagesIn', () => {
  it('shows an in_channel command reply in the channel it was typed in', async () => {
    await alice.command('/say', '', { channelId: 'C0RANDOM', channelName: 'random' });
    expect(emu.messagesIn('C0RANDOM')).toEqual([expect.objectContaining({ text: 'Hello, channel' })]);
    expect(emu.messagesIn('C0GENERAL')).toEqual([]);
    expect(alice.ephemerals).toEqual([]);
  });
});
