// Reads one step's fields out of Slack's `view.state.values`. The payload comes over the
// network, so nothing about its shape is trusted: anything odd is skipped, never thrown.

import { type FieldDefinition, getStep } from '../../domain/routine.js';
import type { RoutineAnswers, StepNumber } from '../../domain/types.js';
import { ActionId } from '../platform/ids.js';
import { truncate } from '../platform/mrkdwn.js';

type JsonObject = Record<string, unknown>;

/** Bounds a datetimepicker value to years 2000–2999: enough for any real check-in. */
const MIN_UNIX_SECONDS = 946_684_800;
const MAX_UNIX_SECONDS = 32_503_680_000;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An own property only: `__proto__` and friends never count as a block. */
function own(object: JsonObject, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

function readText(state: JsonObject, field: FieldDefinition): string | undefined {
  const value = own(state, 'value');
  if (typeof value !== 'string') return undefined;
  const text = truncate(value.trim(), field.maxLength ?? Infinity, '').trimEnd();
  return text === '' ? undefined : text;
}

function knownValue(field: FieldDefinition, choice: unknown): string | undefined {
  if (!isObject(choice)) return undefined;
  const value = own(choice, 'value');
  return field.options?.some((known) => known.value === value) ? (value as string) : undefined;
}

function readChoices(state: JsonObject, field: FieldDefinition): string[] | undefined {
  const selected = own(state, 'selected_options');
  if (!Array.isArray(selected)) return undefined;
  const values = new Set(selected.map((choice) => knownValue(field, choice)));
  // In the order the options are listed, once each, whatever order Slack sent.
  const chosen = (field.options ?? []).map((known) => known.value).filter((value) => values.has(value));
  return chosen.length === 0 ? undefined : chosen;
}

function readDateTime(state: JsonObject): Date | undefined {
  const seconds = own(state, 'selected_date_time');
  if (typeof seconds !== 'number' || !Number.isInteger(seconds)) return undefined;
  if (seconds < MIN_UNIX_SECONDS || seconds > MAX_UNIX_SECONDS) return undefined;
  return new Date(seconds * 1000);
}

function readField(state: JsonObject, field: FieldDefinition): unknown {
  switch (field.kind) {
    case 'text':
    case 'multiline':
      return readText(state, field);
    case 'select':
    case 'radio':
      return knownValue(field, own(state, 'selected_option'));
    case 'checkboxes':
      return readChoices(state, field);
    case 'datetime':
      return readDateTime(state);
  }
}

/**
 * The answers one step's modal holds: text trimmed and capped at the field's length,
 * choices limited to the options the step offers, empty fields left out.
 */
export function readStepAnswers(
  step: StepNumber,
  values: Record<string, Record<string, unknown>>,
): RoutineAnswers {
  const answers: Record<string, unknown> = {};
  if (!isObject(values)) return answers;
  for (const field of getStep(step).fields) {
    const block = own(values, field.id);
    const state = isObject(block) ? own(block, ActionId.fieldValue) : undefined;
    if (!isObject(state)) continue;
    const value = readField(state, field);
    if (value !== undefined) answers[field.id] = value;
  }
  return answers as RoutineAnswers;
}
