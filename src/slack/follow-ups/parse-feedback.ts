// Reads the follow-up modals' inputs out of Slack's `view.state.values`, trusting nothing
// about their shape (see parse-step.ts for the routine's fields).

import { LONG_TEXT_MAX } from '../../domain/steps.js';
import type { CalendarDate } from '../../domain/time.js';
import { ActionId, FollowUpBlockId } from '../platform/ids.js';
import { truncate } from '../platform/mrkdwn.js';

/** An own property of an object, or undefined: `__proto__` and friends never count. */
function own(object: unknown, key: string): unknown {
  return typeof object === 'object' && object !== null && Object.hasOwn(object, key)
    ? (object as Record<string, unknown>)[key]
    : undefined;
}

function field(values: unknown, blockId: string): unknown {
  return own(own(values, blockId), ActionId.fieldValue);
}

/** The text typed in a block, trimmed and capped; null when empty or missing. */
export function readText(values: unknown, blockId: string, max: number): string | null {
  const value = own(field(values, blockId), 'value');
  if (typeof value !== 'string') return null;
  const text = truncate(value.trim(), max, '').trimEnd();
  return text === '' ? null : text;
}

/** The feedback modal's text: what the employer said. */
export function readFeedbackText(values: unknown): string | null {
  return readText(values, FollowUpBlockId.feedbackText, LONG_TEXT_MAX);
}

/** A datepicker's YYYY-MM-DD as a calendar date; null when unset or malformed. */
export function readDate(values: unknown, blockId: string): CalendarDate | null {
  const value = own(field(values, blockId), 'selected_date');
  if (typeof value !== 'string') return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 ? { year, month, day } : null;
}

/** A radio or select's chosen value, or null. */
export function readOption(values: unknown, blockId: string): string | null {
  const value = own(own(field(values, blockId), 'selected_option'), 'value');
  return typeof value === 'string' ? value : null;
}

/** YYYY-MM-DD, as a datepicker's initial_date. */
export function isoDate(date: CalendarDate): string {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}
