import { describe, expect, it } from 'vitest';
import {
  getField,
  getStep,
  isEmptyAnswer,
  isStepNumber,
  nextStep,
  normalizeAnswers,
  optionLabel,
  previousStep,
  STEPS,
  validateStep,
} from '../../src/domain/routine.js';
import type { RoutineAnswers, TweakId } from '../../src/domain/types.js';

const now = new Date('2025-05-01T12:00:00Z');
const ctx = { now };
const DAY = 86_400_000;

const step1: RoutineAnswers = {
  company: 'Acme',
  role: 'Designer',
  stage: 'final_round',
  intermediary: 'none',
};
const step3: RoutineAnswers = {
  dailyFit: 'yes',
  excited: 'very',
  skillsElsewhere: 'maybe',
  tweaks: ['referrals'],
};
const step4: RoutineAnswers = { lesson: 'Bring examples.', followUpAt: new Date(now.getTime() + 3 * DAY) };

describe('the steps as data', () => {
  it('has four steps in order, each with a title that fits the modal title', () => {
    expect(STEPS.map((step) => step.number)).toEqual([1, 2, 3, 4]);
    for (const step of STEPS) {
      expect(`Step ${step.number} of 4 · ${step.title}`.length).toBeLessThanOrEqual(24);
      expect(step.intro.length).toBeGreaterThan(0);
    }
  });

  it('asks every RoutineAnswers question exactly once, in the order of the routine', () => {
    expect(STEPS.flatMap((step) => step.fields.map((field) => field.id))).toEqual([
      'company',
      'role',
      'stage',
      'newsVia',
      'reasonGiven',
      'employerContact',
      'intermediary',
      'intermediaryName',
      'feeling',
      'interview',
      'preparation',
      'rapport',
      'strengths',
      'dailyFit',
      'excited',
      'skillsElsewhere',
      'fitNotes',
      'tweaks',
      'tweakOther',
      'lesson',
      'followUpAt',
    ]);
  });

  it('keeps within Slack limits and gives every required field its own message', () => {
    for (const field of STEPS.flatMap((step) => step.fields)) {
      if (field.kind === 'text' || field.kind === 'multiline') {
        expect(field.maxLength, field.id).toBeGreaterThan(0);
        expect(field.maxLength, field.id).toBeLessThanOrEqual(3000);
      }
      if (field.kind === 'radio' || field.kind === 'checkboxes')
        expect(field.options?.length).toBeLessThanOrEqual(10);
      for (const option of field.options ?? []) expect(option.label.length).toBeLessThanOrEqual(75);
      if (!field.optional) expect(field.requiredMessage, field.id).toBeTruthy();
    }
    expect(getField('company')).toMatchObject({ kind: 'text', optional: false, maxLength: 100 });
    expect(getField('role')).toMatchObject({ kind: 'text', optional: false, maxLength: 100 });
    expect(getField('employerContact').optional).toBe(true);
    expect(getField('intermediaryName').optional).toBe(true);
  });

  it('offers every tweak', () => {
    const all: TweakId[] = [
      'narrow_roles',
      'widen_roles',
      'target_companies',
      'referrals',
      'tailor_cv',
      'practice_interviews',
      'research_deeper',
      'ask_questions_early',
    ];
    expect(getField('tweaks').options?.map((option) => option.value)).toEqual(all);
    expect(optionLabel('tweaks', 'referrals')).toBe('Ask my network for referrals');
    expect(optionLabel('tweaks', 'bogus')).toBeUndefined();
  });
});

describe('navigation', () => {
  it('steps forward to 4 and back to 1', () => {
    expect([1, 2, 3, 4].map((n) => nextStep(n as 1))).toEqual([2, 3, 4, null]);
    expect([1, 2, 3, 4].map((n) => previousStep(n as 1))).toEqual([null, 1, 2, 3]);
    expect(getStep(3).number).toBe(3);
  });

  it('knows a step number when it sees one', () => {
    expect([0, 1, 4, 5, '2', 2.5].map(isStepNumber)).toEqual([false, true, true, false, false, false]);
  });
});

