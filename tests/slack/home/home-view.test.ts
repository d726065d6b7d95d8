import { describe, expect, it } from 'vitest';
import { validateView } from '../../../emulator/block-kit-rules.js';
import { visibleText } from '../../../emulator/index.js';
import { LATER_TEXT } from '../../../src/domain/patterns.js';
import { lessonsOf } from '../../../src/domain/prep.js';
import type { FollowUp, Rejection } from '../../../src/domain/types.js';
import { buildHomeView, SETTINGS_ROOM } from '../../../src/slack/home/home-view.js';
import {
  createFollowUp,
  createRejection,
  FULL_ANSWERS,
  HOSTILE,
  homeInput,
  type Json,
  LONG_ANSWERS,
} from '../fixtures.js';

const text = (view: { blocks: unknown[] }) => visibleText(view);
/** The blocks' JSON, for what is structure rather than words: date tokens, escaping. */
const json = (view: { blocks: unknown[] }) => JSON.stringify(view.blocks);
const actionIds = (view: { blocks: unknown[] }) =>
  (view.blocks as Json[])
    .flatMap((block) => [
      ...(block.elements ?? []).map((element: Json) => element.action_id),
      ...(block.accessory ? [block.accessory.action_id] : []),
    ])
    .filter((id) => id !== undefined);

function many(count: number): Rejection[] {
  return Array.from({ length: count }, (_, index) =>
    createRejection({ id: `rej_${index}`, answers: { ...FULL_ANSWERS, company: `Company ${index}` } }),
  );
}

