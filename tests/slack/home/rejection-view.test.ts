import { describe, expect, it } from 'vitest';
import { validateView } from '../../../emulator/block-kit-rules.js';
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
const text = (view: { blocks: unknown[] }) => JSON.stringify(view.blocks);
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
      '*To Sam Lee* · not marked sent',
      '*To Alex Kim* · not marked sent',
      '> Hi Sam Lee,',
      '*What they said* · <!date^',
      '> Great craft, less strategy.',
      '*No feedback came* · <!date^',
      '*Next time in the interview*\\n> Slow down and give examples.',
      '*Strengths to show* · added <!date^',
      '> The onboarding story.',
      'Could see yourself there every day: *Not sure*',
      '> Long commute.\\n> Small team.',
      '• Ask my network for referrals',
      '> Apply to two roles a week',
      '> I do better when I bring examples.',
      'a check-in to look back and tweak your search',
    ])
      expect(all).toContain(expected);
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
    expect(all).toContain('And 2 earlier answers, in your export.');
    expect(all).toContain('No check-ins planned for this one.');
    expect(validateView(view)).toEqual([]);
  });
});
