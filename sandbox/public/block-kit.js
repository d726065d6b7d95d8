// Block Kit → DOM, for modals, messages and the Home tab, from the exact JSON the app sent.
// Every piece of text becomes a text node (or goes through mrkdwn.js, which yields text nodes):
// nothing the app or a person wrote is ever parsed as HTML.
//
// Input blocks become form controls that collectValues() reads back as the emulator's form values
// (block_id → string, string[], unix seconds or null). Buttons, selects, overflow menus and radio
// groups outside input blocks call ctx.onAction at once, as Slack sends block_actions at once.

import { parseMrkdwn, plainTextNodes } from './mrkdwn.js';

/**
 * @typedef {{
 *   surface: 'modal' | 'message' | 'home',
 *   state?: Record<string, Record<string, any>>,
 *   errors?: Record<string, string> | null,
 *   mrkdwn: { now: number, userNames: Record<string, string> },
 *   users?: { id: string, name: string }[],
 *   onAction?: (action: object, confirm?: object) => void,
 *   idPrefix?: string,
 * }} RenderContext
 */

let nextId = 0;
function uid(ctx, what) {
  nextId += 1;
  return `${ctx.idPrefix ?? 'bk'}-${what}-${nextId}`;
}

/** Creates an element; `props` sets properties (className, type, value …) and `attrs` attributes. */
export function h(tag, props = {}, children = [], attrs = {}) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value !== undefined && value !== null) node[key] = value;
  }
  for (const [key, value] of Object.entries(attrs)) {
    if (value !== undefined && value !== null && value !== false) node.setAttribute(key, String(value));
  }
  for (const child of [children].flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

// ---- text ---------------------------------------------------------------------------------------

function mrkdwnNodes(nodes) {
  return nodes.map((node) => {
    switch (node.type) {
      case 'text':
        return document.createTextNode(node.text);
      case 'bold':
        return h('strong', {}, mrkdwnNodes(node.children));
      case 'italic':
        return h('em', {}, mrkdwnNodes(node.children));
      case 'strike':
        return h('s', {}, mrkdwnNodes(node.children));
      case 'code':
        return h('code', { textContent: node.text });
      case 'pre':
        return h('pre', { className: 'mrkdwn-pre', textContent: node.text });
      case 'quote':
        return h('blockquote', {}, mrkdwnNodes(node.children));
      case 'link':
        return node.url
          ? h('a', { href: node.url, textContent: node.text }, [], {
              target: '_blank',
              rel: 'noopener noreferrer',
            })
          : h('span', { className: 'dead-link', textContent: node.text, title: 'Link not allowed' });
      case 'mention':
        return h('span', { className: 'mention', textContent: node.text });
      case 'date':
        return node.url
          ? h('a', { href: node.url, className: 'date', textContent: node.text }, [], { target: '_blank' })
          : h('span', { className: 'date', textContent: node.text });
      case 'emoji':
        return h('span', { className: 'emoji', textContent: node.text, title: `:${node.name}:` });
      default:
        return document.createTextNode('');
    }
  });
}

export function renderMrkdwn(text, ctx, className = 'mrkdwn') {
  return h('div', { className }, mrkdwnNodes(parseMrkdwn(text, ctx.mrkdwn)));
}

/** plain_text (emoji shortcodes shown when `emoji` isn't false) or mrkdwn, inline. */
export function renderText(object, ctx, className = 'text') {
  if (!object || typeof object.text !== 'string') return h('span', { className });
  if (object.type === 'mrkdwn') return renderMrkdwn(object.text, ctx, `mrkdwn ${className}`);
  const nodes = object.emoji === false ? [{ type: 'text', text: object.text }] : plainTextNodes(object.text);
  return h('span', { className }, mrkdwnNodes(nodes));
}

const plain = (object) => (object && typeof object.text === 'string' ? object.text : '');

// ---- blocks -------------------------------------------------------------------------------------

/** @param {any[]} blocks @param {RenderContext} ctx */
export function renderBlocks(blocks, ctx) {
  const container = h('div', { className: `blocks blocks-${ctx.surface}` });
  for (const block of Array.isArray(blocks) ? blocks : []) container.append(renderBlock(block, ctx));
  return container;
}

function renderBlock(block, ctx) {
  switch (block?.type) {
    case 'header':
      return h('h2', { className: 'bk-header' }, renderText(block.text, ctx));
    case 'section':
      return renderSection(block, ctx);
    case 'context':
      return h(
        'div',
        { className: 'bk-context' },
        (block.elements ?? []).map((element) =>
          element.type === 'image'
            ? imagePlaceholder(element, 'context-image')
            : renderText(element, ctx, 'context-text'),
        ),
      );
    case 'divider':
      return h('hr', { className: 'bk-divider' });
    case 'actions':
      return h(
        'div',
        { className: 'bk-actions' },
        (block.elements ?? []).map((element) => renderInteractive(element, block.block_id, ctx)),
      );
    case 'input':
      return renderInput(block, ctx);
    case 'image':
      return h('figure', { className: 'bk-image' }, [
        block.title ? h('figcaption', {}, renderText(block.title, ctx)) : null,
        imagePlaceholder(block, 'image'),
      ]);
    case 'rich_text':
      return h('div', { className: 'bk-rich-text mrkdwn' }, richText(block.elements ?? []));
    case 'markdown':
      return h('div', { className: 'bk-markdown', textContent: String(block.text ?? '') });
    default:
      return h('div', {
        className: 'bk-unknown',
        textContent: `This block (${block?.type}) isn't shown in the sandbox.`,
      });
  }
}

function imagePlaceholder(element, className) {
  // No images are fetched: the sandbox never reaches outside this computer.
  return h('span', {
    className,
    title: String(element.image_url ?? ''),
    textContent: `🖼 ${element.alt_text ?? 'image'}`,
  });
}

function renderSection(block, ctx) {
  const body = h('div', { className: 'bk-section-body' }, [
    block.text ? renderText(block.text, ctx, 'section-text') : null,
    Array.isArray(block.fields)
      ? h(
          'div',
          { className: 'bk-fields' },
          block.fields.map((field) => renderText(field, ctx, 'field')),
        )
      : null,
  ]);
  const accessory = block.accessory
    ? h('div', { className: 'bk-accessory' }, renderInteractive(block.accessory, block.block_id, ctx))
    : null;
  return h('div', { className: 'bk-section' }, [body, accessory]);
}

function richText(elements) {
  return elements.map((element) => {
    switch (element.type) {
      case 'rich_text_section':
        return h('div', {}, richInline(element.elements ?? []));
      case 'rich_text_list': {
        const tag = element.style === 'ordered' ? 'ol' : 'ul';
        return h(
          tag,
          {},
          (element.elements ?? []).map((item) => h('li', {}, richInline(item.elements ?? []))),
        );
      }
      case 'rich_text_preformatted':
        return h('pre', { className: 'mrkdwn-pre' }, richInline(element.elements ?? []));
      case 'rich_text_quote':
        return h('blockquote', {}, richInline(element.elements ?? []));
      default:
        return h('span');
    }
  });
}

function richInline(elements) {
  return elements.map((element) => {
    let node;
    if (element.type === 'link') {
      const url = /^(https?:|mailto:)/i.test(element.url ?? '') ? element.url : null;
      node = url
        ? h('a', { href: url, textContent: element.text ?? url }, [], {
            target: '_blank',
            rel: 'noopener noreferrer',
          })
        : h('span', { textContent: element.text ?? '' });
    } else if (element.type === 'user')
      node = h('span', { className: 'mention', textContent: `@${element.user_id}` });
    else if (element.type === 'channel')
      node = h('span', { className: 'mention', textContent: `#${element.channel_id}` });
    else if (element.type === 'emoji')
      node = h('span', { textContent: element.unicode ? '' : `:${element.name}:` });
    else node = document.createTextNode(String(element.text ?? ''));
    const style = element.style ?? {};
    if (style.code) node = h('code', {}, node);
    if (style.bold) node = h('strong', {}, node);
    if (style.italic) node = h('em', {}, node);
    if (style.strike) node = h('s', {}, node);
    return node;
  });
}

// ---- interactive elements outside input blocks --------------------------------------------------

function act(ctx, element, action) {
  if (ctx.onAction) ctx.onAction(action, element.confirm);
}

function renderInteractive(element, blockId, ctx) {
  const base = { actionId: element.action_id, ...(blockId ? { blockId } : {}) };
  switch (element?.type) {
    case 'button': {
      const button = h(
        'button',
        { type: 'button', className: `bk-button ${element.style ?? ''}`.trim() },
        renderText(element.text, ctx, 'button-text'),
        { title: element.url ?? null, 'aria-label': element.accessibility_label ?? null },
      );
      button.addEventListener('click', () =>
        act(ctx, element, {
          type: 'button',
          ...base,
          ...(element.value !== undefined ? { value: element.value } : {}),
        }),
      );
      return button;
    }
    case 'static_select': {
      const select = selectControl(element, ctx, false, element.initial_option?.value);
      select.setAttribute('aria-label', plain(element.placeholder) || 'Choose');
      select.addEventListener('change', () => {
        if (select.value) act(ctx, element, { type: 'option', ...base, option: select.value });
      });
      return h('span', { className: 'bk-inline-select' }, select);
    }
    case 'overflow':
      return overflowMenu(element, base, ctx);
    case 'radio_buttons': {
      const group = choiceGroup(
        element,
        ctx,
        'radio',
        element.initial_option ? [element.initial_option.value] : [],
      );
      group.addEventListener('change', (event) => {
        act(ctx, element, { type: 'option', ...base, option: event.target.value });
      });
      return group;
    }
    case 'image':
      return imagePlaceholder(element, 'accessory-image');
    default:
      return h('span', {
        className: 'bk-unknown',
        textContent: `${element?.type ?? 'This element'} can't be used here in the sandbox yet.`,
      });
  }
}

function overflowMenu(element, base, ctx) {
  const details = h('details', { className: 'bk-overflow' }, [
    h('summary', { className: 'bk-button', textContent: '⋯' }, [], { 'aria-label': 'More actions' }),
  ]);
  const menu = h('div', { className: 'bk-overflow-menu' }, []);
  for (const option of element.options ?? []) {
    const item = h('button', { type: 'button', className: 'bk-overflow-item' }, renderText(option.text, ctx));
    item.addEventListener('click', () => {
      details.open = false;
      act(ctx, element, { type: 'option', ...base, option: option.value });
    });
    menu.append(item);
  }
  details.append(menu);
  return details;
}

// ---- input blocks -------------------------------------------------------------------------------

function selectControl(element, _ctx, multiple, selected) {
  const chosen = new Set([selected ?? []].flat());
  const select = h('select', { className: 'bk-select', multiple });
  if (!multiple) {
    select.append(
      h('option', { value: '', textContent: plain(element.placeholder) || 'Select an item', disabled: true }),
    );
  }
  const optionNode = (option) =>
    h('option', { value: option.value, textContent: plain(option.text), selected: chosen.has(option.value) });
  if (Array.isArray(element.option_groups)) {
    for (const group of element.option_groups) {
      select.append(h('optgroup', { label: plain(group.label) }, (group.options ?? []).map(optionNode)));
    }
  } else {
    select.append(...(element.options ?? []).map(optionNode));
  }
  if (!multiple && chosen.size === 0) select.value = '';
  return select;
}

function choiceGroup(element, ctx, kind, checked) {
  const name = uid(ctx, kind);
  const on = new Set(checked);
  return h(
    'div',
    { className: `bk-choices bk-${kind}` },
    (element.options ?? []).map((option) =>
      h('label', { className: 'bk-choice' }, [
        h('input', { type: kind, name, value: option.value, checked: on.has(option.value) }),
        h('span', { className: 'bk-choice-text' }, [
          renderText(option.text, ctx, 'choice-label'),
          option.description ? renderText(option.description, ctx, 'choice-description') : null,
        ]),
      ]),
    ),
  );
}

const pad = (n) => String(n).padStart(2, '0');
function localDateTime(unixSeconds) {
  if (typeof unixSeconds !== 'number') return { date: '', time: '' };
  const d = new Date(unixSeconds * 1000);
  return {
    date: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`,
    time: `${pad(d.getHours())}:${pad(d.getMinutes())}`,
  };
}

/** The element's current state: what was entered (view.state) or else its initial value. */
function currentOf(block, ctx) {
  const element = block.element;
  return ctx.state?.[block.block_id]?.[element.action_id];
}

const INPUT_KINDS = {
  plain_text_input: 'text',
  email_text_input: 'text',
  url_text_input: 'text',
  number_input: 'text',
  static_select: 'select',
  multi_static_select: 'multiselect',
  radio_buttons: 'radio',
  checkboxes: 'checkboxes',
  datepicker: 'date',
  timepicker: 'time',
  datetimepicker: 'datetime',
  users_select: 'select',
};

function renderInput(block, ctx) {
  const element = block.element ?? {};
  const kind = INPUT_KINDS[element.type];
  const id = uid(ctx, 'input');
  const error = ctx.errors?.[block.block_id];
  const state = currentOf(block, ctx);
  const control = kind ? inputControl(element, kind, id, state, ctx) : null;
  const grouped = kind === 'radio' || kind === 'checkboxes' || kind === 'datetime';
  const label = [
    renderText(block.label, ctx, 'label-text'),
    block.optional ? h('span', { className: 'optional', textContent: ' (optional)' }) : null,
  ];
  const wrapper = h(
    grouped ? 'fieldset' : 'div',
    { className: `bk-input${error ? ' has-error' : ''}` },
    [
      grouped
        ? h('legend', { className: 'bk-label' }, label)
        : h('label', { className: 'bk-label', htmlFor: id }, label),
      control ??
        h('p', {
          className: 'bk-unknown',
          textContent: `${element.type} inputs can't be filled in in the sandbox yet.`,
        }),
      block.hint ? renderText(block.hint, ctx, 'bk-hint') : null,
      error ? h('p', { className: 'bk-error', textContent: error }, [], { role: 'alert' }) : null,
    ],
    { 'data-block-id': block.block_id, 'data-kind': control ? kind : null },
  );
  if (error && control) {
    for (const field of wrapper.querySelectorAll('input, select, textarea'))
      field.setAttribute('aria-invalid', 'true');
  }
  return wrapper;
}

