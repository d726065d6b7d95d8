// Turns "the user typed X into block Y" into view.state.values exactly as Slack reports it, and applies
// the checks Slack's client makes before it lets a user submit (required fields, min_length).

import { isObject } from './json.js';
import type { FormValue, JsonObject } from './types.js';
import { elementsOf, type SlackView, type StateValues } from './view-stack.js';

const TEXT_LIKE = new Set(['plain_text_input', 'email_text_input', 'url_text_input', 'number_input']);
const SINGLE_OPTION = new Set(['static_select', 'radio_buttons', 'external_select']);
const MULTI_OPTION = new Set(['checkboxes', 'multi_static_select', 'multi_external_select']);

/** The state Slack reports for an element nobody has touched: its initial value, or empty. */
function initialState(element: JsonObject): JsonObject | undefined {
  const type = String(element.type);
  if (TEXT_LIKE.has(type)) return { type, value: element.initial_value ?? null };
  if (SINGLE_OPTION.has(type)) return { type, selected_option: element.initial_option ?? null };
  if (MULTI_OPTION.has(type)) return { type, selected_options: element.initial_options ?? [] };
  switch (type) {
    case 'datepicker':
      return { type, selected_date: element.initial_date ?? null };
    case 'timepicker':
      return {
        type,
        selected_time: element.initial_time ?? null,
        ...(element.timezone ? { timezone: element.timezone } : {}),
      };
    case 'datetimepicker':
      return { type, selected_date_time: element.initial_date_time ?? null };
    case 'users_select':
      return { type, selected_user: element.initial_user ?? null };
    case 'multi_users_select':
      return { type, selected_users: element.initial_users ?? [] };
    case 'conversations_select':
      return { type, selected_conversation: element.initial_conversation ?? null };
    case 'channels_select':
      return { type, selected_channel: element.initial_channel ?? null };
    case 'rich_text_input':
      return { type, rich_text_value: element.initial_value ?? null };
    default:
      return undefined; // buttons, overflow menus and images hold no state
  }
}

/** Full view.state.values for a payload: what the user entered, else each element's initial value. */
export function stateOf(view: SlackView): StateValues {
  const values: StateValues = {};
  for (const block of view.blocks) {
    const blockId = String(block.block_id);
    for (const element of elementsOf(block)) {
      const actionId = String(element.action_id);
      const entry = view.state.values[blockId]?.[actionId] ?? initialState(element);
      if (entry !== undefined) values[blockId] = { ...values[blockId], [actionId]: entry };
    }
  }
  return values;
}

function optionsOf(element: JsonObject): JsonObject[] {
  if (Array.isArray(element.options)) return element.options.filter(isObject);
  if (Array.isArray(element.option_groups)) {
    return element.option_groups
      .filter(isObject)
      .flatMap((group) => (Array.isArray(group.options) ? group.options : []));
  }
  return [];
}

/** The option whose value is `value`; throws naming the options there are. */
export function pickOption(element: JsonObject, value: unknown, where: string): JsonObject {
  const option = optionsOf(element).find((candidate) => candidate.value === value);
  if (option === undefined) {
    const offered = optionsOf(element).map((candidate) => JSON.stringify(candidate.value));
    throw new Error(`${where}: ${JSON.stringify(value)} is not one of the options (${offered.join(', ')})`);
  }
  return option;
}

