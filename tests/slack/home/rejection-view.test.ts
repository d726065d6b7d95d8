import { describe, expect, it } from 'vitest';
import { validateView } from '../../../emulator/block-kit-rules.js';
import { visibleText } from '../../../emulator/index.js';
import { draftFeedbackRequests } from '../../../src/domain/feedback-requests.js';
import type { EntryData, RejectionEntry } from '../../../src/domain/types.js';
import { buildRejectionView } from '../../../src/slack/home/rejection-view.js';
import {
  createFollowUp,
  createRejection,
  FULL_ANSWERS,
  HOSTILE,
  LONG_ANSWERS,
  longMixedText,
} from '../fixtures.js';

const rejection = createRejection({ id: 'r1' });
const notes = (answers = FULL_ANSWERS) =>
  draftFeedbackRequests(answers).map((note) => ({ ...note, sentAt: null }));
const entry = (id: string, day: number, data: EntryData): RejectionEntry => ({
  id,
  rejectionId: 'r1',
  scope: rejection.scope,
  data,
  createdAt: new Date(Date.UTC(2025, 4, day)),
});
const text = (view: { blocks: unknown[] }) => visibleText(view);
/** The blocks' JSON, for date tokens. */
const json = (view: { blocks: unknown[] }) => JSON.stringify(view.blocks);
/** Only mrkdwn is parsed for mentions; plain_text (the header, the title) shows as typed. */
const mrkdwn = (view: { blocks: unknown[] }) =>
  JSON.stringify(view.blocks)
    .match(/"type":"mrkdwn","text":"(?:[^"\\]|\\.)*"/g)
    ?.join('\n') ?? '';

describe('buildRejectionView', () => {
  it('shows everything entered for the rejection, and what comes next', () => {
    const view = buildRejectionView({
      rejection,
      notes: notes(),
      entries: [
        entry('e1', 3, { kind: 'reflection', answers: { strengths: 'The onboarding story.' } }),
        entry('e2', 4, { kind: 'feedback', received: true, text: 'Great craft, less strategy.' }),
        entry('e3', 2, { kind: 'feedback', received: false, text: null }),
      ],
      followUps: [createFollowUp({ rejectionId: 'r1' }), { ...createFollowUp({ id: 'f2' }), status: 'done' }],
    });
    const all = text(view);
    expect(view.title.text).toBe('Acme');
    for (const expected of [
      'Acme · Product designer',
      'ended at Final round',
      'with a recruiter (Alex Kim)',
      'To Sam Lee · not marked sent',
      'To Alex Kim · not marked sent',
      '\nHi Sam,',
      '\nWhat they said · ',
      '\nGreat craft, less strategy.',
      '\nNo feedback came · ',
      'Next time in the interview\nSlow down and give examples.',
      '\nStrengths to show · added ',
      '\nThe onboarding story.',
      'The day-to-day would have suited you: Not sure',
      '\nLong commute.\nSmall team.',
      '• Ask my network for referrals',
      '\nApply to two roles a week',
      '\nI do better when I bring examples.',
      'a check-in on what you chose to act on',
    ])
      expect(all).toContain(expected);
    // Dates are Slack date tokens: each reader sees them in their own timezone.
    for (const dated of [
      '*What they said* · <!date^',
      '*No feedback came* · <!date^',
      '*Strengths to show* · added <!date^',
    ])
      expect(json(view)).toContain(dated);
    expect(all.indexOf('Great craft')).toBeLessThan(all.indexOf('No feedback came'));
    expect(validateView(view)).toEqual([]);
  });

  it('escapes hostile text and keeps the longest answers within Slack’s limits', () => {
    const hostile = createRejection({
      id: 'r1',
      answers: { ...LONG_ANSWERS, lesson: `${HOSTILE}\n${longMixedText(2900)}` },
    });
    const view = buildRejectionView({
      rejection: hostile,
      notes: notes(LONG_ANSWERS),
      entries: Array.from({ length: 20 }, (_, i) =>
        entry(
          `e${i}`,
          1 + i,
          i % 2
            ? { kind: 'feedback', received: true, text: `${HOSTILE} ${longMixedText(2000)}` }
            : {
                kind: 'reflection',
                answers: {
                  interview: longMixedText(),
                  preparation: longMixedText(),
                  rapport: HOSTILE,
                  strengths: longMixedText(),
                },
              },
        ),
      ),
      followUps: [],
    });
    const all = mrkdwn(view);
    expect(all).not.toContain('<!channel>');
    expect(all).not.toContain('<@U123>');
    expect(all).toContain('&lt;!channel&gt;');
    expect(text(view)).toContain('And 2 earlier answers, in your export.');
    expect(text(view)).toContain('No check-ins planned for this one.');
    expect(validateView(view)).toEqual([]);
  });
});

describe('buildRejectionView: what they did about it', () => {
  it('shows what they said they would act on and how it went, newest first, escaped', () => {
    const view = buildRejectionView({
      rejection,
      notes: [],
      entries: [
        entry('a1', 5, { kind: 'action', text: 'Add a research case study' }),
        entry('p1', 12, { kind: 'progress', text: `Drafted it ${HOSTILE}` }),
      ],
      followUps: [],
    });
    const all = text(view);
    expect(all).toContain('What you did about it');
    expect(all.indexOf('How it went')).toBeLessThan(all.indexOf("You said you'd"));
    expect(all).toContain('Add a research case study');
    expect(all).toContain(`Drafted it ${HOSTILE}`);
    expect(mrkdwn(view)).not.toMatch(/<!channel>|<@U/);
    expect(validateView(view)).toEqual([]);
  });

  it('leaves the section out when nothing was done yet', () => {
    const view = buildRejectionView({ rejection, notes: [], entries: [], followUps: [] });
    expect(text(view)).not.toContain('What you did about it');
  });
});
