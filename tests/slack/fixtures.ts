// Answers and records for the view builder tests (and the export's), plus the reverse of a
// modal: what Slack would send back in view.state.values if the person submitted it untouched.

import { patternRejection, readPatterns } from '../../src/domain/patterns.js';
import type { FollowUp, Rejection, RoutineAnswers } from '../../src/domain/types.js';
import type { HomeInput } from '../../src/slack/home/home-view.js';

/** Built views and messages, read freely in assertions: a wrong path fails the test anyway. */
// biome-ignore lint/suspicious/noExplicitAny: tests walk Block Kit JSON by path.
export type Json = Record<string, any>;

export const NOW = new Date('2025-05-01T12:00:00Z');
export const NEW_YORK = 'America/New_York';
export const HOSTILE = '<!channel> <@U123> & co';

/** Exactly `length` code units of text that mixes emoji (surrogate pairs), right-to-left script and characters mrkdwn escapes. */
export function longMixedText(length = 3000): string {
  const unit = 'שלום 😀 <&> مرحبا ';
  return Array.from(unit.repeat(Math.ceil(length / unit.length)))
    .join('')
    .slice(0, length)
    .replace(/([\ud800-\udbff]|\s)$/, 'x'); // stored answers are trimmed and whole
}

export const FULL_ANSWERS: RoutineAnswers = {
  company: 'Acme',
  role: 'Product designer',
  stage: 'final_round',
  employerContact: 'Sam Lee',
  intermediary: 'recruiter',
  intermediaryName: 'Alex Kim',
  interview: 'Slow down and give examples.',
  preparation: 'Research the team.',
  rapport: 'Ask more about their work.',
  strengths: 'How I ran the redesign.',
  dailyFit: 'unsure',
  excited: 'somewhat',
  skillsElsewhere: 'maybe',
  fitNotes: 'Long commute.\nSmall team.',
  tweaks: ['referrals', 'practice_interviews'],
  tweakOther: 'Apply to two roles a week',
  lesson: 'I do better when I bring examples.',
  followUpAt: new Date('2025-05-04T14:00:00Z'),
};

/** Every text answer at its longest, full of emoji, RTL text and mentions. */
export const LONG_ANSWERS: RoutineAnswers = {
  ...FULL_ANSWERS,
  company: `${HOSTILE} ${longMixedText(100 - HOSTILE.length - 1)}`,
  role: longMixedText(100),
  employerContact: longMixedText(100),
  intermediaryName: HOSTILE,
  interview: longMixedText(),
  preparation: longMixedText(),
  rapport: `${HOSTILE}\n${longMixedText(2900)}`,
  strengths: '&'.repeat(3000),
  fitNotes: '>'.repeat(3000),
  tweakOther: longMixedText(300),
  lesson: longMixedText(),
};

export function createRejection(overrides: Partial<Rejection> = {}): Rejection {
  return {
    id: 'rej_123',
    scope: { teamId: 'T1234', enterpriseId: null, userId: 'U1234' },
    status: 'complete',
    step: 4,
    answers: FULL_ANSWERS,
    createdAt: NOW,
    updatedAt: NOW,
    completedAt: NOW,
    ...overrides,
  };
}

/** A pending reflection follow-up of createRejection()'s person, due at FULL_ANSWERS.followUpAt. */
export function createFollowUp(overrides: Partial<FollowUp> = {}): FollowUp {
  return {
    id: 'f1',
    rejectionId: 'r1',
    scope: { teamId: 'T1234', enterpriseId: null, userId: 'U1234' },
    kind: 'reflect',
    dueAt: new Date('2025-05-04T14:00:00Z'),
    status: 'pending',
    attempts: 0,
    leaseOwner: null,
    leaseUntil: null,
    lastError: null,
    sendStartedAt: null,
    retryingSince: null,
    channelId: null,
    messageTs: null,
    createdAt: NOW,
    updatedAt: NOW,
    sentAt: null,
    ...overrides,
  };
}

type JsonObject = Record<string, unknown>;

/** The state.values Slack would send for a modal whose inputs still hold their initial values. */
export function stateValuesFrom(view: { blocks: unknown[] }): Record<string, Record<string, unknown>> {
  const values: Record<string, Record<string, unknown>> = {};
  for (const block of view.blocks as JsonObject[]) {
    if (block.type !== 'input') continue;
    const element = block.element as JsonObject;
    const state: JsonObject = { type: element.type };
    if (element.type === 'plain_text_input') state.value = element.initial_value ?? null;
    if (element.type === 'static_select' || element.type === 'radio_buttons') {
      state.selected_option = element.initial_option ?? null;
    }
    if (element.type === 'checkboxes') state.selected_options = element.initial_options ?? [];
    if (element.type === 'datetimepicker') state.selected_date_time = element.initial_date_time ?? null;
    values[block.block_id as string] = { [element.action_id as string]: state };
  }
  return values;
}

/** What Home is built from: nothing yet (a first visit) unless `overrides` says otherwise. */
export function homeInput(overrides: Partial<HomeInput> = {}): HomeInput {
  const rejections = overrides.rejections ?? [];
  return {
    rejections,
    offset: 0,
    hasMore: false,
    draft: null,
    upcoming: [],
    upcomingContext: new Map(),
    feedback: new Map(),
    patterns: readPatterns(
      rejections.map((r) => patternRejection(r, [{ sentAt: null }], overrides.feedback?.get(r.id))),
    ),
    ...overrides,
  };
}
