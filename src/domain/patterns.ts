// Patterns across a person's rejections, for App Home: where processes tend to end, which
// tweaks they keep choosing, and how often a feedback request got an answer. Pure counting.

import { getField } from './routine.js';
import type { Rejection, Stage, TweakId } from './types.js';

export interface Count<T> {
  key: T;
  count: number;
}

export interface Patterns {
  /** Complete rejections counted. */
  total: number;
  /** Stages where processes ended, most frequent first (ties in stage order). */
  stages: Count<Stage>[];
  /** Tweaks chosen, most frequent first (ties in the order they are offered). */
  tweaks: Count<TweakId>[];
  /** Rejections where feedback was asked for, and how many of those got an answer. */
  feedback: { asked: number; answered: number };
}

/** Ties rank in the order the routine offers the options, so the copy has one source. */
const optionOrder = (id: 'stage' | 'tweaks'): readonly string[] =>
  (getField(id).options ?? []).map((option) => option.value);

function ranked<T extends string>(counts: Map<T, number>, order: readonly string[]): Count<T>[] {
  return [...counts.entries()]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || order.indexOf(a.key) - order.indexOf(b.key));
}

/**
 * @param feedbackAnswered rejection id → whether the employer (or recruiter) answered; ids
 *   missing from the map have no answer recorded yet.
 */
export function computePatterns(
  rejections: readonly Rejection[],
  feedbackAnswered: ReadonlyMap<string, boolean>,
): Patterns {
  const complete = rejections.filter((rejection) => rejection.status === 'complete');
  const stages = new Map<Stage, number>();
  const tweaks = new Map<TweakId, number>();
  let answered = 0;
  for (const { id, answers } of complete) {
    if (answers.stage) stages.set(answers.stage, (stages.get(answers.stage) ?? 0) + 1);
    for (const tweak of new Set(answers.tweaks ?? [])) tweaks.set(tweak, (tweaks.get(tweak) ?? 0) + 1);
    if (feedbackAnswered.get(id) === true) answered += 1;
  }
  return {
    total: complete.length,
    stages: ranked(stages, optionOrder('stage')),
    tweaks: ranked(tweaks, optionOrder('tweaks')),
    // Step 1 drafts a feedback request for every rejection, so each one counts as asked.
    feedback: { asked: complete.length, answered },
  };
}

/** A bar of `width` cells, filled in proportion to value/max, e.g. `▓▓▓▓▓▓░░░░`. */
export function textBar(value: number, max: number, width = 10): string {
  const filled = max <= 0 ? 0 : Math.round((Math.min(Math.max(value, 0), max) / max) * width);
  return '▓'.repeat(filled) + '░'.repeat(width - filled);
}
