// Interactive and display elements: which blocks may hold each one, and the limits of its fields.

import {
  checkFields,
  checkInitialOption,
  checkOptions,
  type FieldTable,
  isObject,
  type JsonObject,
  type Report,
} from './block-kit-primitives.js';

/** Where an element sits: an accessory of a section, an actions/input/context block element. */
export type ElementSlot = 'section' | 'actions' | 'input' | 'context';

interface ElementSpec {
  slots: readonly ElementSlot[];
  fields: FieldTable;
  check?: (element: JsonObject, path: string, report: Report) => void;
}

const placeholder = { kind: 'text', max: 150, plain: true } as const;
const actionId = { kind: 'id' } as const;
const focusOnLoad = { kind: 'bool' } as const;
const confirm = { kind: 'confirm' } as const;

function isRealDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

const initialDate = {
  kind: 'pattern',
  regex: /^\d{4}-\d{2}-\d{2}$/,
  describe: 'a YYYY-MM-DD date',
  valid: isRealDate,
} as const;
const initialTime = {
  kind: 'pattern',
  regex: /^([01]\d|2[0-3]):[0-5]\d$/,
  describe: 'HH:mm (24 h)',
} as const;

const SELECT_SLOTS = ['section', 'actions', 'input'] as const;

/** static_select and multi_static_select: options or option_groups, and initial option(s) among them. */
function checkStaticSelect(element: JsonObject, path: string, report: Report, multi: boolean): void {
  const hasOptions = element.options !== undefined;
  const hasGroups = element.option_groups !== undefined;
  if (hasOptions === hasGroups) report(path, 'needs exactly one of options or option_groups');
  let offered: JsonObject[] = [];
  if (hasOptions) {
    offered = checkOptions(element.options, `${path}.options`, report, { min: 1, max: 100, plainText: true });
  } else if (hasGroups) {
    offered = checkOptionGroups(element.option_groups, `${path}.option_groups`, report);
  }
  if (multi) {
    checkInitialOptions(element.initial_options, offered, `${path}.initial_options`, report);
  } else if (element.initial_option !== undefined) {
    checkInitialOption(element.initial_option, offered, `${path}.initial_option`, report);
  }
}

function checkOptionGroups(value: unknown, path: string, report: Report): JsonObject[] {
  if (!Array.isArray(value)) {
    report(path, 'must be an array of option groups');
    return [];
  }
  if (value.length > 100) report(path, `${value.length} groups > 100`);
  return value.flatMap((group, i) => {
    const at = `${path}[${i}]`;
    if (!isObject(group)) {
      report(at, 'must be an option group {label, options}');
      return [];
    }
    checkFields(group, at, report, { label: { kind: 'text', max: 75, plain: true, required: true } });
    return checkOptions(group.options, `${at}.options`, report, { min: 1, max: 100, plainText: true });
  });
}

function checkInitialOptions(value: unknown, offered: JsonObject[], path: string, report: Report): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) {
    report(path, 'must be an array of options');
    return;
  }
  value.forEach((option, i) => {
    checkInitialOption(option, offered, `${path}[${i}]`, report);
  });
}

function checkChoiceList(element: JsonObject, path: string, report: Report, multi: boolean): void {
  const offered = checkOptions(element.options, `${path}.options`, report, {
    min: 1,
    max: 10,
    plainText: false,
  });
  if (multi) checkInitialOptions(element.initial_options, offered, `${path}.initial_options`, report);
  else if (element.initial_option !== undefined) {
    checkInitialOption(element.initial_option, offered, `${path}.initial_option`, report);
  }
}

function checkTextInputLengths(element: JsonObject, path: string, report: Report): void {
  const { min_length: min, max_length: max, initial_value: initial } = element;
  if (typeof min === 'number' && typeof max === 'number' && min > max) {
    report(`${path}.min_length`, `${min} > max_length ${max}`);
  }
  if (typeof initial === 'string') {
    const limit = typeof max === 'number' ? max : 3000;
    if (initial.length > limit)
      report(`${path}.initial_value`, `${initial.length} chars > max_length ${limit}`);
  }
}

