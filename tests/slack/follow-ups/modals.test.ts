import { describe, expect, it } from 'vitest';
import { validateView } from '../../../emulator/block-kit-rules.js';
import {
  buildFeedbackModal,
  buildReflectModal,
  buildTweakModal,
} from '../../../src/slack/follow-ups/modals.js';
import { readFeedbackText } from '../../../src/slack/follow-ups/parse-feedback.js';
import { decodeFollowUpMetadata } from '../../../src/slack/follow-ups/refs.js';
import { readStepAnswers } from '../../../src/slack/routine/parse-step.js';
import { FULL_ANSWERS, HOSTILE, type Json, LONG_ANSWERS, NOW, stateValuesFrom } from '../fixtures.js';

const metadata = { followUpId: 'fu_1' };
const inputs = (view: Json) => (view.blocks as Json[]).filter((block) => block.type === 'input');

describe('follow-up modals', () => {
  it('"Reflect now" shows the step-2 prompts filled with what they wrote, and ids only in metadata', () => {
    const view = buildReflectModal({ metadata, answers: FULL_ANSWERS, now: NOW }) as Json;
    expect(view).toMatchObject({
      type: 'modal',
      callback_id: 'nudge_reflect',
      title: { text: 'Reflect' },
      submit: { text: 'Save' },
      close: { text: 'Cancel' },
    });
    expect(decodeFollowUpMetadata(view.private_metadata)).toEqual(metadata);
    expect(view.private_metadata).not.toContain('Acme');
    expect(inputs(view).map((block) => block.block_id)).toEqual([
      'interview',
      'preparation',
      'rapport',
      'strengths',
    ]);
    expect(readStepAnswers(2, stateValuesFrom(view as { blocks: unknown[] }))).toEqual({
      interview: FULL_ANSWERS.interview,
      preparation: FULL_ANSWERS.preparation,
      rapport: FULL_ANSWERS.rapport,
      strengths: FULL_ANSWERS.strengths,
    });
    // The company is bold on its own; bold inside bold would show stray asterisks.
    expect(view.blocks[0].text.text).toMatch(/^Looking back at \*Acme\*\n/);
    expect(validateView(view)).toEqual([]);
  });

  it('"Tweak my search" shows the step-3 fields as saved', () => {
    const view = buildTweakModal({ metadata, answers: FULL_ANSWERS, now: NOW }) as Json;
    expect(view.callback_id).toBe('nudge_tweak');
    expect(view.title.text).toBe('Tweak my search');
    expect(inputs(view).map((block) => block.block_id)).toEqual([
      'dailyFit',
      'excited',
      'skillsElsewhere',
      'fitNotes',
      'tweaks',
      'tweakOther',
    ]);
    expect(readStepAnswers(3, stateValuesFrom(view as { blocks: unknown[] }))).toEqual({
      dailyFit: 'unsure',
      excited: 'somewhat',
      skillsElsewhere: 'maybe',
      fitNotes: FULL_ANSWERS.fitNotes,
      tweaks: ['referrals', 'practice_interviews'],
      tweakOther: FULL_ANSWERS.tweakOther,
    });
    expect(validateView(view)).toEqual([]);
  });

  it('"Yes, note it" asks for what they said in one box', () => {
    const view = buildFeedbackModal({ metadata, answers: FULL_ANSWERS }) as Json;
    expect(view.callback_id).toBe('nudge_feedback');
    expect(inputs(view)).toEqual([
      expect.objectContaining({
        block_id: 'feedback_text',
        label: { type: 'plain_text', text: 'What did they say?' },
        element: expect.objectContaining({ type: 'plain_text_input', multiline: true, max_length: 3000 }),
      }),
    ]);
    expect(view.blocks[0].text.text).toBe(
      'Note what *Acme* said, in a line or two. It stays with your plan.',
    );
    expect(validateView(view)).toEqual([]);
  });

  it('escapes names and stays valid with the longest answers or none', () => {
    for (const answers of [{ ...LONG_ANSWERS, company: HOSTILE }, {}]) {
      for (const view of [
        buildReflectModal({ metadata, answers, now: NOW }),
        buildTweakModal({ metadata, answers, now: NOW }),
        buildFeedbackModal({ metadata, answers }),
      ]) {
        expect(JSON.stringify(view.blocks[0])).not.toMatch(/<!channel>|<@U123>/);
        expect(validateView(view)).toEqual([]);
      }
    }
  });
});

describe('readFeedbackText', () => {
  const values = (value: unknown) => ({ feedback_text: { value: { type: 'plain_text_input', value } } });

  it('reads, trims and caps the text; empty or odd shapes read as null', () => {
    expect(readFeedbackText(values('  Good portfolio.  '))).toBe('Good portfolio.');
    expect(readFeedbackText(values('x'.repeat(3100)))).toHaveLength(3000);
    for (const odd of [values('   '), values(null), values(42), {}, null, 'text', { feedback_text: null }]) {
      expect(readFeedbackText(odd)).toBeNull();
    }
    expect(readFeedbackText(JSON.parse('{"__proto__": {"value": {"value": "x"}}}'))).toBeNull();
  });
});
