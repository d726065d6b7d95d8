// Slack's Block Kit limits, checked the way Slack checks them before it accepts a view or a message.
// Each problem names where it is, e.g. "blocks[3].label.text: 2001 chars > 2000".

import { checkElement } from './block-kit-elements.js';
import {
  checkFields,
  checkString,
  checkText,
  type FieldTable,
  ID_MAX,
  isObject,
  type JsonObject,
  type Report,
} from './block-kit-primitives.js';

type Surface = 'modal' | 'home' | 'message';

interface BlockSpec {
  fields: FieldTable;
  /** Returns the action_ids of the block's elements so duplicates can be reported. */
  check?: (block: JsonObject, path: string, report: Report) => string[];
}

function checkSection(block: JsonObject, path: string, report: Report): string[] {
  if (block.text === undefined && block.fields === undefined) report(path, 'needs text or fields');
  if (block.fields !== undefined) {
    if (!Array.isArray(block.fields)) report(`${path}.fields`, 'must be an array of text objects');
    else {
      if (block.fields.length > 10) report(`${path}.fields`, `${block.fields.length} fields > 10`);
      block.fields.forEach((field, i) => {
        checkText(field, `${path}.fields[${i}]`, report, { max: 2000 });
      });
    }
  }
  if (block.accessory === undefined) return [];
  const id = checkElement(block.accessory, `${path}.accessory`, report, 'section');
  return id === undefined ? [] : [id];
}

function checkActions(block: JsonObject, path: string, report: Report): string[] {
  const elements = block.elements;
  if (!Array.isArray(elements) || elements.length === 0) {
    report(`${path}.elements`, 'must be a non-empty array');
    return [];
  }
  if (elements.length > 25) report(`${path}.elements`, `${elements.length} elements > 25`);
  return elements.flatMap(
    (element, i) => checkElement(element, `${path}.elements[${i}]`, report, 'actions') ?? [],
  );
}

function checkContext(block: JsonObject, path: string, report: Report): string[] {
  const elements = block.elements;
  if (!Array.isArray(elements) || elements.length === 0) {
    report(`${path}.elements`, 'must be a non-empty array');
    return [];
  }
  if (elements.length > 10) report(`${path}.elements`, `${elements.length} elements > 10`);
  elements.forEach((element, i) => {
    const at = `${path}.elements[${i}]`;
    if (isObject(element) && element.type === 'image') checkElement(element, at, report, 'context');
    else checkText(element, at, report, { max: 3000 });
  });
  return [];
}

function checkInput(block: JsonObject, path: string, report: Report): string[] {
  if (Array.isArray(block.element)) {
    report(`${path}.element`, 'must be exactly one element, not an array');
    return [];
  }
  if (block.element === undefined) {
    report(`${path}.element`, 'is required');
    return [];
  }
  const id = checkElement(block.element, `${path}.element`, report, 'input');
  return id === undefined ? [] : [id];
}

const BLOCKS: Record<string, BlockSpec> = {
  section: {
    fields: { text: { kind: 'text', max: 3000 }, expand: { kind: 'bool' } },
    check: checkSection,
  },
  header: { fields: { text: { kind: 'text', max: 150, plain: true, required: true } } },
  divider: { fields: {} },
  actions: { fields: {}, check: checkActions },
  context: { fields: {}, check: checkContext },
  input: {
    fields: {
      label: { kind: 'text', max: 2000, plain: true, required: true },
      hint: { kind: 'text', max: 2000, plain: true },
      optional: { kind: 'bool' },
      dispatch_action: { kind: 'bool' },
    },
    check: checkInput,
  },
  image: {
    fields: {
      alt_text: { kind: 'string', max: 2000, required: true },
      image_url: { kind: 'string', max: 3000 },
      title: { kind: 'text', max: 2000, plain: true },
    },
  },
  // Rich text and markdown are display-only; their inner structure is not checked here.
  rich_text: { fields: { elements: { kind: 'any' } } },
  markdown: { fields: { text: { kind: 'string', max: 12000, required: true } } },
};

