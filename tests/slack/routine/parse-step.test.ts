import { describe, expect, it } from 'vitest';
import type { StepNumber } from '../../../src/domain/types.js';
import { readStepAnswers } from '../../../src/slack/routine/parse-step.js';

type Values = Record<string, Record<string, unknown>>;
const field = (state: Record<string, unknown>) => ({ value: state });
const text = (value: unknown) => field({ type: 'plain_text_input', value });
const choice = (value: unknown) => field({ type: 'radio_buttons', selected_option: { text: {}, value } });

describe('readStepAnswers', () => {
  it('reads every kind of input Slack sends', () => {
    expect(
      readStepAnswers(1, {
        company: text(' Acme '),
        role: text('Designer'),
        stage: field({ type: 'static_select', selected_option: { value: 'take_home' } }),
        employerContact: text(null),
        intermediary: choice('headhunter'),
        intermediaryName: text('Alex'),
      }),
    ).toEqual({
      company: 'Acme',
      role: 'Designer',
      stage: 'take_home',
      intermediary: 'headhunter',
      intermediaryName: 'Alex',
    });
    expect(
      readStepAnswers(3, {
        dailyFit: choice('no'),
        tweaks: field({
          type: 'checkboxes',
          selected_options: [{ value: 'tailor_cv' }, { value: 'referrals' }],
        }),
      }),
    ).toEqual({ dailyFit: 'no', tweaks: ['referrals', 'tailor_cv'] });
    expect(
      readStepAnswers(4, { followUpAt: field({ type: 'datetimepicker', selected_date_time: 1746367200 }) }),
    ).toEqual({
      followUpAt: new Date('2025-05-04T14:00:00Z'),
    });
  });

  it('leaves out empty and whitespace-only answers, and empty selections', () => {
    expect(
      readStepAnswers(3, {
        dailyFit: field({ selected_option: null }),
        fitNotes: text('  \n '),
        tweaks: field({ selected_options: [] }),
        tweakOther: text(''),
      }),
    ).toEqual({});
  });

  it('only reads the fields of the step asked for', () => {
    expect(readStepAnswers(2, { company: text('Acme'), lesson: text('x'), rapport: text('Good') })).toEqual({
      rapport: 'Good',
    });
  });

  it('drops option values the step does not offer', () => {
    expect(
      readStepAnswers(1, {
        stage: field({ selected_option: { value: 'ceo' } }),
        intermediary: choice('__proto__'),
      }),
    ).toEqual({});
    expect(
      readStepAnswers(3, {
        tweaks: field({
          selected_options: [
            { value: 'referrals' },
            { value: 'bribe' },
            { value: 'referrals' },
            'tailor_cv',
            null,
          ],
        }),
      }),
    ).toEqual({ tweaks: ['referrals'] });
  });

  it('caps oversized text at the field limit without splitting a character', () => {
    const answers = readStepAnswers(1, {
      company: text(`${'😀'.repeat(50)}xyz`),
      role: text('r'.repeat(10_000)),
    });
    expect(answers.company).toBe('😀'.repeat(50));
    expect(answers.role).toHaveLength(100);
    expect(readStepAnswers(2, { interview: text('i'.repeat(5000)) }).interview).toHaveLength(3000);
  });

  it('refuses datetimes that are not whole unix seconds in a sane range', () => {
    for (const bad of ['1746367200', Number.NaN, 1746367200.5, -1, 1e15, null, {}]) {
      expect(readStepAnswers(4, { followUpAt: field({ selected_date_time: bad }) })).toEqual({});
    }
  });

  it('never throws on malformed or hostile payloads', () => {
    const weird: unknown[] = [
      null,
      undefined,
      'values',
      42,
      [],
      { company: null },
      { company: 'Acme' },
      { company: [] },
      { company: { value: null } },
      { company: { value: 'Acme' } },
      { company: { other_action: { value: 'Acme' } } },
      { stage: { value: { selected_option: 'final_round' } } },
      { tweaks: { value: { selected_options: 'referrals' } } },
      { tweaks: { value: { selected_options: [{ value: 7 }] } } },
      { role: { value: { value: 12 } } },
      JSON.parse('{"__proto__": {"value": {"value": "polluted"}}, "company": {"value": {"value": "Acme"}}}'),
    ];
    for (const values of weird) {
      for (const step of [1, 2, 3, 4] as StepNumber[]) {
        expect(() => readStepAnswers(step, values as Values)).not.toThrow();
      }
    }
    expect(readStepAnswers(1, weird.at(-1) as Values)).toEqual({ company: 'Acme' });
    expect(({} as Record<string, unknown>).value).toBeUndefined();
  });
});
