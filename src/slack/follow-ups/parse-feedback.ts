// Reads the feedback modal's one input out of Slack's `view.state.values`, trusting nothing
// about its shape (see parse-step.ts for the routine's fields).

import { LONG_TEXT_MAX } from '../../domain/steps.js';
import { ActionId, FollowUpBlockId } from '../platform/ids.js';
import { truncate } from '../platform/mrkdwn.js';

/** An own property of an object, or undefined: `__proto__` and friends never count. */
function own(object: unknown, key: string): unknown {
  return typeof object === 'object' && object !== null && Object.hasOwn(object, key)
    ? (object as Record<string, unknown>)[key]
    : undefined;
}

/** The text typed, trimmed and capped; null when empty or missing. */
export function readFeedbackText(values: unknown): string | null {
  const value = own(own(own(values, FollowUpBlockId.feedbackText), ActionId.fieldValue), 'value');
  if (typeof value !== 'string') return null;
  const text = truncate(value.trim(), LONG_TEXT_MAX, '').trimEnd();
  return text === '' ? null : text;
}
