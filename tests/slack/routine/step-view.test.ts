import { describe, expect, it } from 'vitest';
import { validateView } from '../../../emulator/block-kit-rules.js';
import { visibleText } from '../../../emulator/index.js';
import type { FeedbackRequest } from '../../../src/domain/feedback-requests.js';
import { STEPS } from '../../../src/domain/routine.js';
import { defaultFollowUpAt } from '../../../src/domain/time.js';
import type { RoutineAnswers, StepNumber } from '../../../src/domain/types.js';
import { ActionId, BlockId } from '../../../src/slack/platform/ids.js';
import { readStepAnswers } from '../../../src/slack/routine/parse-step.js';
import { buildStepView, type StepViewInput } from '../../../src/slack/routine/step-view.js';
import {
  FULL_ANSWERS,
  HOSTILE,
  type Json,
  LONG_ANSWERS,
  NEW_YORK,
  NOW,
  stateValuesFrom,
} from '../fixtures.js';

const STEP_NUMBERS: StepNumber[] = [1, 2, 3, 4];

function build(step: StepNumber, overrides: Partial<StepViewInput> = {}): Json {
  return buildStepView({
    step,
    draftId: 'draft_1',
    answers: {},
    tz: NEW_YORK,
    now: NOW,
    ...overrides,
  }) as Json;
}

const inputs = (view: Json): Json[] => view.blocks.filter((block: Json) => block.type === 'input');
const input = (view: Json, id: string): Json => view.blocks.find((block: Json) => block.block_id === id);
/** The blocks' JSON, for assertions about fields rather than words. */
const blocksJson = (view: Json): string => JSON.stringify(view.blocks);

