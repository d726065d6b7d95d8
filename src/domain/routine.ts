// The routine's rules: which step comes when and what each step needs. The words
// themselves live in steps.ts.

import { type FieldDefinition, STEPS, type StepDefinition } from './steps.js';
import { DAY_MS, MINUTE_MS } from './time.js';
import type { FieldId, RoutineAnswers, StepNumber } from './types.js';

export type { FieldDefinition, FieldKind, FieldOption, OneOfRule, StepDefinition } from './steps.js';
export { STEPS } from './steps.js';

export const STEP_COUNT = 4;
/** A follow-up time a minute in the past still counts: the person picked "now" and then typed. */
export const FOLLOW_UP_GRACE_MS = MINUTE_MS;
/** How far ahead a follow-up may be set: far enough for any plan, near enough to still matter. */
export const FOLLOW_UP_HORIZON_DAYS = 120;

export type StepErrors = Partial<Record<FieldId, string>>;

export function isStepNumber(value: unknown): value is StepNumber {
  return value === 1 || value === 2 || value === 3 || value === 4;
}

export function getStep(n: StepNumber): StepDefinition {
  const step = STEPS[n - 1];
  if (step === undefined) throw new RangeError(`No step ${String(n)}`);
  return step;
}

export function previousStep(n: StepNumber): StepNumber | null {
  const previous = n - 1;
  return isStepNumber(previous) ? previous : null;
}

/** The step after `n`, or null after the last one. */
export function nextStep(n: StepNumber): StepNumber | null {
  const next = n + 1;
  return isStepNumber(next) ? next : null;
}

const fieldsById = new Map<FieldId, FieldDefinition>(
  STEPS.flatMap((step) => step.fields.map((field) => [field.id, field] as const)),
);

export function getField(id: FieldId): FieldDefinition {
  const field = fieldsById.get(id);
  if (field === undefined) throw new RangeError(`No field ${id}`);
  return field;
}

/** The label a person saw for an option value, or undefined for a value no option has. */
export function optionLabel(id: FieldId, value: string): string | undefined {
  return fieldsById.get(id)?.options?.find((option) => option.value === value)?.label;
}

/** Empty means nothing worth keeping: whitespace-only text, no choices, an invalid date. */
export function isEmptyAnswer(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  if (value instanceof Date) return Number.isNaN(value.getTime());
  return false;
}

/** Trims every text answer and drops the empty ones, so whitespace never counts as an answer. */
export function normalizeAnswers(answers: RoutineAnswers): RoutineAnswers {
  const normalized: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(answers)) {
    if (isEmptyAnswer(value)) continue;
    normalized[key] = typeof value === 'string' ? value.trim() : value;
  }
  return normalized as RoutineAnswers;
}

function followUpError(value: Date, now: Date): string | undefined {
  if (value.getTime() < now.getTime() - FOLLOW_UP_GRACE_MS) {
    return 'That time has already passed. Pick one from now on.';
  }
  if (value.getTime() > now.getTime() + FOLLOW_UP_HORIZON_DAYS * DAY_MS) {
    return `Pick a time within the next ${FOLLOW_UP_HORIZON_DAYS} days.`;
  }
  return undefined;
}

function fieldError(field: FieldDefinition, value: unknown, now: Date): string | undefined {
  const wrongShape =
    ((field.kind === 'text' || field.kind === 'multiline') && typeof value !== 'string') ||
    ((field.kind === 'select' || field.kind === 'radio') && typeof value !== 'string') ||
    (field.kind === 'checkboxes' && !Array.isArray(value)) ||
    (field.kind === 'datetime' && !(value instanceof Date));
  if (isEmptyAnswer(value) || wrongShape) {
    return field.optional ? undefined : (field.requiredMessage ?? 'Please fill this in.');
  }
  const known = (choice: unknown): boolean =>
    field.options?.some((option) => option.value === choice) ?? false;
  switch (field.kind) {
    case 'text':
    case 'multiline': {
      const max = field.maxLength;
      return max !== undefined && String(value).trim().length > max
        ? `Please keep this to ${max} characters or fewer.`
        : undefined;
    }
    case 'select':
    case 'radio':
      return known(value) ? undefined : 'Please pick one of the options.';
    case 'checkboxes':
      return (value as unknown[]).every(known) ? undefined : 'Please pick from the list.';
    case 'datetime':
      return followUpError(value as Date, now);
  }
}

/**
 * What stops this step from being submitted, keyed by field (its block_id), ready for a
 * `response_action: "errors"` reply. Empty when the step is fine.
 */
export function validateStep(step: StepNumber, answers: RoutineAnswers, ctx: { now: Date }): StepErrors {
  const definition = getStep(step);
  const errors: StepErrors = {};
  for (const field of definition.fields) {
    const message = fieldError(field, answers[field.id], ctx.now);
    if (message !== undefined) errors[field.id] = message;
  }
  const rule = definition.oneOf;
  if (rule?.fields.every((id) => isEmptyAnswer(answers[id]))) {
    const first = rule.fields[0];
    if (first !== undefined) errors[first] ??= rule.message;
  }
  return errors;
}
