// What a note can hold, in the order it shows them. The plan and the lesson are ticked to
// begin with; the company and role, reflections and feedback only go in when ticked.

import type { SharePart } from '../../domain/types.js';

export interface SharePartChoice {
  value: SharePart;
  /** How the person sharing sees it in the checkbox list. */
  label: string;
}

export const SHARE_PARTS: readonly SharePartChoice[] = [
  { value: 'plan', label: 'Your plan: the tweaks you picked' },
  { value: 'lesson', label: 'What you’re taking with you' },
  { value: 'company', label: 'The company and role' },
  { value: 'reflections', label: 'Your reflections' },
  { value: 'feedback', label: 'The feedback you got' },
];

export const DEFAULT_SHARE_PARTS: readonly SharePart[] = ['plan', 'lesson'];

export function isSharePart(value: unknown): value is SharePart {
  return SHARE_PARTS.some((part) => part.value === value);
}

/** Known parts only, once each, in the list's order. */
export function knownParts(values: readonly unknown[]): SharePart[] {
  return SHARE_PARTS.map((part) => part.value).filter((part) => values.includes(part));
}

/** "the plan and the lesson", for the confirmation. */
export function describeParts(parts: readonly SharePart[]): string {
  const names: Record<SharePart, string> = {
    plan: 'your plan',
    lesson: 'the lesson',
    company: 'the company and role',
    reflections: 'your reflections',
    feedback: 'the feedback',
  };
  const words = parts.map((part) => names[part]);
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
