import { describe, expect, it } from 'vitest';
import { validateMessage, validateView } from '../../emulator/block-kit-rules.js';

const plain = (text: string) => ({ type: 'plain_text', text });
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
const option = (text: string, value: string) => ({ text: plain(text), value });

function textInput(blockId: string, element: Record<string, unknown> = {}) {
  return {
    type: 'input',
    block_id: blockId,
    label: plain('Company'),
    element: { type: 'plain_text_input', action_id: 'value', ...element },
  };
}

function modal(blocks: unknown[], extra: Record<string, unknown> = {}) {
  return {
    type: 'modal',
    title: plain('Rebound'),
    submit: plain('Next'),
    close: plain('Cancel'),
    blocks,
    ...extra,
  };
}

const goodModal = modal(
  [
    { type: 'header', text: plain('Step 1 of 4') },
    { type: 'section', text: mrkdwn('*Hi*'), fields: [mrkdwn('a'), plain('b')] },
    { type: 'divider' },
    textInput('company', { initial_value: 'Acme', max_length: 100, min_length: 0, multiline: true }),
    {
      type: 'input',
      block_id: 'stage',
      label: plain('Stage'),
      optional: true,
      element: {
        type: 'static_select',
        action_id: 'value',
        placeholder: plain('Pick one'),
        options: [option('Phone screen', 'screen'), option('Onsite', 'onsite')],
        initial_option: option('Onsite', 'onsite'),
      },
    },
    {
      type: 'input',
      block_id: 'feelings',
      label: plain('Feelings'),
      element: {
        type: 'checkboxes',
        action_id: 'value',
        options: [{ text: mrkdwn('*sad*'), value: 'sad' }, option('Angry', 'angry')],
        initial_options: [option('Angry', 'angry')],
      },
    },
    {
      type: 'input',
      block_id: 'when',
      label: plain('When'),
      element: { type: 'datepicker', action_id: 'value', initial_date: '2024-02-29' },
    },
    {
      type: 'input',
      block_id: 'at',
      label: plain('At'),
      element: { type: 'timepicker', action_id: 'value', initial_time: '23:59' },
    },
    {
      type: 'input',
      block_id: 'remind',
      label: plain('Remind'),
      element: { type: 'datetimepicker', action_id: 'value', initial_date_time: 1_700_000_000 },
    },
    {
      type: 'actions',
      block_id: 'nav',
      elements: [{ type: 'button', action_id: 'back', text: plain('Back'), style: 'danger', value: 'x' }],
    },
    {
      type: 'context',
      elements: [mrkdwn('tip'), { type: 'image', image_url: 'https://x/y.png', alt_text: 'y' }],
    },
  ],
  { callback_id: 'routine_step_1', private_metadata: '', notify_on_close: true },
);

