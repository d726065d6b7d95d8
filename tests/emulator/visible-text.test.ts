import { describe, expect, it } from 'vitest';
import { createSlackEmulator, visibleText } from '../../emulator/index.js';
import { mrkdwn as renderMrkdwn } from '../../emulator/visible-text.js';

const plain = (text: string) => ({ type: 'plain_text', text });
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
const option = (text: string, value: string, description?: string) => ({
  text: plain(text),
  value,
  ...(description === undefined ? {} : { description: plain(description) }),
});

const lines = (text: string) => text.split('\n');

describe('visibleText of a modal', () => {
  const modal = {
    type: 'modal',
    callback_id: 'secret_callback',
    private_metadata: '{"followUpId":"hidden"}',
    title: plain('Rebound'),
    submit: plain('Next'),
    close: plain('Cancel'),
    blocks: [
      { type: 'header', text: plain('Step 1 of 4') },
      { type: 'section', text: mrkdwn('*Hi* there'), fields: [mrkdwn('_left_'), plain('right')] },
      { type: 'divider' },
      {
        type: 'input',
        block_id: 'company',
        label: plain('Company'),
        hint: plain('Where you applied'),
        element: { type: 'plain_text_input', action_id: 'value', initial_value: 'Acme' },
      },
      {
        type: 'input',
        block_id: 'role',
        label: plain('Role'),
        element: { type: 'plain_text_input', action_id: 'value', placeholder: plain('e.g. Designer') },
      },
      {
        type: 'input',
        block_id: 'stage',
        label: plain('Stage'),
        element: {
          type: 'static_select',
          action_id: 'value',
          placeholder: plain('Pick one'),
          options: [option('Phone screen', 'screen'), option('Final round', 'final')],
        },
      },
      {
        type: 'input',
        block_id: 'fit',
        label: plain('Fit'),
        element: {
          type: 'radio_buttons',
          action_id: 'value',
          options: [option('Yes', 'yes', 'It felt right'), option('No', 'no')],
          initial_option: option('Yes', 'yes', 'It felt right'),
        },
      },
      {
        type: 'actions',
        elements: [
          { type: 'button', action_id: 'start_over', text: plain('Start over'), value: 'value-hidden' },
        ],
      },
      {
        type: 'context',
        elements: [
          { type: 'image', image_url: 'https://x.test/a.png', alt_text: 'alt hidden' },
          mrkdwn('Small print'),
        ],
      },
    ],
  };

  it('shows title, headers, sections, fields, inputs, options, buttons, context and the footer buttons', () => {
    expect(lines(visibleText(modal))).toEqual([
      'Rebound',
      'Step 1 of 4',
      'Hi there',
      'left',
      'right',
      'Company',
      'Acme',
      'Where you applied',
      'Role',
      'e.g. Designer',
      'Stage',
      'Pick one',
      'Phone screen',
      'Final round',
      'Fit',
      'Yes',
      'It felt right',
      'No',
      'Start over',
      'Small print',
      'Next',
      'Cancel',
    ]);
  });

  it('never shows ids, values, metadata or alt text', () => {
    const text = visibleText(modal);
    for (const hidden of [
      'secret_callback',
      'hidden',
      'start_over',
      'final',
      'value',
      'alt hidden',
      'https://',
    ]) {
      expect(text).not.toContain(hidden);
    }
  });

  it('shows what the person typed or picked in place of the initial value and placeholder', () => {
    const held = {
      ...modal,
      state: {
        values: {
          company: { value: { type: 'plain_text_input', value: 'Globex' } },
          stage: { value: { type: 'static_select', selected_option: option('Final round', 'final') } },
        },
      },
    };
    const text = lines(visibleText(held));
    expect(text).toContain('Globex');
    expect(text).not.toContain('Acme');
    expect(text).not.toContain('Pick one');
    expect(text.filter((line) => line === 'Final round')).toHaveLength(2);
  });
});