function requireString(value: FormValue, where: string, pattern?: RegExp, describe?: string): string {
  if (typeof value !== 'string' || (pattern && !pattern.test(value))) {
    throw new Error(`${where}: expected ${describe ?? 'a string'}, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** The state entry for a value the user entered; throws when a real user could not enter it. */
function typedState(element: JsonObject, value: FormValue, where: string): JsonObject {
  const type = String(element.type);
  if (value === null) return { ...initialState(element), ...emptyOf(type) };
  if (TEXT_LIKE.has(type)) {
    const text =
      typeof value === 'number' && type === 'number_input' ? String(value) : requireString(value, where);
    const max = typeof element.max_length === 'number' ? element.max_length : 3000;
    if (text.length > max)
      throw new Error(`${where}: a user cannot type ${text.length} chars (max_length ${max})`);
    return { type, value: text };
  }
  if (SINGLE_OPTION.has(type)) return { type, selected_option: pickOption(element, value, where) };
  if (MULTI_OPTION.has(type)) {
    if (!Array.isArray(value)) throw new Error(`${where}: expected an array of option values`);
    return { type, selected_options: value.map((one) => pickOption(element, one, where)) };
  }
  switch (type) {
    case 'datepicker':
      return { type, selected_date: requireString(value, where, /^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD') };
    case 'timepicker':
      return {
        type,
        selected_time: requireString(value, where, /^([01]\d|2[0-3]):[0-5]\d$/, 'HH:mm'),
        ...(element.timezone ? { timezone: element.timezone } : {}),
      };
    case 'datetimepicker':
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        throw new Error(`${where}: expected unix seconds, got ${JSON.stringify(value)}`);
      }
      return { type, selected_date_time: value };
    case 'users_select':
      return { type, selected_user: requireString(value, where) };
    case 'multi_users_select':
      if (!Array.isArray(value)) throw new Error(`${where}: expected an array of user ids`);
      return { type, selected_users: value };
    case 'conversations_select':
      return { type, selected_conversation: requireString(value, where) };
    case 'channels_select':
      return { type, selected_channel: requireString(value, where) };
    default:
      throw new Error(`${where}: a ${type} element cannot be filled in`);
  }
}

function emptyOf(type: string): JsonObject {
  if (TEXT_LIKE.has(type)) return { value: null };
  if (SINGLE_OPTION.has(type)) return { selected_option: null };
  if (MULTI_OPTION.has(type)) return { selected_options: [] };
  return {};
}

/**
 * Records what the user entered into input blocks of `view` (mutating its state). Throws for test bugs:
 * an unknown block_id, a non-input block, or a value the element cannot hold.
 */
export function enterValues(view: SlackView, values: Record<string, FormValue>): void {
  for (const [blockId, value] of Object.entries(values)) {
    const block = view.blocks.find((candidate) => candidate.block_id === blockId);
    const where = `view ${view.callback_id || view.id} block ${JSON.stringify(blockId)}`;
    if (block === undefined) {
      const known = view.blocks.map((candidate) => JSON.stringify(candidate.block_id)).join(', ');
      throw new Error(`${where}: no such block (blocks: ${known})`);
    }
    if (block.type !== 'input' || !isObject(block.element)) throw new Error(`${where}: not an input block`);
    const actionId = String(block.element.action_id);
    view.state.values[blockId] = { [actionId]: typedState(block.element, value, where) };
  }
}

function isEmpty(entry: JsonObject): boolean {
  for (const key of ['value', 'selected_option', 'selected_date', 'selected_time', 'selected_date_time']) {
    if (key in entry) return entry[key] === null || entry[key] === '';
  }
  for (const key of ['selected_options', 'selected_users']) {
    if (key in entry) return !Array.isArray(entry[key]) || entry[key].length === 0;
  }
  for (const key of ['selected_user', 'selected_conversation', 'selected_channel', 'rich_text_value']) {
    if (key in entry) return entry[key] === null;
  }
  return false;
}

/** Errors Slack's client shows without sending anything: empty required inputs, text under min_length. */
export function clientSideErrors(view: SlackView, state: StateValues): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const block of view.blocks) {
    if (block.type !== 'input' || !isObject(block.element)) continue;
    const blockId = String(block.block_id);
    const entry = state[blockId]?.[String(block.element.action_id)];
    if (entry === undefined) continue;
    const empty = isEmpty(entry);
    if (empty && block.optional !== true) errors[blockId] = 'Please complete this required field.';
    const min = block.element.min_length;
    if (!empty && typeof min === 'number' && typeof entry.value === 'string' && entry.value.length < min) {
      errors[blockId] = `Must be at least ${min} characters.`;
    }
  }
  return errors;
}
