// The text a person would see in Slack for a modal, a Home view or a message, so tests can
// assert on what people read rather than on the JSON that carries it.
//
// What counts as seen:
// - views: the modal's title, every block, then the submit and close buttons;
// - messages: the blocks when there are any, else the top-level `text`. Slack shows a
//   message's `text` only when it has no blocks (otherwise it is the notification and
//   search preview), so it is left out then. Legacy attachments are shown either way.
// - blocks: header, section text, fields and accessory, context elements, input label,
//   hint and element, actions elements, image titles, rich_text and markdown text;
// - elements: button text; placeholders; initial values, or what the person has typed or
//   picked (a held view's `state`, which wins over the initial value); the options of
//   selects, overflows, checkboxes and radio buttons (text and description), since a person
//   sees them once the menu is open. Dates and times from pickers are not rendered (they show
//   in the reader's own zone): assert on those fields structurally.
// - mrkdwn roughly as Slack renders it: `*bold*`, `_italic_`, `~strike~` and `` `code` ``
//   lose their markers, a `>` quote its marker, `<url|label>` shows label, `<!date^…|fallback>`
//   its fallback, `<@U1>` `@U1`, `<!channel>` `@channel`, `<#C1|general>` `#general`; then
//   `&amp;`, `&lt;`, `&gt;` show as `&`, `<`, `>`. plain_text is shown as it is.
// Each text is one line (or more, when it holds newlines) of the result.

import { isObject } from './json.js';
import type { JsonObject } from './types.js';

/** A modal or Home view (the app's or as the emulator holds it), or a message or ack body. */
export type Surface = JsonObject | { text?: unknown; blocks?: unknown };

export function visibleText(surface: Surface | undefined | null): string {
  if (!isObject(surface)) throw new Error('visibleText: nothing to read (no view or message)');
  const lines = isView(surface) ? viewLines(surface) : messageLines(surface);
  return lines.filter((line) => line !== '').join('\n');
}

function isView(surface: JsonObject): boolean {
  return surface.type === 'modal' || surface.type === 'home';
}

function viewLines(view: JsonObject): string[] {
  const state = stateOf(view);
  return [textOf(view.title), ...blocksLines(view.blocks, state), textOf(view.submit), textOf(view.close)];
}

function messageLines(message: JsonObject): string[] {
  const blocks = Array.isArray(message.blocks) && message.blocks.length > 0 ? message.blocks : undefined;
  const body = blocks
    ? blocksLines(blocks, {})
    : [typeof message.text === 'string' ? mrkdwn(message.text) : ''];
  const attachments = Array.isArray(message.attachments) ? message.attachments.filter(isObject) : [];
  return [...body, ...attachments.flatMap(attachmentLines)];
}

function attachmentLines(attachment: JsonObject): string[] {
  const fields = Array.isArray(attachment.fields) ? attachment.fields.filter(isObject) : [];
  return [
    ...['pretext', 'title', 'text'].map((key) => stringAt(attachment, key, mrkdwn)),
    ...fields.flatMap((field) => [stringAt(field, 'title', plain), stringAt(field, 'value', mrkdwn)]),
    ...blocksLines(attachment.blocks, {}),
  ];
}

type State = Record<string, Record<string, JsonObject>>;

function stateOf(view: JsonObject): State {
  const values = isObject(view.state) ? view.state.values : undefined;
  return isObject(values) ? (values as State) : {};
}

function blocksLines(blocks: unknown, state: State): string[] {
  if (!Array.isArray(blocks)) return [];
  return blocks.filter(isObject).flatMap((block) => blockLines(block, state));
}

function blockLines(block: JsonObject, state: State): string[] {
  const entered = typeof block.block_id === 'string' ? state[block.block_id] : undefined;
  switch (block.type) {
    case 'header':
      return [textOf(block.text)];
    case 'section': {
      const fields = Array.isArray(block.fields) ? block.fields.map(textOf) : [];
      return [textOf(block.text), ...fields, ...elementLines(block.accessory, entered)];
    }
    case 'context':
      return listOf(block.elements).map((element) => (element.type === 'image' ? '' : textOf(element)));
    case 'actions':
      return listOf(block.elements).flatMap((element) => elementLines(element, entered));
    case 'input':
      return [textOf(block.label), ...elementLines(block.element, entered), textOf(block.hint)];
    case 'image':
      return [textOf(block.title)];
    case 'markdown':
      return [stringAt(block, 'text', plain)];
    case 'rich_text':
      return [richText(block.elements)];
    default:
      return [];
  }
}