describe('buildStepView', () => {
  it('shows progress in a title that fits, and Next until the last step', () => {
    expect(STEP_NUMBERS.map((step) => build(step).title.text)).toEqual([
      'Step 1 of 4 · Feedback',
      'Step 2 of 4 · Reflect',
      'Step 3 of 4 · Tactics',
      'Step 4 of 4 · Learn',
    ]);
    expect(STEP_NUMBERS.map((step) => build(step).submit.text)).toEqual(['Next', 'Next', 'Next', 'Finish']);
    for (const step of STEP_NUMBERS) {
      const view = build(step);
      expect(view.title.text.length).toBeLessThanOrEqual(24);
      expect(view.close.text).toBe('Save & close');
    }
  });

  it('names itself by step, keeps only the draft id in metadata and asks to hear about closing', () => {
    const view = build(3, { answers: FULL_ANSWERS });
    expect(view.callback_id).toBe('routine_step_3');
    expect(JSON.parse(view.private_metadata)).toEqual({ draftId: 'draft_1' });
    expect(view.notify_on_close).toBe(true);
  });

  it('opens each step with its heading and a line of introduction', () => {
    for (const step of STEPS) {
      expect(build(step.number).blocks[0].text.text).toBe(`*${step.heading}*\n${step.intro}`);
    }
  });

  it('has one input per field, named by the field, marked optional where it is', () => {
    for (const step of STEPS) {
      const view = build(step.number);
      expect(inputs(view).map((block) => block.block_id)).toEqual(step.fields.map((field) => field.id));
      for (const field of step.fields) {
        const block = input(view, field.id);
        expect(block.optional).toBe(field.optional);
        expect(block.label.text).toBe(field.label);
        expect(block.element.action_id).toBe(ActionId.fieldValue);
        if (field.maxLength !== undefined) expect(block.element.max_length).toBe(field.maxLength);
      }
    }
    expect(input(build(1), 'stage').element.type).toBe('static_select');
    expect(input(build(1), 'intermediary').element.type).toBe('radio_buttons');
    expect(input(build(2), 'interview').element.multiline).toBe(true);
    expect(input(build(3), 'tweaks').element.type).toBe('checkboxes');
    expect(input(build(4), 'followUpAt').element.type).toBe('datetimepicker');
  });

  it('offers Back on steps 2 to 4 only', () => {
    const back = (view: Json) => view.blocks.find((block: Json) => block.block_id === BlockId.navigation);
    expect(back(build(1))).toBeUndefined();
    for (const step of [2, 3, 4] as const) {
      expect(back(build(step)).elements).toEqual([
        { type: 'button', action_id: ActionId.back, text: { type: 'plain_text', text: 'Back' } },
      ]);
    }
  });

  it('starts every field from the saved answers, so nothing is lost going back and forth', () => {
    const view1 = build(1, { answers: FULL_ANSWERS });
    expect(input(view1, 'company').element.initial_value).toBe('Acme');
    expect(input(view1, 'stage').element.initial_option).toEqual({
      text: { type: 'plain_text', text: 'Final round' },
      value: 'final_round',
    });
    expect(input(view1, 'intermediary').element.initial_option.value).toBe('recruiter');
    const view3 = build(3, { answers: FULL_ANSWERS });
    expect(input(view3, 'tweaks').element.initial_options.map((option: Json) => option.value)).toEqual([
      'referrals',
      'practice_interviews',
    ]);
    expect(input(view3, 'fitNotes').element.initial_value).toBe('Long commute.\nSmall team.');
    expect(input(build(4, { answers: FULL_ANSWERS }), 'followUpAt').element.initial_date_time).toBe(
      Date.parse('2025-05-04T14:00:00Z') / 1000,
    );
  });

  it('leaves empty fields blank rather than sending empty initial values', () => {
    for (const step of STEP_NUMBERS) {
      const text = blocksJson(build(step, { answers: { company: '  ', tweaks: [] } }));
      expect(text).not.toContain('initial_value');
      expect(text).not.toContain('initial_option');
    }
  });

  it('round-trips: submitting the step untouched gives back the same answers', () => {
    for (const answers of [FULL_ANSWERS, LONG_ANSWERS]) {
      for (const step of STEPS) {
        const view = buildStepView({ step: step.number, draftId: 'd', answers, tz: NEW_YORK, now: NOW });
        const expected = Object.fromEntries(step.fields.map((field) => [field.id, answers[field.id]]));
        expect(readStepAnswers(step.number, stateValuesFrom(view))).toEqual(expected);
      }
    }
  });

  it('defaults the check-in to 10:00 local on a weekday, three days on, and renews a passed time', () => {
    // Thursday 1 May: three days on is a Sunday, so Monday the 5th.
    const expected = defaultFollowUpAt(NOW, NEW_YORK).getTime() / 1000;
    expect(expected).toBe(Date.parse('2025-05-05T14:00:00Z') / 1000);
    expect(input(build(4), 'followUpAt').element.initial_date_time).toBe(expected);
    const stale: RoutineAnswers = { followUpAt: new Date('2025-04-01T10:00:00Z') };
    expect(input(build(4, { answers: stale }), 'followUpAt').element.initial_date_time).toBe(expected);
    expect(input(build(4, { tz: null }), 'followUpAt').element.initial_date_time).toBe(
      Date.parse('2025-05-05T10:00:00Z') / 1000,
    );
  });

  it('tells step 2 the feedback notes are drafted, naming their recipients safely', () => {
    const line = (view: Json) => view.blocks[1].elements[0].text as string;
    expect(line(build(2, { answers: FULL_ANSWERS }))).toContain(
      'notes to *Sam Lee* and *Alex Kim* are drafted',
    );
    const one: FeedbackRequest[] = [{ audience: 'employer', recipient: HOSTILE, text: 'Hello' }];
    expect(line(build(2, { feedbackRequests: one }))).toContain(
      'note to *&lt;!channel&gt; &lt;@U123&gt; &amp; co* is drafted',
    );
    expect(visibleText(build(2, { feedbackRequests: one }))).toContain(
      'note to <!channel> <@U123> & co is drafted',
    );
    expect(visibleText(build(1, { answers: FULL_ANSWERS }))).not.toContain('drafted');
    expect(build(2, { feedbackRequests: [] }).blocks[1].type).toBe('input');
  });

  it('caps an initial value that is longer than the field allows', () => {
    const answers: RoutineAnswers = { company: `${'😀'.repeat(50)}x` };
    const value = input(build(1, { answers }), 'company').element.initial_value as string;
    expect(value).toBe('😀'.repeat(50));
  });

  it('passes the Slack rules checker for every step, empty, full or at the limits', () => {
    for (const answers of [{}, FULL_ANSWERS, LONG_ANSWERS]) {
      for (const step of STEP_NUMBERS) {
        for (const tz of [NEW_YORK, null, 'Pacific/Chatham']) {
          const view = buildStepView({ step, draftId: 'draft_1', answers, tz, now: NOW });
          expect(validateView(view), `step ${step}`).toEqual([]);
          expect(view.blocks.length).toBeLessThanOrEqual(100);
        }
      }
    }
  });
});
