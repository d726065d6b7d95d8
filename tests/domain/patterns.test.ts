import { describe, expect, it } from 'vitest';
import {
  LATER_TEXT,
  type PatternRejection,
  patternRejection,
  readPatterns,
  textBar,
} from '../../src/domain/patterns.js';
import type { Stage, TweakId } from '../../src/domain/types.js';
import { createRejection } from '../slack/fixtures.js';

const DAY = 86_400_000;
const START = new Date('2026-01-01T12:00:00Z').getTime();
const SENT = new Date('2026-01-02T12:00:00Z');

/** The n-th rejection of a history (0 = oldest), a day apart. */
function nth(n: number, stage: Stage, more: Partial<PatternRejection> = {}): PatternRejection {
  return {
    id: `r${n}`,
    company: `Company ${n}`,
    stage,
    tweaks: [],
    at: new Date(START + n * DAY),
    notes: [{ sentAt: null }],
    feedback: undefined,
    ...more,
  };
}

const history = (stages: Stage[], more: (n: number) => Partial<PatternRejection> = () => ({})) =>
  stages.map((stage, n) => nth(n, stage, more(n)));

const reading = (patterns: ReturnType<typeof readPatterns>, pattern: string) =>
  patterns.readings.find((r) => r.pattern === pattern);

describe('readPatterns', () => {
  it('ranks where processes ended and the tweaks chosen, most frequent first', () => {
    const tweaks: TweakId[][] = [
      ['referrals', 'tailor_cv'],
      ['referrals'],
      ['referrals', 'practice_interviews'],
    ];
    const patterns = readPatterns(
      history(['final_round', 'first_interview', 'final_round'], (n) => ({ tweaks: tweaks[n] ?? [] })),
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
  });

  it('reads the most common ending among the last six, with a next step', () => {
    // Oldest two reached final rounds; the newest six: four ended before an interview.
    const patterns = readPatterns(
      history([
        'final_round',
        'final_round',
        'application',
        'first_interview',
        'application',
        'recruiter_screen',
        'take_home',
        'application',
      ]),
    );
    expect(reading(patterns, 'stages')).toEqual({
      pattern: 'stages',
      text: 'Four of your last six ended before an interview. That usually points at targeting or how the CV reads, not at you.',
      next: 'Try “Tailor my CV to each role” or “Ask my network for referrals”.',
    });
  });

  it('builds on a tweak the person already picked, and quotes their own newest lesson', () => {
    const patterns = readPatterns(
      history(['application', 'application', 'application'], (n) => ({
        tweaks: n === 1 ? ['referrals'] : [],
        lesson: `Lesson ${n}`,
      })),
    );
    const stages = reading(patterns, 'stages');
    expect(stages?.text).toMatch(/^All three ended before an interview/);
    expect(stages?.next).toBe(
      'You already picked “Ask my network for referrals”. Message one person this week at a company on your list.',
    );
    expect(stages?.ownWords).toEqual({ company: 'Company 2', text: 'Lesson 2' });
  });

  it('says no single stage stands out when endings are spread', () => {
    const patterns = readPatterns(history(['application', 'first_interview', 'final_round', 'other']));
    expect(reading(patterns, 'stages')?.text).toBe(
      'Your three ended at different stages: no single step stands out.',
    );
  });

  it('reads the tweak chosen most, with a concrete first step', () => {
    const patterns = readPatterns(
      history(['application', 'application', 'final_round'], (n) => ({
        tweaks: n < 2 ? ['practice_interviews'] : ['referrals'],
      })),
    );
    expect(reading(patterns, 'tweaks')).toEqual({
      pattern: 'tweaks',
      text: 'You chose “Practise interview answers out loud” for two of your three rejections: it’s the change you keep coming back to.',
      next: 'Answer one likely question out loud tonight, and time it.',
    });
  });

  it('counts feedback answered only among rejections with a note marked sent', () => {
    const patterns = readPatterns(
      history(['application', 'application', 'final_round', 'final_round'], (n) => ({
        notes: [{ sentAt: n < 3 ? SENT : null }, { sentAt: null }],
        // Feedback came for the one sent note's rejection 0, and for 3 (no note marked sent).
        feedback: n === 0 || n === 3 ? true : n === 1 ? false : undefined,
      })),
    );
    expect(patterns.feedback).toEqual({ sent: 3, answered: 1, heard: 2 });
    expect(reading(patterns, 'feedback')?.text).toBe(
      'Feedback came for one of the three rejections you sent a note for. Many employers never reply; that says more about their process than about you.',
    );
  });

  it('with no note marked sent, says the feedback line appears once notes are marked', () => {
    const patterns = readPatterns(
      history(['application', 'application', 'final_round'], (n) => ({
        feedback: n === 0 ? true : undefined,
      })),
    );
    expect(patterns.feedback).toEqual({ sent: 0, answered: 0, heard: 1 });
    expect(reading(patterns, 'feedback')).toEqual({
      pattern: 'feedback',
      text: 'Feedback came for one of your three rejections.',
      next: 'Once you mark your feedback notes as sent, Home will show how many got an answer.',
    });
  });

  it('says what moved forward: the latest three against the first three', () => {
    const patterns = readPatterns(
      history([
        'application',
        'recruiter_screen',
        'application',
        'first_interview',
        'later_interviews',
        'take_home',
      ]),
    );
    expect(patterns.progress).toBe('Your last three reached interviews; your first three didn’t.');
    const partly = readPatterns(
      history(['first_interview', 'application', 'application', 'final_round', 'final_round', 'application']),
    );
    expect(partly.progress).toBe('Two of your last three reached a final round; your first three didn’t.');
  });

  it('stays silent about progress when the latest went no further', () => {
    const patterns = readPatterns(
      history(['final_round', 'final_round', 'final_round', 'application', 'application', 'application']),
    );
    expect(patterns.progress).toBeNull();
  });

  it('with fewer than three rejections, reads nothing and says what will show later', () => {
    const patterns = readPatterns(history(['application', 'final_round']));
    expect(patterns.readings).toEqual([]);
    expect(patterns.progress).toBeNull();
    expect(patterns.later).toBe(LATER_TEXT);
    expect(readPatterns([]).later).toBeNull();
    expect(readPatterns(history(['application', 'final_round', 'other'])).later).toBeNull();
  });

  it('takes a stored rejection as the readings see it', () => {
    const rejection = createRejection({ id: 'a' });
    expect(patternRejection(rejection, [{ sentAt: SENT }], true)).toMatchObject({
      id: 'a',
      company: 'Acme',
      stage: 'final_round',
      tweaks: ['referrals', 'practice_interviews'],
      lesson: 'I do better when I bring examples.',
      at: rejection.completedAt,
      notes: [{ sentAt: SENT }],
      feedback: true,
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