function elementLines(element: unknown, entered: Record<string, JsonObject> | undefined): string[] {
  if (!isObject(element)) return [];
  const typed = typeof element.action_id === 'string' ? entered?.[element.action_id] : undefined;
  switch (element.type) {
    case 'button':
      return [textOf(element.text)];
    case 'image':
      return [];
    case 'checkboxes':
    case 'radio_buttons':
      // Every option is on screen; which are ticked is state, not text.
      return optionsOf(element).flatMap(optionLines);
    case 'overflow':
    case 'static_select':
    case 'multi_static_select':
      return [
        chosen(element, typed) || textOf(element.placeholder),
        ...optionsOf(element).flatMap(optionLines),
      ];
    default:
      return [chosen(element, typed) || textOf(element.placeholder)];
  }
}

/** What an input shows as filled in: what the person entered, else the app's initial value. */
function chosen(element: JsonObject, typed: JsonObject | undefined): string {
  if (typed !== undefined) {
    if (typeof typed.value === 'string') return typed.value;
    if (isObject(typed.rich_text_value)) return richText(typed.rich_text_value.elements);
    return picked(typed.selected_option, typed.selected_options);
  }
  if (typeof element.initial_value === 'string') return element.initial_value;
  if (isObject(element.initial_value)) return richText(element.initial_value.elements);
  return picked(element.initial_option, element.initial_options);
}

function picked(one: unknown, many: unknown): string {
  return [...(isObject(one) ? [one] : []), ...listOf(many)].map(optionText).join('\n');
}

function optionsOf(element: JsonObject): JsonObject[] {
  const groups = listOf(element.option_groups);
  return [...listOf(element.options), ...groups.flatMap((group) => listOf(group.options))];
}

function optionLines(option: JsonObject): string[] {
  return [optionText(option), textOf(option.description)];
}

function optionText(option: JsonObject): string {
  return textOf(option.text);
}

function listOf(value: unknown): JsonObject[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

function stringAt(object: JsonObject, key: string, render: (text: string) => string): string {
  const value = object[key];
  return typeof value === 'string' ? render(value) : '';
}

/** A text object: mrkdwn rendered, plain_text as it is. */
function textOf(value: unknown): string {
  if (!isObject(value) || typeof value.text !== 'string') return '';
  return value.type === 'mrkdwn' ? mrkdwn(value.text) : value.text;
}

function plain(text: string): string {
  return text;
}

/** rich_text's sections, lists, quotes and preformatted runs: their text, links and mentions. */
function richText(elements: unknown): string {
  return listOf(elements)
    .map((element) => {
      if (Array.isArray(element.elements)) return richText(element.elements);
      switch (element.type) {
        case 'text':
          return typeof element.text === 'string' ? element.text : '';
        case 'link':
          return typeof element.text === 'string' ? element.text : String(element.url ?? '');
        case 'user':
          return `@${String(element.user_id ?? '')}`;
        case 'channel':
          return `#${String(element.channel_id ?? '')}`;
        case 'broadcast':
          return `@${String(element.range ?? '')}`;
        case 'emoji':
          return `:${String(element.name ?? '')}:`;
        default:
          return '';
      }
    })
    .join('');
}

/** `*bold*`, `_italic_`, `~strike~`: a pair counts at word edges, around text with no space at its ends. */
const FORMATTING = ['\\*', '_', '~'].map(
  (m) => new RegExp(`(^|[^\\w${m}])${m}(?=[^\\s${m}])([^${m}\\n]*?[^\\s${m}])${m}(?![\\w${m}])`, 'g'),
);

/** mrkdwn as Slack shows it, roughly (see the top of this file). */
export function mrkdwn(text: string): string {
  // Code blocks and code spans are shown verbatim: no formatting or links inside them.
  return text
    .split(/(```[\s\S]*?```)/)
    .map((part) =>
      isFenced(part) ? unescapeEntities(part.slice(3, -3)) : part.split('\n').map(renderLine).join('\n'),
    )
    .join('');
}

function isFenced(part: string): boolean {
  return part.length >= 6 && part.startsWith('```') && part.endsWith('```');
}

function renderLine(line: string): string {
  return line
    .replace(/^>\s?/, '')
    .split(/(`[^`]+`)/)
    .map((part) => (/^`[^`]+`$/.test(part) ? unescapeEntities(part.slice(1, -1)) : renderRun(part)))
    .join('');
}

function renderRun(run: string): string {
  let out = run.replace(/<([^<>]*)>/g, (_all, inner: string) => link(inner));
  for (const pair of FORMATTING) out = out.replace(pair, '$1$2');
  return unescapeEntities(out);
}

function link(inner: string): string {
  const [target = '', label] = splitOnce(inner, '|');
  if (target.startsWith('!date^')) return label ?? '';
  if (target.startsWith('!subteam^')) return label ?? '@group';
  if (target.startsWith('!')) return `@${target.slice(1)}`;
  if (target.startsWith('@')) return label ? `@${label}` : target;
  if (target.startsWith('#')) return `#${label ?? target.slice(1)}`;
  return label ?? target;
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

function unescapeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