function inputControl(element, kind, id, state, ctx) {
  switch (kind) {
    case 'text': {
      const value = state?.value ?? element.initial_value ?? '';
      const props = {
        id,
        className: 'bk-text',
        value: String(value ?? ''),
        placeholder: plain(element.placeholder),
      };
      const attrs = {
        maxlength: element.max_length ?? null,
        minlength: element.min_length ?? null,
      };
      if (element.multiline) return h('textarea', { ...props, rows: 3 }, [], attrs);
      const type =
        { email_text_input: 'email', url_text_input: 'url', number_input: 'number' }[element.type] ?? 'text';
      return h('input', { ...props, type }, [], {
        ...attrs,
        step: element.type === 'number_input' ? (element.is_decimal_allowed ? 'any' : '1') : null,
        min: element.min_value ?? null,
        max: element.max_value ?? null,
      });
    }
    case 'select':
    case 'multiselect': {
      const source =
        element.type === 'users_select'
          ? {
              ...element,
              options: (ctx.users ?? []).map((user) => ({
                text: { type: 'plain_text', text: user.name },
                value: user.id,
              })),
            }
          : element;
      const selected =
        element.type === 'users_select'
          ? (state?.selected_user ?? element.initial_user)
          : kind === 'multiselect'
            ? (state?.selected_options ?? element.initial_options ?? []).map((option) => option.value)
            : (state?.selected_option ?? element.initial_option)?.value;
      const select = selectControl(source, ctx, kind === 'multiselect', selected);
      select.id = id;
      return select;
    }
    case 'radio': {
      const selected = state?.selected_option ?? element.initial_option;
      return choiceGroup(element, ctx, 'radio', selected ? [selected.value] : []);
    }
    case 'checkboxes': {
      const selected = state?.selected_options ?? element.initial_options ?? [];
      return choiceGroup(
        element,
        ctx,
        'checkbox',
        selected.map((option) => option.value),
      );
    }
    case 'date':
      return h('input', {
        id,
        type: 'date',
        className: 'bk-text',
        value: state?.selected_date ?? element.initial_date ?? '',
      });
    case 'time':
      return h('input', {
        id,
        type: 'time',
        className: 'bk-text',
        value: state?.selected_time ?? element.initial_time ?? '',
      });
    case 'datetime': {
      const { date, time } = localDateTime(state?.selected_date_time ?? element.initial_date_time);
      return h('div', { className: 'bk-datetime' }, [
        h('input', { type: 'date', className: 'bk-text', value: date }, [], { 'aria-label': 'Date' }),
        h('input', { type: 'time', className: 'bk-text', value: time }, [], { 'aria-label': 'Time' }),
      ]);
    }
    default:
      return null;
  }
}

/** block_id → the value entered, in the emulator's terms, for every input block in `container`. */
export function collectValues(container) {
  const values = {};
  for (const wrapper of container.querySelectorAll('[data-block-id][data-kind]')) {
    const blockId = wrapper.getAttribute('data-block-id');
    const kind = wrapper.getAttribute('data-kind');
    const field = wrapper.querySelector('input, select, textarea');
    switch (kind) {
      case 'text':
      case 'date':
      case 'time':
      case 'select':
        values[blockId] = field?.value ? field.value : null;
        break;
      case 'multiselect':
        values[blockId] = [...(field?.selectedOptions ?? [])].map((option) => option.value);
        break;
      case 'radio':
        values[blockId] = wrapper.querySelector('input:checked')?.value ?? null;
        break;
      case 'checkboxes':
        values[blockId] = [...wrapper.querySelectorAll('input:checked')].map((box) => box.value);
        break;
      case 'datetime': {
        const [date, time] = wrapper.querySelectorAll('input');
        values[blockId] =
          date?.value && time?.value
            ? Math.floor(new Date(`${date.value}T${time.value}`).getTime() / 1000)
            : null;
        break;
      }
      default:
        break;
    }
  }
  return values;
}
