import { describe, expect, it } from 'vitest';
import { computePatterns, textBar } from '../../src/domain/patterns.js';
import type { RoutineAnswers } from '../../src/domain/types.js';
import { createRejection } from '../slack/fixtures.js';

const rejection = (id: string, answers: RoutineAnswers, status: 'complete' | 'draft' = 'complete') =>
  createRejection({ id, answers, status });

describe('computePatterns', () => {
  it('ranks where processes ended and the tweaks chosen, most frequent first', () => {
    const patterns = computePatterns(
      [
        rejection('a', { stage: 'final_round', tweaks: ['referrals', 'tailor_cv'] }),
        rejection('b', { stage: 'first_interview', tweaks: ['referrals'] }),
        rejection('c', { stage: 'final_round', tweaks: ['referrals', 'referrals', 'practice_interviews'] }),
        rejection('d', { stage: 'application' }, 'draft'),
      ],
      new Map([
        ['a', true],
        ['b', false],
      ]),
    );
    expect(patterns.total).toBe(3);
    expect(patterns.stages).toEqual([
      { key: 'final_round', count: 2 },
      { key: 'first_interview', count: 1 },
    ]);
    expect(patterns.tweaks).toEqual([
      { key: 'referrals', count: 3 },
      { key: 'tailor_cv', count: 1 },
      { key: 'practice_interviews', count: 1 },
    ]);
    expect(patterns.feedback).toEqual({ asked: 3, answered: 1 });
  });

  it('is empty for someone with no finished rejections', () => {
    expect(computePatterns([], new Map())).toEqual({
      total: 0,
      stages: [],
      tweaks: [],
      feedback: { asked: 0, answered: 0 },
    });
  });
});

describe('textBar', () => {
  it('fills cells in proportion and never overflows', () => {
    expect(textBar(3, 6)).toBe('▓▓▓▓▓░░░░░');
    expect(textBar(6, 6)).toBe('▓▓▓▓▓▓▓▓▓▓');
    expect(textBar(0, 6)).toBe('░░░░░░░░░░');
    expect(textBar(9, 6)).toBe('▓▓▓▓▓▓▓▓▓▓');
    expect(textBar(1, 0)).toBe('░░░░░░░░░░');
    expect(textBar(1, 4, 4)).toBe('▓░░░');
  });
});
