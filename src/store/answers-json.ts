// Routine answers are stored as JSON text. JSON has no dates, so a Date (e.g. `followUpAt`) is
// written as {"$date": "<ISO 8601>"} and revived on read. Answers only ever hold strings,
// string arrays and Dates, so a user's text can never be mistaken for the marker object.

import type { RoutineAnswers } from '../domain/types.js';
import { ErrorCode, ReboundError } from '../errors.js';

interface DateMarker {
  $date: string;
}

export function serializeAnswers(answers: RoutineAnswers): string {
  // Dates sit at the top level only; without one, no replacer call per value is needed.
  if (!Object.values(answers).some((value) => value instanceof Date)) return JSON.stringify(answers);
  return JSON.stringify(answers, function replacer(this: Record<string, unknown>, key, value) {
    // `value` is already the result of Date#toJSON; the original sits on the holder.
    const original = this[key];
    return original instanceof Date ? { $date: isoString(original, key) } : value;
  });
}

export function parseAnswers(text: string): RoutineAnswers {
  // Most drafts hold no date yet: skip the reviver's call per value when there is no marker.
  const answers = text.includes('"$date"')
    ? JSON.parse(text, (_key, value) => (isDateMarker(value) ? new Date(value.$date) : value))
    : JSON.parse(text);
  // Rows written before the field was renamed hold it as `nudgeAt`.
  if ('nudgeAt' in answers) {
    const { nudgeAt, ...rest } = answers;
    return { followUpAt: nudgeAt, ...rest };
  }
  return answers;
}

function isoString(date: Date, key: string): string {
  if (Number.isNaN(date.getTime())) {
    throw new ReboundError(ErrorCode.InvalidPayload, `answers.${key} is not a valid date`);
  }
  return date.toISOString();
}

function isDateMarker(value: unknown): value is DateMarker {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === '$date' && typeof (value as DateMarker).$date === 'string';
}