function checkBlocks(blocks: unknown, report: Report, maxBlocks: number, surface: Surface): JsonObject[] {
  if (!Array.isArray(blocks)) {
    report('blocks', 'must be an array');
    return [];
  }
  if (blocks.length > maxBlocks) report('blocks', `${blocks.length} blocks > ${maxBlocks}`);
  const blockIds = new Map<string, number>();
  blocks.forEach((block, i) => {
    const path = `blocks[${i}]`;
    if (!isObject(block)) {
      report(path, 'must be a block object');
      return;
    }
    const spec = typeof block.type === 'string' ? BLOCKS[block.type] : undefined;
    if (spec === undefined) {
      report(`${path}.type`, `unknown block type ${JSON.stringify(block.type)}`);
      return;
    }
    if (block.type === 'markdown' && surface !== 'message')
      report(`${path}.type`, 'markdown blocks are message-only');
    if (block.block_id !== undefined) {
      checkString(block.block_id, `${path}.block_id`, report, ID_MAX);
      if (typeof block.block_id === 'string') {
        const first = blockIds.get(block.block_id);
        if (first !== undefined) {
          report(
            `${path}.block_id`,
            `duplicate block_id ${JSON.stringify(block.block_id)} (also blocks[${first}])`,
          );
        } else blockIds.set(block.block_id, i);
      }
    }
    checkFields(block, path, report, spec.fields);
    const actionIds = spec.check?.(block, path, report) ?? [];
    const seen = new Set<string>();
    for (const id of actionIds) {
      if (seen.has(id)) report(path, `duplicate action_id ${JSON.stringify(id)} within the block`);
      seen.add(id);
    }
  });
  return blocks.filter(isObject);
}

const MODAL_FIELDS: FieldTable = {
  title: { kind: 'text', max: 24, plain: true, required: true },
  submit: { kind: 'text', max: 24, plain: true },
  close: { kind: 'text', max: 24, plain: true },
  private_metadata: { kind: 'string', max: 3000 },
  callback_id: { kind: 'id' },
  external_id: { kind: 'id' },
  clear_on_close: { kind: 'bool' },
  notify_on_close: { kind: 'bool' },
  submit_disabled: { kind: 'bool' },
};

const HOME_FIELDS: FieldTable = {
  private_metadata: { kind: 'string', max: 3000 },
  callback_id: { kind: 'id' },
  external_id: { kind: 'id' },
};

function collect(): { problems: string[]; report: Report } {
  const problems: string[] = [];
  return { problems, report: (path, problem) => problems.push(`${path}: ${problem}`) };
}

/** Problems Slack would reject a modal or Home tab view for; [] when valid. */
export function validateView(view: unknown): string[] {
  const { problems, report } = collect();
  if (!isObject(view)) {
    report('view', 'must be an object');
    return problems;
  }
  if (view.type !== 'modal' && view.type !== 'home') {
    report('type', `must be modal or home, got ${JSON.stringify(view.type)}`);
    return problems;
  }
  // private_metadata is allowed to be empty, unlike most strings.
  const fields = { ...(view.type === 'modal' ? MODAL_FIELDS : HOME_FIELDS) };
  if (view.private_metadata === '') delete fields.private_metadata;
  checkFields(view, '', (path, problem) => report(path.slice(1), problem), fields);
  const blocks = checkBlocks(view.blocks, report, 100, view.type);
  if (view.type === 'modal' && view.submit === undefined && blocks.some((block) => block.type === 'input')) {
    report('submit', 'is required when the modal has an input block');
  }
  return problems;
}

/** Problems Slack would reject a message (chat.postMessage/update, response_url, ack body) for. */
export function validateMessage(message: { text?: unknown; blocks?: unknown }): string[] {
  const { problems, report } = collect();
  const { text, blocks } = message;
  if (text !== undefined && typeof text !== 'string') report('text', 'must be a string');
  if (typeof text === 'string' && text.length > 40_000) report('text', `${text.length} chars > 40000`);
  const hasText = typeof text === 'string' && text.length > 0;
  const hasBlocks = Array.isArray(blocks) && blocks.length > 0;
  if (!hasText && !hasBlocks) report('text', 'text or blocks is required');
  if (blocks !== undefined) checkBlocks(blocks, report, 50, 'message');
  return problems;
}