const ELEMENTS: Record<string, ElementSpec> = {
  button: {
    slots: ['section', 'actions'],
    fields: {
      text: { kind: 'text', max: 75, plain: true, required: true },
      action_id: actionId,
      url: { kind: 'string', max: 3000 },
      value: { kind: 'string', max: 2000 },
      style: { kind: 'oneOf', values: ['primary', 'danger'] },
      confirm,
      accessibility_label: { kind: 'string', max: 75 },
    },
  },
  static_select: {
    slots: SELECT_SLOTS,
    fields: { action_id: actionId, placeholder, confirm, focus_on_load: focusOnLoad },
    check: (element, path, report) => checkStaticSelect(element, path, report, false),
  },
  multi_static_select: {
    slots: SELECT_SLOTS,
    fields: {
      action_id: actionId,
      placeholder,
      confirm,
      focus_on_load: focusOnLoad,
      max_selected_items: { kind: 'int', min: 1, max: 100 },
    },
    check: (element, path, report) => checkStaticSelect(element, path, report, true),
  },
  external_select: {
    slots: SELECT_SLOTS,
    fields: {
      action_id: actionId,
      placeholder,
      confirm,
      min_query_length: { kind: 'int', min: 0, max: 1000 },
    },
  },
  users_select: {
    slots: SELECT_SLOTS,
    fields: { action_id: actionId, placeholder, confirm, initial_user: { kind: 'string', max: 255 } },
  },
  multi_users_select: {
    slots: SELECT_SLOTS,
    fields: {
      action_id: actionId,
      placeholder,
      confirm,
      max_selected_items: { kind: 'int', min: 1, max: 100 },
    },
  },
  conversations_select: {
    slots: SELECT_SLOTS,
    fields: { action_id: actionId, placeholder, confirm, initial_conversation: { kind: 'string', max: 255 } },
  },
  channels_select: {
    slots: SELECT_SLOTS,
    fields: { action_id: actionId, placeholder, confirm, initial_channel: { kind: 'string', max: 255 } },
  },
  overflow: {
    slots: ['section', 'actions'],
    fields: { action_id: actionId, confirm },
    check: (element, path, report) => {
      checkOptions(element.options, `${path}.options`, report, { min: 1, max: 5, plainText: true });
    },
  },
  checkboxes: {
    slots: ['section', 'actions', 'input'],
    fields: { action_id: actionId, confirm, focus_on_load: focusOnLoad },
    check: (element, path, report) => checkChoiceList(element, path, report, true),
  },
  radio_buttons: {
    slots: ['section', 'actions', 'input'],
    fields: { action_id: actionId, confirm, focus_on_load: focusOnLoad },
    check: (element, path, report) => checkChoiceList(element, path, report, false),
  },
  datepicker: {
    slots: ['section', 'actions', 'input'],
    fields: {
      action_id: actionId,
      placeholder,
      confirm,
      focus_on_load: focusOnLoad,
      initial_date: initialDate,
    },
  },
  timepicker: {
    slots: ['section', 'actions', 'input'],
    fields: {
      action_id: actionId,
      placeholder,
      confirm,
      focus_on_load: focusOnLoad,
      initial_time: initialTime,
      timezone: { kind: 'string', max: 255 },
    },
  },
  datetimepicker: {
    slots: ['actions', 'input'],
    fields: {
      action_id: actionId,
      confirm,
      focus_on_load: focusOnLoad,
      initial_date_time: { kind: 'int', min: 0, max: Number.MAX_SAFE_INTEGER },
    },
  },
  plain_text_input: {
    slots: ['input'],
    fields: {
      action_id: actionId,
      placeholder,
      initial_value: { kind: 'any' },
      multiline: { kind: 'bool' },
      min_length: { kind: 'int', min: 0, max: 3000 },
      max_length: { kind: 'int', min: 1, max: 3000 },
      focus_on_load: focusOnLoad,
      dispatch_action_config: { kind: 'any' },
    },
    check: (element, path, report) => {
      if (element.initial_value !== undefined && typeof element.initial_value !== 'string') {
        report(`${path}.initial_value`, 'must be a string');
      }
      checkTextInputLengths(element, path, report);
    },
  },
  email_text_input: {
    slots: ['input'],
    fields: {
      action_id: actionId,
      placeholder,
      initial_value: { kind: 'string', max: 3000 },
      focus_on_load: focusOnLoad,
    },
  },
  url_text_input: {
    slots: ['input'],
    fields: {
      action_id: actionId,
      placeholder,
      initial_value: { kind: 'string', max: 3000 },
      focus_on_load: focusOnLoad,
    },
  },
  number_input: {
    slots: ['input'],
    fields: {
      action_id: actionId,
      placeholder,
      is_decimal_allowed: { kind: 'bool' },
      initial_value: { kind: 'string', max: 3000 },
      min_value: { kind: 'string', max: 3000 },
      max_value: { kind: 'string', max: 3000 },
      focus_on_load: focusOnLoad,
    },
    check: (element, path, report) => {
      if (element.is_decimal_allowed === undefined) report(`${path}.is_decimal_allowed`, 'is required');
    },
  },
  rich_text_input: {
    slots: ['input'],
    fields: { action_id: actionId, placeholder, focus_on_load: focusOnLoad, initial_value: { kind: 'any' } },
  },
  file_input: {
    slots: ['input'],
    fields: { action_id: actionId, max_files: { kind: 'int', min: 1, max: 10 }, filetypes: { kind: 'any' } },
  },
  image: {
    slots: ['section', 'context'],
    fields: {
      alt_text: { kind: 'string', max: 2000, required: true },
      image_url: { kind: 'string', max: 3000 },
    },
    check: (element, path, report) => {
      if (element.image_url === undefined && element.slack_file === undefined) {
        report(path, 'needs image_url or slack_file');
      }
    },
  },
};

/** Validates one element placed in `slot`; returns its action_id (if any) for uniqueness checks. */
export function checkElement(
  element: unknown,
  path: string,
  report: Report,
  slot: ElementSlot,
): string | undefined {
  if (!isObject(element)) {
    report(path, 'must be an element object');
    return undefined;
  }
  const type = element.type;
  const spec = typeof type === 'string' ? ELEMENTS[type] : undefined;
  if (spec === undefined) {
    report(`${path}.type`, `unknown element type ${JSON.stringify(type)}`);
    return undefined;
  }
  if (!spec.slots.includes(slot)) {
    report(`${path}.type`, `${String(type)} is not allowed in a ${slot} block`);
  }
  checkFields(element, path, report, spec.fields);
  spec.check?.(element, path, report);
  return typeof element.action_id === 'string' ? element.action_id : undefined;
}