describe('visibleText of a Home view', () => {
  it('has no title and shows section accessories and overflow options', () => {
    const home = {
      type: 'home',
      blocks: [
        {
          type: 'section',
          text: mrkdwn('Check-in about *Acme &amp; Co*'),
          accessory: { type: 'overflow', action_id: 'more', options: [option('Snooze a day', '1d')] },
        },
      ],
    };
    expect(visibleText(home)).toBe('Check-in about Acme & Co\nSnooze a day');
  });
});

describe('visibleText of a message', () => {
  it('shows the blocks and not the notification text when there are blocks', () => {
    const message = {
      text: 'Notification only',
      blocks: [{ type: 'section', text: mrkdwn('In the client') }],
    };
    expect(visibleText(message)).toBe('In the client');
  });

  it('shows the text, rendered, when there are no blocks (or an empty list)', () => {
    expect(visibleText({ text: 'Try `/rejected help` &amp; more' })).toBe('Try /rejected help & more');
    expect(visibleText({ text: 'Plain', blocks: [] })).toBe('Plain');
  });

  it('shows legacy attachments and rich text', () => {
    const message = {
      blocks: [
        {
          type: 'rich_text',
          elements: [
            {
              type: 'rich_text_section',
              elements: [
                { type: 'text', text: 'See ' },
                { type: 'link', url: 'https://a.test', text: 'the guide' },
                { type: 'user', user_id: 'U1' },
              ],
            },
          ],
        },
      ],
      attachments: [{ title: 'Attached', text: '*bold*', fields: [{ title: 'Due', value: 'Monday' }] }],
    };
    expect(lines(visibleText(message))).toEqual(['See the guide@U1', 'Attached', 'bold', 'Due', 'Monday']);
  });

  it('refuses to read nothing, so a missing modal or DM fails the assertion instead of passing it', () => {
    expect(() => visibleText(undefined)).toThrow(/nothing to read/);
    expect(() => visibleText(null)).toThrow(/nothing to read/);
  });

  it('reads messages the emulator holds', async () => {
    const emu = await createSlackEmulator({
      signingSecret: 's',
      botToken: 'xoxb-1',
      appToken: 'xapp-1',
      teamId: 'T1',
      appId: 'A1',
    });
    try {
      const alice = emu.addUser({ id: 'U1', name: 'alice', tz: null });
      const res = await fetch(`${emu.apiUrl}chat.postMessage`, {
        method: 'POST',
        headers: { authorization: 'Bearer xoxb-1', 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify({
          channel: 'U1',
          text: 'fallback',
          blocks: [{ type: 'section', text: mrkdwn('*Hello*') }],
        }),
      });
      expect(((await res.json()) as { ok: boolean }).ok).toBe(true);
      await expect.poll(() => alice.dm.length).toBe(1);
      expect(visibleText(alice.dm[0])).toBe('Hello');
    } finally {
      await emu.close();
    }
  });
});

describe('mrkdwn as Slack renders it', () => {
  it.each([
    ['*bold* _italic_ ~strike~', 'bold italic strike'],
    ['snake_case_name and 2*3*4', 'snake_case_name and 2*3*4'],
    ['* not bold *', '* not bold *'],
    ['a `*code*` span', 'a *code* span'],
    ['```block\n*kept*```', 'block\n*kept*'],
    ['> quoted\n>\n> more', 'quoted\n\nmore'],
    ['&lt;!channel&gt; &amp; Co', '<!channel> & Co'],
    ['<https://a.test|the site> and <https://b.test>', 'the site and https://b.test'],
    ['Due <!date^1767225600^{date_short_pretty}|2026-01-01 00:00 UTC>', 'Due 2026-01-01 00:00 UTC'],
    ['<!channel> <!here> <@U123> <#C1|general> <#C2>', '@channel @here @U123 #general #C2'],
    ['<!subteam^S1|@design>', '@design'],
    ['(*Acme*), "_Globex_".', '(Acme), "Globex".'],
  ])('%j → %j', (input, shown) => {
    expect(renderMrkdwn(input)).toBe(shown);
  });
});