describe('buildHomeView', () => {
  it('welcomes a first-time user with one clear way to start', () => {
    const view = buildHomeView(homeInput());
    expect(text(view)).toContain('Welcome to Rebound');
    expect(actionIds(view)).toEqual(['home_start_routine']);
    expect(validateView(view)).toEqual([]);
  });

  it('lists rejections newest first with stage, steps done and feedback', () => {
    const rejections = [
      createRejection({ id: 'new', answers: { ...FULL_ANSWERS, company: 'Globex', stage: 'take_home' } }),
      createRejection({ id: 'old', answers: FULL_ANSWERS }),
    ];
    const view = buildHomeView(homeInput({ rejections, feedback: new Map([['old', true]]) }));
    const all = text(view);
    expect(all.indexOf('Globex')).toBeGreaterThanOrEqual(0);
    expect(all.indexOf('Globex')).toBeLessThan(all.indexOf('Acme'));
    expect(all).toContain('ended at Take-home task');
    expect(all).toContain('✓ Feedback  ✓ Reflect');
    expect(all).toContain('Feedback received');
    expect(all).toContain('No feedback yet');
    expect(validateView(view)).toEqual([]);
  });

  it('offers to resume a draft and shows which step it stopped at', () => {
    const draft = createRejection({ id: 'draft_1', status: 'draft', step: 2, completedAt: null });
    const view = buildHomeView(homeInput({ draft }));
    const resume = (view.blocks as Json[]).find(
      (block) => block.accessory?.action_id === 'home_resume_draft',
    );
    expect(resume?.accessory.value).toBe('draft_1');
    expect(resume?.text.text).toContain('step 2 of 4');
  });

  it('shows upcoming check-ins with Snooze and Cancel that carry only the follow-up id', () => {
    const rejection = createRejection({ id: 'r1' });
    const view = buildHomeView(
      homeInput({
        rejections: [rejection],
        upcoming: [createFollowUp(), createFollowUp({ id: 'f2', kind: 'feedback_check' })],
        upcomingContext: new Map([['r1', rejection]]),
      }),
    );
    const rows = (view.blocks as Json[]).filter((block) => block.block_id?.startsWith('home_nudge_'));
    expect(rows).toHaveLength(2);
    expect(rows[0]?.elements[0].options.map((o: Json) => o.value)).toEqual(['1d:f1', '3d:f1', '1w:f1']);
    expect(rows[0]?.elements[1]).toMatchObject({ action_id: 'home_cancel_nudge', value: 'f1' });
    expect(text(view)).toContain('Did you hear back from Acme?');
    expect(json(view)).toContain('<!date^1746367200^');
    expect(validateView(view)).toEqual([]);
  });

  it('offers the follow-up’s own buttons for check-ins still waiting for an answer', () => {
    const rejection = createRejection({ id: 'r1' });
    const sent = (id: string, kind: FollowUp['kind']) => ({
      ...createFollowUp({ id, kind }),
      status: 'sent' as const,
    });
    const view = buildHomeView(
      homeInput({
        rejections: [rejection],
        awaiting: [sent('s1', 'feedback_check'), sent('s2', 'reflect')],
        upcomingContext: new Map([['r1', rejection]]),
      }),
    );
    const rows = (view.blocks as Json[]).filter((block) => block.block_id?.startsWith('home_waiting_'));
    expect(
      rows.map((row) => row.elements.map((element: Json) => [element.action_id, element.value])),
    ).toEqual([
      [
        ['nudge_feedback_yes', 's1'],
        ['nudge_feedback_none', 's1'],
        ['nudge_not_sent', 's1'],
      ],
      [
        ['nudge_did_it', 's2'],
        ['nudge_not_yet', 's2'],
      ],
    ]);
    expect(text(view)).toContain('Waiting for you');
    expect(text(view)).toContain('Did you hear back from Acme?');
    expect(validateView(view)).toEqual([]);
  });

  it('draws patterns as text bars with a reading and a next step once there are three', () => {
    const rejections = [
      createRejection({ id: 'a', answers: { ...FULL_ANSWERS, stage: 'final_round' } }),
      createRejection({ id: 'b', answers: { ...FULL_ANSWERS, stage: 'final_round' } }),
      createRejection({ id: 'c', answers: { ...FULL_ANSWERS, stage: 'first_interview' } }),
    ];
    const view = buildHomeView(homeInput({ rejections, feedback: new Map([['a', true]]) }));
    const all = text(view);
    expect(all).toContain('▓▓▓▓▓▓▓▓▓▓ 2 · Final round');
    expect(all).toContain('▓▓▓▓▓░░░░░ 1 · First interview');
    expect(all).toContain('Two of your three ended at the final stages.');
    expect(all).toContain('→ Try “Ask about the team and the role early on” or');
    expect(all).toContain('In your words, after Acme:\nI do better when I bring examples.');
    expect(json(view)).toContain('_In your words, after *Acme*:_\\n> I do better when I bring examples.');
    // No note is marked sent, so no "answered" bar: the line says when it will appear.
    expect(all).toContain('Feedback came for one of your three rejections.');
    expect(all).not.toContain('notes sent');
    expect(validateView(view)).toEqual([]);
  });

  it('with fewer than three rejections says what Home will show later instead of thin bars', () => {
    const view = buildHomeView(
      homeInput({ rejections: [createRejection({ id: 'a' }), createRejection({ id: 'b' })] }),
    );
    expect(text(view)).toContain(LATER_TEXT);
    expect(text(view)).not.toContain('▓');
    expect(validateView(view)).toEqual([]);
  });

  it('opens each rejection from its own button, and the prep view from the top', () => {
    const rejections = [createRejection({ id: 'a' }), createRejection({ id: 'b' })];
    const view = buildHomeView(homeInput({ rejections }));
    const open = (view.blocks as Json[]).filter(
      (block) => block.accessory?.action_id === 'home_open_rejection',
    );
    expect(open.map((block) => block.accessory.value)).toEqual(['a', 'b']);
    expect(actionIds(view).slice(0, 2)).toEqual(['home_start_routine', 'home_open_prep']);
  });

  it('lists what each employer taught, newest five, and points at the rest', () => {
    const rejections = Array.from({ length: 7 }, (_, i) =>
      createRejection({
        id: `r${i}`,
        answers: { ...FULL_ANSWERS, company: `Firm ${i}`, lesson: `Lesson ${i} <!here>` },
        completedAt: new Date(Date.UTC(2026, 0, 1 + i)),
      }),
    );
    const view = buildHomeView(homeInput({ rejections, lessons: lessonsOf(rejections) }));
    const all = text(view);
    expect(all).toContain('What each employer taught you');
    // Dated with Slack date tokens (each reader's own zone) and escaped as typed.
    const sent = json(view);
    expect(sent.indexOf('*Firm 6* · <!date^')).toBeGreaterThanOrEqual(0);
    expect(sent.indexOf('*Firm 6* · <!date^')).toBeLessThan(sent.indexOf('*Firm 5* · <!date^'));
    expect(sent).toContain('> Lesson 6 &lt;!here&gt;');
    expect(all).toContain('Lesson 6 <!here>');
    expect(sent).not.toContain('> Lesson 1 ');
    expect(all).not.toContain('Lesson 1 ');
    expect(all).toContain('And 2 more: Before your next interview gathers them all.');
    expect(validateView(view)).toEqual([]);
  });

  it('stays within 100 blocks and pages the rest behind "Show more"', () => {
    const rejection = createRejection({ id: 'r1' });
    const view = buildHomeView(
      homeInput({
        rejections: many(120),
        lessons: lessonsOf(many(120)),
        hasMore: true,
        draft: createRejection({ id: 'd', status: 'draft', step: 3 }),
        upcoming: Array.from({ length: 8 }, (_, i) => createFollowUp({ id: `f${i}` })),
        upcomingContext: new Map([['r1', rejection]]),
        undelivered: [
          { followUpId: 'u1', company: 'Acme <!channel>', dueAt: new Date('2026-03-05T15:00:00Z') },
          { followUpId: 'u2', company: undefined, dueAt: new Date('2026-03-04T15:00:00Z') },
        ],
      }),
    );
    // One line for what could not be delivered, escaped, and still within the budget.
    expect(text(view)).toContain(
      "We couldn't deliver your check-in about Acme <!channel> on 2026-03-05.\nWe couldn't deliver your check-in about a past rejection on 2026-03-04. Sorry about that.",
    );
    expect(JSON.stringify(view.blocks)).not.toContain('<!channel>');
    // Room stays free at the bottom for the settings area.
    expect(view.blocks.length).toBeLessThanOrEqual(100 - SETTINGS_ROOM);
    expect(validateView(view)).toEqual([]);
    const more = (view.blocks as Json[]).find((block) => block.block_id === 'home_more');
    const shown = (view.blocks as Json[]).filter(
      (block) => block.accessory?.action_id === 'home_open_rejection',
    ).length;
    expect(more?.elements[0].value).toBe(String(shown));
    expect(text(view)).toContain('And 3 more after these.');

    const second = buildHomeView(homeInput({ rejections: many(5), offset: shown, hasMore: false }));
    expect(text(second)).toContain('Earlier rejections');
    expect(
      (second.blocks as Json[]).find((block) => block.block_id === 'home_newest')?.elements[0].value,
    ).toBe('0');
    expect((second.blocks as Json[]).some((block) => block.block_id === 'home_more')).toBe(false);
  });

  it('escapes what people typed and keeps long answers within limits', () => {
    const view = buildHomeView(
      homeInput({
        rejections: [
          createRejection({ answers: LONG_ANSWERS }),
          createRejection({ id: 'x', answers: { ...FULL_ANSWERS, company: HOSTILE } }),
        ],
      }),
    );
    expect(json(view)).not.toContain('<!channel>');
    expect(json(view)).toContain('&lt;!channel&gt;');
    expect(text(view)).toContain('<!channel>');
    expect(validateView(view)).toEqual([]);
  });
});
