// Shared checks for Block Kit's building blocks (text objects, ids, options, confirm dialogs),
// plus a tiny field-spec language so element and block rules can be written as tables.

import { isObject } from './json.js';
import type { JsonObject } from './types.js';

export type Report = (path: string, problem: string) => void;

export { isObject } from './json.js';
export type { JsonObject } from './types.js';

/** Slack's limit for callback_id, external_id, block_id and action_id. */
export const ID_MAX = 255;

export interface TextRule {
  max: number;
  /** Slack accepts only plain_text here (labels, titles, button and select option text). */
  plain?: boolean;
}

export function checkText(value: unknown, path: string, report: Report, rule: TextRule): void {
  if (!isObject(value)) {
    report(path, 'must be a text object {type, text}');
    return;
  }
  const { type, text } = value;
  if (type !== 'plain_text' && type !== 'mrkdwn') {
    report(`${path}.type`, `must be plain_text or mrkdwn, got ${JSON.stringify(type)}`);
  } else if (rule.plain && type !== 'plain_text') {
    report(`${path}.type`, 'must be plain_text here');
  }
  if (typeof text !== 'string' || text.length === 0) {
    report(`${path}.text`, 'must be a non-empty string');
  } else if (text.length > rule.max) {
    report(`${path}.text`, `${text.length} chars > ${rule.max}`);
  }
  // Slack rejects these flags on the other text type ("invalid additional property").
  if (type === 'mrkdwn' && 'emoji' in value) report(`${path}.emoji`, 'only allowed on plain_text');
  if (type === 'plain_text' && 'verbatim' in value) report(`${path}.verbatim`, 'only allowed on mrkdwn');
}

export function checkString(
  value: unknown,
  path: string,
  report: Report,
  max: number,
  { allowEmpty = false } = {},
): void {
  if (typeof value !== 'string') {
    report(path, `must be a string, got ${typeof value}`);
  } else if (!allowEmpty && value.length === 0) {
    report(path, 'must not be empty');
  } else if (value.length > max) {
    report(path, `${value.length} chars > ${max}`);
  }
}

/** One field of an element or block, as a table row. */
export type FieldRule =
  | { kind: 'text'; max: number; plain?: boolean; required?: boolean }
  | { kind: 'string'; max: number; required?: boolean }
  | { kind: 'id'; required?: boolean }
  | { kind: 'bool' }
  | { kind: 'int'; min: number; max: number }
  | { kind: 'pattern'; regex: RegExp; describe: string; valid?: (value: string) => boolean }
  | { kind: 'oneOf'; values: readonly string[] }
  | { kind: 'confirm' }
  | { kind: 'any' };

export type FieldTable = Record<string, FieldRule>;

export function checkFields(obj: JsonObject, path: string, report: Report, table: FieldTable): void {
  for (const [key, rule] of Object.entries(table)) {
    const value = obj[key];
    const at = `${path}.${key}`;
    if (value === undefined) {
      if ('required' in rule && rule.required) report(at, 'is required');
      continue;
    }
    checkField(value, at, report, rule);
  }
}

function checkField(value: unknown, at: string, report: Report, rule: FieldRule): void {
  switch (rule.kind) {
    case 'text':
      checkText(value, at, report, rule);
      return;
    case 'string':
      checkString(value, at, report, rule.max);
      return;
    case 'id':
      checkString(value, at, report, ID_MAX);
      return;
    case 'bool':
      if (typeof value !== 'boolean') report(at, 'must be a boolean');
      return;
    case 'int':
      if (typeof value !== 'number' || !Number.isInteger(value)) report(at, 'must be an integer');
      else if (value < rule.min || value > rule.max)
        report(at, `${value} not within ${rule.min}–${rule.max}`);
      return;
    case 'pattern':
      if (typeof value !== 'string' || !rule.regex.test(value) || (rule.valid && !rule.valid(value))) {
        report(at, `must be ${rule.describe}, got ${JSON.stringify(value)}`);
      }
      return;
    case 'oneOf':
      if (typeof value !== 'string' || !rule.values.includes(value)) {
        report(at, `must be one of ${rule.values.join('|')}, got ${JSON.stringify(value)}`);
      }
      return;
    case 'confirm':
      checkConfirm(value, at, report);
      return;
    case 'any':
      return;
  }
}

const CONFIRM_FIELDS: FieldTable = {
  title: { kind: 'text', max: 100, plain: true, required: true },
  text: { kind: 'text', max: 300, required: true },
  confirm: { kind: 'text', max: 30, plain: true, required: true },
  deny: { kind: 'text', max: 30, plain: true, required: true },
  style: { kind: 'oneOf', values: ['primary', 'danger'] },
};

function checkConfirm(value: unknown, path: string, report: Report): void {
  if (!isObject(value)) report(path, 'must be a confirmation dialog object');
  else checkFields(value, path, report, CONFIRM_FIELDS);
}

export interface OptionsRule {
  min: number;
  max: number;
  /** Select and overflow menus take plain_text option text; checkboxes and radios also mrkdwn. */
  plainText: boolean;
}

/** Checks an options array; returns the well-formed options so initial_option(s) can be compared. */
export function checkOptions(value: unknown, path: string, report: Report, rule: OptionsRule): JsonObject[] {
  if (!Array.isArray(value)) {
    report(path, 'must be an array of options');
    return [];
  }
  if (value.length < rule.min) report(path, `${value.length} options < ${rule.min}`);
  if (value.length > rule.max) report(path, `${value.length} options > ${rule.max}`);
  const values = new Set<string>();
  value.forEach((option, i) => {
    const at = `${path}[${i}]`;
    if (!isObject(option)) {
      report(at, 'must be an option object {text, value}');
      return;
    }
    checkFields(option, at, report, {
      text: { kind: 'text', max: 75, plain: rule.plainText, required: true },
      value: { kind: 'string', max: 150, required: true },
      description: { kind: 'text', max: 75 },
      url: { kind: 'string', max: 3000 },
    });
    if (typeof option.value === 'string') {
      if (values.has(option.value))
        report(`${at}.value`, `duplicate option value ${JSON.stringify(option.value)}`);
      values.add(option.value);
    }
  });
  return value.filter(isObject);
}

/** Slack only accepts an initial option that is identical to one of the offered options. */
export function sameOption(a: JsonObject, b: JsonObject): boolean {
  const textA = isObject(a.text) ? a.text : {};
  const textB = isObject(b.text) ? b.text : {};
  return a.value === b.value && textA.text === textB.text && textA.type === textB.type;
}

export function checkInitialOption(
  initial: unknown,
  options: JsonObject[],
  path: string,
  report: Report,
): void {
  if (!isObject(initial)) {
    report(path, 'must be an option object');
  } else if (!options.some((option) => sameOption(option, initial))) {
    report(path, `must equal one of the options (value ${JSON.stringify(initial.value)}, same text)`);
  }
}
