import { describe, expect, it } from 'vitest';
import {
  draftChaser,
  draftFeedbackRequests,
  type FeedbackRequest,
  firstName,
  LINKEDIN_MAX,
  SUBJECT_MAX,
} from '../../src/domain/feedback-requests.js';
import { getField } from '../../src/domain/routine.js';
import type { Intermediary, RoutineAnswers, Stage } from '../../src/domain/types.js';

const base: RoutineAnswers = {
  company: 'Acme',
  role: 'Product designer',
  stage: 'final_round',
  intermediary: 'none',
};
const SIGNATURE = 'Maya Rivera';

const STAGES = (getField('stage').options ?? []).map((option) => option.value as Stage);
const KINDS: Intermediary[] = ['none', 'recruiter', 'headhunter'];
const LATER: Stage[] = ['later_interviews', 'take_home', 'final_round', 'offer_stage'];

const thankYous = (text: string) => (text.match(/\bthank/gi) ?? []).length;

/** The checklist every note meets: a subject, one thank-you, a question, a signature, short. */
function expectGoodNote(note: FeedbackRequest, signature: string | null) {
  expect(note.subject.trim().length).toBeGreaterThan(0);
  expect(note.subject.length).toBeLessThanOrEqual(SUBJECT_MAX);
  expect(thankYous(note.text)).toBe(1);
  expect(note.text).toContain('?');
  expect(note.text).toMatch(
    signature === null ? /\nBest wishes$/ : new RegExp(`\\nBest wishes,\\n${signature}$`),
  );
  expect(note.text.length).toBeLessThanOrEqual(900);
  expect(note.short.length).toBeLessThanOrEqual(LINKEDIN_MAX);
  expect(thankYous(note.short)).toBe(1);
  expect(note.short).toMatch(/^(Hi \S+,|Hello,) /);
  expect(note.text).not.toMatch(/[*_~`]|&amp;|<|>/);
}

describe('draftFeedbackRequests: every stage × recruiter kind × contact', () => {
  const cases = STAGES.flatMap((stage) =>
    KINDS.flatMap((intermediary) =>
      [true, false].map((withContact) => ({ stage, intermediary, withContact })),
    ),
  );
  it.each(cases)('$stage, $intermediary, contact: $withContact', ({ stage, intermediary, withContact }) => {
    const answers: RoutineAnswers = {
      ...base,
      stage,
      intermediary,
      ...(withContact ? { employerContact: 'Sam Lee', intermediaryName: 'Alex Kim' } : {}),
    };
    const notes = draftFeedbackRequests(answers, { signature: SIGNATURE });
    expect(notes.map((note) => note.audience)).toEqual(
      intermediary === 'none' ? ['employer'] : ['employer', intermediary],
    );
    for (const note of notes) expectGoodNote(note, SIGNATURE);
    const [employer, other] = notes;
    expect(employer?.text.startsWith(withContact ? 'Hi Sam,\n' : 'Hello,\n')).toBe(true);
    // One specific question, never the open "what could I do better".
    expect(employer?.text).not.toMatch(/what I could do better/i);
    expect(employer?.text.includes('considered for future roles')).toBe(LATER.includes(stage));
    if (other) {
      expect(other.text.startsWith(withContact ? 'Hi Alex,\n' : 'Hello,\n')).toBe(true);
      expect(other.text).toContain('letting me know');
      expect(other.text).toMatch(/I'm (now|still looking) /);
      expect(other.text).not.toContain("I've heard it didn't work out");
    }
  });

  it('asks about the final round after a final round, and about the task after a take-home', () => {
    expect(draftFeedbackRequests(base)[0]?.text).toContain('what stood out in the final round');
    expect(draftFeedbackRequests({ ...base, stage: 'take_home' })[0]?.text).toContain(
      'how did my take-home task come across',
    );
  });

  it('signs off without a name when Slack has none, and stays within limits with 100-character names', () => {
    const long = 'x'.repeat(100);
    const notes = draftFeedbackRequests(
      {
        ...base,
        company: long,
        role: long,
        employerContact: long,
        intermediary: 'recruiter',
        intermediaryName: long,
      },
      { signature: null },
    );
    for (const note of notes) expectGoodNote(note, null);
  });
});

describe('draftFeedbackRequests: what step 1 says', () => {
  it('greets by first name, keeping a title with the whole name', () => {
    expect(firstName(' Sam\n Lee ')).toBe('Sam');
    expect(firstName('Dr. Lee')).toBe('Dr. Lee');
    expect(draftFeedbackRequests({ ...base, employerContact: 'Sam Lee' })[0]?.recipient).toBe('Sam Lee');
  });

  it('drafts no employer request when they already said why, and keeps the recruiter note', () => {
    const notes = draftFeedbackRequests({
      ...base,
      reasonGiven: 'They went with someone more senior.',
      intermediary: 'recruiter',
      intermediaryName: 'Alex Kim',
    });
    expect(notes.map((note) => note.audience)).toEqual(['recruiter']);
    expect(notes[0]?.text).not.toContain('why?');
    expect(notes[0]?.text).toContain("I'm still looking for Product designer roles");
  });

  it('writes one note when the recruiter and the contact are the same in-house person', () => {
    const notes = draftFeedbackRequests({
      ...base,
      employerContact: 'Alex Kim',
      intermediary: 'recruiter',
      intermediaryName: ' alex  kim ',
    });
    expect(notes).toHaveLength(1);
  });

  it('opens with how the news came', () => {
    const first = (newsVia: RoutineAnswers['newsVia']) =>
      draftFeedbackRequests({ ...base, newsVia })[0]?.text.split('\n')[2];
    expect(first('call')).toContain('Thank you for taking the time to call me');
    expect(first('no_word')).toContain("I haven't heard back");
    expect(first('email')).toContain('Thank you for letting me know');
  });

  it('tells the recruiter what the person is now aiming for', () => {
    const [, recruiter] = draftFeedbackRequests({
      ...base,
      intermediary: 'recruiter',
      tweaks: ['narrow_roles'],
    });
    expect(recruiter?.text).toContain("I'm now focusing on fewer roles that match my experience closely");
  });

  it('copes with missing company and role', () => {
    const [employer] = draftFeedbackRequests({});
    expect(employer?.text).toContain('about the role.');
    expect(employer?.subject).toBe('A quick question about my application');
  });
});

describe('draftChaser', () => {
  it('is a short, polite reminder with no second thank-you', () => {
    const [note] = draftFeedbackRequests({ ...base, employerContact: 'Sam Lee' });
    if (!note) throw new Error('no note');
    const chaser = draftChaser({ ...base, employerContact: 'Sam Lee' }, note, { signature: SIGNATURE });
    expect(chaser.subject).toBe(`Re: ${note.subject}`);
    expect(chaser.text).toMatch(/^Hi Sam,\n/);
    expect(chaser.text).toContain('no problem at all');
    expect(chaser.text).toMatch(/Maya Rivera$/);
    expect(chaser.text.length).toBeLessThan(400);
  });
});