describe('validateView', () => {
  it('accepts a modal that uses every supported field correctly', () => {
    expect(validateView(goodModal)).toEqual([]);
  });

  it('accepts a Home tab without a title', () => {
    expect(validateView({ type: 'home', blocks: [{ type: 'section', text: mrkdwn('hello') }] })).toEqual([]);
  });

  const cases: Array<[string, unknown, string]> = [
    ['wrong view type', { type: 'dialog', blocks: [] }, 'type: must be modal or home, got "dialog"'],
    ['title too long', modal([], { title: plain('x'.repeat(25)) }), 'title.text: 25 chars > 24'],
    ['title as mrkdwn', modal([], { title: mrkdwn('Rebound') }), 'title.type: must be plain_text here'],
    ['missing title', { type: 'modal', blocks: [] }, 'title: is required'],
    ['submit too long', modal([], { submit: plain('x'.repeat(25)) }), 'submit.text: 25 chars > 24'],
    ['close too long', modal([], { close: plain('x'.repeat(25)) }), 'close.text: 25 chars > 24'],
    [
      'input without submit',
      { type: 'modal', title: plain('R'), blocks: [textInput('a')] },
      'submit: is required when the modal has an input block',
    ],
    [
      '101 blocks',
      modal(Array.from({ length: 101 }, () => ({ type: 'divider' }))),
      'blocks: 101 blocks > 100',
    ],
    [
      'private_metadata 3001',
      modal([], { private_metadata: 'x'.repeat(3001) }),
      'private_metadata: 3001 chars > 3000',
    ],
    ['callback_id 256', modal([], { callback_id: 'x'.repeat(256) }), 'callback_id: 256 chars > 255'],
    ['external_id 256', modal([], { external_id: 'x'.repeat(256) }), 'external_id: 256 chars > 255'],
    [
      'block_id 256',
      modal([{ type: 'divider', block_id: 'x'.repeat(256) }]),
      'blocks[0].block_id: 256 chars > 255',
    ],
    [
      'duplicate block_id',
      modal([textInput('a'), textInput('a')]),
      'blocks[1].block_id: duplicate block_id "a" (also blocks[0])',
    ],
    [
      'duplicate action_id in a block',
      modal([
        {
          type: 'actions',
          elements: [
            { type: 'button', action_id: 'go', text: plain('A') },
            { type: 'button', action_id: 'go', text: plain('B') },
          ],
        },
      ]),
      'blocks[0]: duplicate action_id "go" within the block',
    ],
    [
      'header 151',
      modal([{ type: 'header', text: plain('x'.repeat(151)) }]),
      'blocks[0].text.text: 151 chars > 150',
    ],
    [
      'header mrkdwn',
      modal([{ type: 'header', text: mrkdwn('x') }]),
      'blocks[0].text.type: must be plain_text here',
    ],
    [
      'section 3001',
      modal([{ type: 'section', text: mrkdwn('x'.repeat(3001)) }]),
      'blocks[0].text.text: 3001 chars > 3000',
    ],
    [
      'section 11 fields',
      modal([{ type: 'section', fields: Array.from({ length: 11 }, () => mrkdwn('f')) }]),
      'blocks[0].fields: 11 fields > 10',
    ],
    [
      'section field 2001',
      modal([{ type: 'section', fields: [mrkdwn('x'.repeat(2001))] }]),
      'blocks[0].fields[0].text: 2001 chars > 2000',
    ],
    ['section with nothing', modal([{ type: 'section' }]), 'blocks[0]: needs text or fields'],
    [
      'context 11 elements',
      modal([{ type: 'context', elements: Array.from({ length: 11 }, () => mrkdwn('c')) }]),
      'blocks[0].elements: 11 elements > 10',
    ],
    [
      'actions 26 elements',
      modal([
        {
          type: 'actions',
          elements: Array.from({ length: 26 }, (_, i) => ({
            type: 'button',
            action_id: `b${i}`,
            text: plain('B'),
          })),
        },
      ]),
      'blocks[0].elements: 26 elements > 25',
    ],
    [
      'label 2001',
      modal([{ ...textInput('a'), label: plain('x'.repeat(2001)) }]),
      'blocks[0].label.text: 2001 chars > 2000',
    ],
    [
      'hint 2001',
      modal([{ ...textInput('a'), hint: plain('x'.repeat(2001)) }]),
      'blocks[0].hint.text: 2001 chars > 2000',
    ],
    [
      'input with an element array',
      modal([{ ...textInput('a'), element: [{ type: 'plain_text_input' }] }]),
      'blocks[0].element: must be exactly one element, not an array',
    ],
    [
      'input without element',
      modal([{ type: 'input', label: plain('L') }]),
      'blocks[0].element: is required',
    ],
    [
      'max_length 0',
      modal([textInput('a', { max_length: 0 })]),
      'blocks[0].element.max_length: 0 not within 1–3000',
    ],
    [
      'min_length 3001',
      modal([textInput('a', { min_length: 3001 })]),
      'blocks[0].element.min_length: 3001 not within 0–3000',
    ],
    [
      'initial_value over max_length',
      modal([textInput('a', { max_length: 3, initial_value: 'abcd' })]),
      'blocks[0].element.initial_value: 4 chars > max_length 3',
    ],
    [
      'placeholder 151',
      modal([textInput('a', { placeholder: plain('x'.repeat(151)) })]),
      'blocks[0].element.placeholder.text: 151 chars > 150',
    ],
    [
      'select 101 options',
      modal([
        {
          type: 'input',
          label: plain('L'),
          element: {
            type: 'static_select',
            options: Array.from({ length: 101 }, (_, i) => option(`o${i}`, `v${i}`)),
          },
        },
      ]),
      'blocks[0].element.options: 101 options > 100',
    ],
    [
      'option text 76',
      modal([
        {
          type: 'input',
          label: plain('L'),
          element: { type: 'static_select', options: [option('x'.repeat(76), 'v')] },
        },
      ]),
      'blocks[0].element.options[0].text.text: 76 chars > 75',
    ],
    [
      'option value 151',
      modal([
        {
          type: 'input',
          label: plain('L'),
          element: { type: 'static_select', options: [option('t', 'v'.repeat(151))] },
        },
      ]),
      'blocks[0].element.options[0].value: 151 chars > 150',
    ],
    [
      'select option as mrkdwn',
      modal([
        {
          type: 'input',
          label: plain('L'),
          element: { type: 'static_select', options: [{ text: mrkdwn('t'), value: 'v' }] },
        },
      ]),
      'blocks[0].element.options[0].text.type: must be plain_text here',
    ],
    [
      'initial_option not among options',
      modal([
        {
          type: 'input',
          label: plain('L'),
          element: { type: 'static_select', options: [option('A', 'a')], initial_option: option('A!', 'a') },
        },
      ]),
      'blocks[0].element.initial_option: must equal one of the options (value "a", same text)',
    ],
    [
      'checkboxes 11 options',
      modal([
        {
          type: 'input',
          label: plain('L'),
          element: {
            type: 'checkboxes',
            options: Array.from({ length: 11 }, (_, i) => option(`o${i}`, `v${i}`)),
          },
        },
      ]),
      'blocks[0].element.options: 11 options > 10',
    ],
    [
      'radio initial_option mismatch',
      modal([
        {
          type: 'input',
          label: plain('L'),
          element: { type: 'radio_buttons', options: [option('A', 'a')], initial_option: option('B', 'b') },
        },
      ]),
      'blocks[0].element.initial_option: must equal one of the options (value "b", same text)',
    ],
    [
      'checkboxes initial_options mismatch',
      modal([
        {
          type: 'input',
          label: plain('L'),
          element: { type: 'checkboxes', options: [option('A', 'a')], initial_options: [option('A', 'z')] },
        },
      ]),
      'blocks[0].element.initial_options[0]: must equal one of the options (value "z", same text)',
    ],
    [
      'button text 76',
      modal([{ type: 'actions', elements: [{ type: 'button', text: plain('x'.repeat(76)) }] }]),
      'blocks[0].elements[0].text.text: 76 chars > 75',
    ],
    [
      'button value 2001',
      modal([{ type: 'actions', elements: [{ type: 'button', text: plain('b'), value: 'x'.repeat(2001) }] }]),
      'blocks[0].elements[0].value: 2001 chars > 2000',
    ],
    [
      'button style',
      modal([{ type: 'actions', elements: [{ type: 'button', text: plain('b'), style: 'secondary' }] }]),
      'blocks[0].elements[0].style: must be one of primary|danger, got "secondary"',
    ],
    [
      'button text mrkdwn',
      modal([{ type: 'actions', elements: [{ type: 'button', text: mrkdwn('b') }] }]),
      'blocks[0].elements[0].text.type: must be plain_text here',
    ],
    [
      'datepicker bad date',
      modal([
        { type: 'input', label: plain('L'), element: { type: 'datepicker', initial_date: '2023-02-29' } },
      ]),
      'blocks[0].element.initial_date: must be a YYYY-MM-DD date, got "2023-02-29"',
    ],
    [
      'timepicker 12 h',
      modal([{ type: 'input', label: plain('L'), element: { type: 'timepicker', initial_time: '9:30' } }]),
      'blocks[0].element.initial_time: must be HH:mm (24 h), got "9:30"',
    ],
    [
      'datetimepicker milliseconds string',
      modal([
        {
          type: 'input',
          label: plain('L'),
          element: { type: 'datetimepicker', initial_date_time: '1700000000' },
        },
      ]),
      'blocks[0].element.initial_date_time: must be an integer',
    ],
    [
      'empty text',
      modal([{ type: 'section', text: mrkdwn('') }]),
      'blocks[0].text.text: must be a non-empty string',
    ],
    [
      'bad text type',
      modal([{ type: 'section', text: { type: 'markdown', text: 'x' } }]),
      'blocks[0].text.type: must be plain_text or mrkdwn, got "markdown"',
    ],
    [
      'emoji on mrkdwn',
      modal([{ type: 'section', text: { type: 'mrkdwn', text: 'x', emoji: true } }]),
      'blocks[0].text.emoji: only allowed on plain_text',
    ],
    ['unknown block', modal([{ type: 'carousel' }]), 'blocks[0].type: unknown block type "carousel"'],
    [
      'unknown element',
      modal([{ type: 'input', label: plain('L'), element: { type: 'slider' } }]),
      'blocks[0].element.type: unknown element type "slider"',
    ],
    [
      'text input in actions',
      modal([{ type: 'actions', elements: [{ type: 'plain_text_input' }] }]),
      'blocks[0].elements[0].type: plain_text_input is not allowed in a actions block',
    ],
  ];

  it.each(cases)('reports %s', (_name, view, problem) => {
    expect(validateView(view)).toContain(problem);
  });

  it('reports a problem only where one exists (limits are inclusive)', () => {
    const atLimits = modal(
      [
        { type: 'header', text: plain('x'.repeat(150)) },
        {
          ...textInput('a', { max_length: 3000, initial_value: 'x'.repeat(3000) }),
          label: plain('x'.repeat(2000)),
        },
        ...Array.from({ length: 98 }, () => ({ type: 'divider' })),
      ],
      { title: plain('x'.repeat(24)), private_metadata: 'x'.repeat(3000), callback_id: 'x'.repeat(255) },
    );
    expect(validateView(atLimits)).toEqual([]);
  });
});

describe('validateMessage', () => {
  const cases: Array<[string, { text?: unknown; blocks?: unknown }, string | null]> = [
    ['plain text', { text: 'hello' }, null],
    ['blocks only', { blocks: [{ type: 'section', text: mrkdwn('hi') }] }, null],
    ['nothing', {}, 'text: text or blocks is required'],
    ['text 40001', { text: 'x'.repeat(40_001) }, 'text: 40001 chars > 40000'],
    [
      '51 blocks',
      { text: 't', blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })) },
      'blocks: 51 blocks > 50',
    ],
    [
      'bad block inside',
      { text: 't', blocks: [{ type: 'header', text: mrkdwn('h') }] },
      'blocks[0].text.type: must be plain_text here',
    ],
    ['text not a string', { text: 42 }, 'text: must be a string'],
  ];

  it.each(cases)('%s', (_name, message, problem) => {
    const problems = validateMessage(message);
    if (problem === null) expect(problems).toEqual([]);
    else expect(problems).toContain(problem);
  });
});