describe('validateStep 1: get feedback', () => {
  it('accepts the four required answers alone', () => {
    expect(validateStep(1, step1, ctx)).toEqual({});
  });

  it('asks for each missing required answer, with its own words', () => {
    const errors = validateStep(1, {}, ctx);
    expect(Object.keys(errors).sort()).toEqual(['company', 'intermediary', 'role', 'stage']);
    expect(errors.company).toBe('Which company was it?');
    expect(new Set(Object.values(errors)).size).toBe(4);
  });

  it('treats whitespace-only text as empty', () => {
    const errors = validateStep(1, { ...step1, company: '  \n\t ', role: ' ' }, ctx);
    expect(Object.keys(errors).sort()).toEqual(['company', 'role']);
  });

  it('limits names to 100 characters after trimming', () => {
    expect(validateStep(1, { ...step1, company: ` ${'a'.repeat(100)} ` }, ctx)).toEqual({});
    expect(validateStep(1, { ...step1, company: 'a'.repeat(101) }, ctx).company).toMatch(/100 characters/);
  });

  it('refuses values that are not among the options', () => {
    const errors = validateStep(
      1,
      { ...step1, stage: 'dream_job' as never, intermediary: 'agent' as never },
      ctx,
    );
    expect(Object.keys(errors).sort()).toEqual(['intermediary', 'stage']);
  });
});

describe('validateStep 2: review and reflect', () => {
  it('needs only one reflection, and says so on the first field', () => {
    expect(validateStep(2, { strengths: 'Storytelling' }, ctx)).toEqual({});
    const errors = validateStep(2, { interview: ' ', rapport: '\n' }, ctx);
    expect(Object.keys(errors)).toEqual(['interview']);
    expect(errors.interview).toMatch(/any one/);
  });

  it('caps each reflection at 3000 characters', () => {
    expect(validateStep(2, { preparation: 'x'.repeat(3001) }, ctx)).toHaveProperty('preparation');
  });
});

describe('validateStep 3: tweak search tactics', () => {
  it('accepts the three fit answers with one tweak, or with only a tweak of their own', () => {
    expect(validateStep(3, step3, ctx)).toEqual({});
    expect(validateStep(3, { ...step3, tweaks: [], tweakOther: 'Apply to fewer roles' }, ctx)).toEqual({});
  });

  it('asks for the fit answers and one thing to try', () => {
    const errors = validateStep(3, { tweakOther: '  ' }, ctx);
    expect(Object.keys(errors).sort()).toEqual(['dailyFit', 'excited', 'skillsElsewhere', 'tweaks']);
  });

  it('refuses unknown tweaks', () => {
    expect(validateStep(3, { ...step3, tweaks: ['referrals', 'bribe' as TweakId] }, ctx)).toHaveProperty(
      'tweaks',
    );
  });
});

describe('validateStep 4: a learning experience', () => {
  const dm = (offsetMs: number) =>
    validateStep(4, { ...step4, followUpAt: new Date(now.getTime() + offsetMs) }, ctx);

  it('needs a lesson and a check-in time', () => {
    expect(validateStep(4, step4, ctx)).toEqual({});
    expect(Object.keys(validateStep(4, { lesson: ' ' }, ctx)).sort()).toEqual(['followUpAt', 'lesson']);
    expect(validateStep(4, { ...step4, followUpAt: new Date(Number.NaN) }, ctx)).toHaveProperty('followUpAt');
  });

  it('allows a minute of grace for a time just passed, no more', () => {
    expect(dm(0)).toEqual({});
    expect(dm(-60_000)).toEqual({});
    expect(dm(-60_001).followUpAt).toMatch(/passed/);
  });

  it('allows up to 120 days ahead, as far as Slack can schedule', () => {
    expect(dm(120 * DAY)).toEqual({});
    expect(dm(120 * DAY + 1).followUpAt).toMatch(/120 days/);
  });
});

describe('normalizeAnswers', () => {
  it('trims text and drops what is empty', () => {
    expect(
      normalizeAnswers({
        company: '  Acme ',
        role: ' \n',
        tweaks: [],
        stage: 'other',
        followUpAt: new Date(Number.NaN),
      }),
    ).toEqual({ company: 'Acme', stage: 'other' });
    expect([undefined, '', ' ', [], 'x', ['a']].map(isEmptyAnswer)).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
  });
});
