// Evaluated inside the sandbox page by sandbox.test.ts: renders one of every block and element the
// page's block-kit.js knows (plus hostile text and a block it doesn't know), plays a person's part on
// the controls, and reports what came out. Plain browser JavaScript, like the page itself.

globalThis.blockKitGallery = async (hostile) => {
  const { collectValues, renderBlocks } = await import('/block-kit.js');
  const plain = (text) => ({ type: 'plain_text', text });
  const option = (value, text) => ({ value, text: plain(text) });
  const escaped = hostile.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const input = (blockId, element, extra = {}) => ({
    type: 'input',
    block_id: blockId,
    label: plain(blockId),
    element: { action_id: 'v', ...element },
    ...extra,
  });
  const blocks = [
    { type: 'header', text: plain('A header :tada:') },
    {
      type: 'section',
      text: { type: 'mrkdwn', text: `*Bold* _it_ ~gone~ \`code\`\n> quoted ${escaped}` },
      fields: [plain('Field one'), { type: 'mrkdwn', text: 'Due <!date^1772722800^{date_long}|later>' }],
      accessory: { type: 'button', action_id: 'acc', text: plain('Accessory'), value: 'v1' },
    },
    { type: 'context', elements: [{ type: 'mrkdwn', text: 'Small <https://example.com|print>' }] },
    { type: 'divider' },
    {
      type: 'actions',
      block_id: 'acts',
      elements: [
        { type: 'button', action_id: 'go', text: plain('Go'), style: 'primary', value: 'g' },
        {
          type: 'static_select',
          action_id: 'pick',
          placeholder: plain('Pick'),
          options: [option('a', 'A'), option('b', 'B')],
        },
        { type: 'overflow', action_id: 'more', options: [option('x', 'X')] },
      ],
    },
    input('text', { type: 'plain_text_input', initial_value: 'hi' }),
    input('long', { type: 'plain_text_input', multiline: true }, { optional: true }),
    input('select', { type: 'static_select', options: [option('s1', 'One'), option('s2', 'Two')] }),
    input('multi', { type: 'multi_static_select', options: [option('m1', 'M1'), option('m2', 'M2')] }),
    input('radio', {
      type: 'radio_buttons',
      options: [option('r1', 'R1'), option('r2', 'R2')],
      initial_option: option('r2', 'R2'),
    }),
    input('boxes', { type: 'checkboxes', options: [option('c1', 'C1'), option('c2', 'C2')] }),
    input('date', { type: 'datepicker', initial_date: '2026-03-05' }),
    input('time', { type: 'timepicker' }),
    input('when', { type: 'datetimepicker', initial_date_time: 1772722800 }),
    { type: 'surprise' },
  ];
  const actions = [];
  const root = renderBlocks(blocks, {
    surface: 'modal',
    mrkdwn: { now: Date.parse('2026-03-02T15:00:00Z'), userNames: {} },
    errors: { text: 'Not like that' },
    onAction: (action) => actions.push(action),
  });
  document.body.replaceChildren(root);

  const control = (blockId) =>
    root.querySelector(`[data-block-id="${blockId}"]`).querySelector('input, select, textarea');
  control('long').value = 'Two\nlines';
  control('select').value = 's2';
  control('multi').options[1].selected = true;
  root.querySelector('input[value="c1"]').checked = true;
  control('time').value = '09:30';
  const button = (text) => [...root.querySelectorAll('button')].find((node) => node.textContent === text);
  button('Go').click();
  button('Accessory').click();
  const select = root.querySelector('.bk-inline-select select');
  select.value = 'b';
  select.dispatchEvent(new Event('change'));
  button('X').click();

  const selectors = [
    'h2',
    'strong',
    'em',
    's',
    'code',
    'blockquote',
    'hr',
    'a',
    'textarea',
    'select[multiple]',
    'input[type="radio"]:checked',
    'input[type="checkbox"]',
    'input[type="date"]',
    'input[type="time"]',
  ];
  return {
    text: root.textContent,
    images: root.querySelectorAll('img').length,
    hacked: globalThis.hacked ?? null,
    tags: selectors.map((selector) => [selector, root.querySelectorAll(selector).length]),
    error: root.querySelector('[data-block-id="text"] .bk-error')?.textContent ?? null,
    link: root.querySelector('a')?.getAttribute('href') ?? null,
    values: collectValues(root),
    actions,
  };
};
