import { describe, expect, it } from 'vitest';
import { validateMessage } from '../../../emulator/block-kit-rules.js';
import { visibleText } from '../../../emulator/index.js';
import type { EntryData, FollowUp, FollowUpKind, RejectionEntry } from '../../../src/domain/types.js';
import {
  buildAnsweredFollowUpMessage,
  buildFollowUpMessage,
  type FollowUpChoice,
} from '../../../src/slack/follow-ups/message.js';
import {
  createFollowUp,
  createRejection,
  FULL_ANSWERS,
  HOSTILE,
  type Json,
  LONG_ANSWERS,
  longMixedText,
  NOW,
} from '../fixtures.js';

/** A follow-up the job has claimed and is sending, about createRejection()'s rejection. */
function followUp(kind: FollowUpKind): FollowUp {
  return createFollowUp({
    id: 'fu_1',
    rejectionId: 'rej_123',
    kind,
    dueAt: NOW,
    status: 'sending',
    leaseOwner: 'test',
    leaseUntil: NOW,
  });
}

function entry(data: EntryData, minutes = 0): RejectionEntry {
  return {
    id: `e_${minutes}`,
    rejectionId: 'rej_123',
    scope: { teamId: 'T1234', enterpriseId: null, userId: 'U1234' },
    data,
    createdAt: new Date(NOW.getTime() + minutes * 60_000),
  };
}

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const button = (action_id: string, text: string, style?: 'primary') => ({
  type: 'button',
  action_id,
  text: { type: 'plain_text', text },
  ...(style ? { style } : {}),
  value: 'fu_1',
});
const option = (text: string, value: string) => ({ text: { type: 'plain_text', text }, value });

const texts = (message: { blocks: unknown[] }): string =>
  (message.blocks as Json[])
    .map((block) =>
      block.type === 'actions' ? '[buttons]' : (block.text?.text ?? block.elements?.[0]?.text),
    )
    .join('\n');

describe('buildFollowUpMessage: the reflect follow-up', () => {
  it('names the company and role, recalls a tweak, asks one question, and offers four answers', () => {
    const message = buildFollowUpMessage(followUp('reflect'), createRejection());
    expect(message).toEqual({
      text: 'Rebound has a check-in for you',
      blocks: [
        section(
          '*Checking in: Product designer at Acme*\nYou planned to try: *Ask my network for referrals*',
        ),
        section('*Have you had a chance to try it yet?*'),
        {
          type: 'actions',
          block_id: 'nudge_actions',
          elements: [
            button('nudge_reflect_now', 'Reflect now', 'primary'),
            button('nudge_tweak_search', 'Tweak my search'),
            {
              type: 'static_select',
              action_id: 'nudge_snooze',
              placeholder: { type: 'plain_text', text: 'Snooze' },
              options: [option('1 day', '1d:fu_1'), option('3 days', '3d:fu_1'), option('1 week', '1w:fu_1')],
            },
            button('nudge_done', "I'm done"),
          ],
        },
      ],
    });
    expect(validateMessage(message)).toEqual([]);
  });

  it('recalls the newest reflection written from a follow-up before anything else, and the feedback they got', () => {
    const entries = [
      entry({ kind: 'reflection', answers: { interview: 'An older thought.' } }, 1),
      entry({ kind: 'feedback', received: true, text: 'Strong portfolio; wanted more research.' }, 2),
      entry({ kind: 'reflection', answers: { preparation: 'Read their last two case studies.' } }, 3),
      entry({ kind: 'feedback', received: false, text: null }, 4),
    ];
    const message = buildFollowUpMessage(followUp('reflect'), createRejection(), entries);
    expect(texts(message)).toBe(
      [
        "*Checking in: Product designer at Acme*\nHere's what you wrote about preparing:\n> Read their last two case studies.",
        '*What Acme told you*\n> Strong portfolio; wanted more research.',
        "*What's one small step you could take on it this week?*",
        '[buttons]',
      ].join('\n'),
    );
    expect(validateMessage(message)).toEqual([]);
  });

  it('falls back to a step-2 reflection, then to a plain question', () => {
    const noTweaks = { ...FULL_ANSWERS, tweaks: undefined, tweakOther: undefined, interview: undefined };
    expect(
      texts(buildFollowUpMessage(followUp('reflect'), createRejection({ answers: noTweaks }))),
    ).toContain("Here's what you wrote about preparing:\n> Research the team.");
    const own = { ...FULL_ANSWERS, tweaks: undefined };
    expect(texts(buildFollowUpMessage(followUp('reflect'), createRejection({ answers: own })))).toContain(
      'You planned to try: *Apply to two roles a week*',
    );
    const bare = buildFollowUpMessage(followUp('reflect'), createRejection({ answers: {} }));
    expect(texts(bare)).toBe(
      "*Checking in*\n*What's one thing you'd like to try on your next application?*\n[buttons]",
    );
    expect(bare.text).toBe('Rebound has a check-in for you');
    const detailed = buildFollowUpMessage(followUp('reflect'), createRejection({ answers: {} }), [], {
      showDetails: true,
      employedHere: null,
    });
    expect(detailed.text).toBe("Checking in. What's one thing you'd like to try on your next application?");
  });

  it('keeps recalled text short', () => {
    const long = entry({ kind: 'reflection', answers: { strengths: longMixedText() } });
    const message = buildFollowUpMessage(followUp('reflect'), createRejection(), [long]);
    const recall = (message.blocks[0] as Json).text.text as string;
    expect(recall.length).toBeLessThan(600);
    expect(recall.endsWith('…')).toBe(true);
    expect(validateMessage(message)).toEqual([]);
  });
});

describe('buildFollowUpMessage: did you hear back?', () => {
  it('asks about the company, makes silence mean nothing, and offers yes or no reply', () => {
    const message = buildFollowUpMessage(followUp('feedback_check'), createRejection());
    expect(message).toEqual({
      text: 'Rebound has a check-in for you',
      blocks: [
        section(
          '*Did you hear back from Acme?*\nIf they shared any feedback on the Product designer role, ' +
            "note it here and we'll keep it with your plan. No reply is common, and it says nothing about you.",
        ),
        {
          type: 'actions',
          block_id: 'nudge_actions',
          elements: [
            button('nudge_feedback_yes', 'Yes, note it', 'primary'),
            button('nudge_feedback_none', 'No reply yet'),
          ],
        },
      ],
    });
    expect(validateMessage(message)).toEqual([]);
  });
});

describe('buildAnsweredFollowUpMessage', () => {
  const choices: [FollowUpChoice, string][] = [
    [
      { kind: 'snoozed', until: new Date('2025-05-05T14:00:00Z') },
      ':zzz: Snoozed until <!date^1746453600^{date_short_pretty} at {time}|2025-05-05 14:00 UTC>.',
    ],
    [{ kind: 'stopped' }, ':white_check_mark: Done. No more check-ins about Acme.'],
    [{ kind: 'reflected' }, ':pencil: Your reflection is saved with your plan.'],
    [{ kind: 'tweaked' }, ':pencil: Your search plan is updated.'],
    [{ kind: 'feedback_noted' }, ':memo: Their feedback is saved with your plan.'],
    [{ kind: 'no_feedback' }, 'Noted: no reply yet.'],
  ];

  it.each(choices)('keeps the context and swaps the buttons for one line: %o', (choice, line) => {
    for (const kind of ['reflect', 'feedback_check'] as const) {
      const sent = buildFollowUpMessage(followUp(kind), createRejection());
      const answered = buildAnsweredFollowUpMessage(followUp(kind), createRejection(), [], choice);
      expect(answered.text).toBe(sent.text);
      expect(answered.blocks).toEqual([
        ...sent.blocks.slice(0, -1),
        { type: 'context', elements: [{ type: 'mrkdwn', text: line }] },
      ]);
      expect(JSON.stringify(answered)).not.toContain('"actions"');
      expect(validateMessage(answered)).toEqual([]);
    }
  });
});

describe('follow-ups with hostile or long text', () => {
  it('escapes what the person typed and stays within Slack’s limits', () => {
    const hostileEntries = [
      entry({ kind: 'reflection', answers: { rapport: HOSTILE } }),
      entry({ kind: 'feedback', received: true, text: HOSTILE }),
    ];
    for (const kind of ['reflect', 'feedback_check'] as const) {
      const rejection = createRejection({
        answers: { ...FULL_ANSWERS, company: HOSTILE, role: HOSTILE, tweakOther: HOSTILE, lesson: HOSTILE },
      });
      for (const message of [
        buildFollowUpMessage(followUp(kind), rejection, hostileEntries),
        buildAnsweredFollowUpMessage(followUp(kind), rejection, hostileEntries, { kind: 'stopped' }),
      ]) {
        expect(`${JSON.stringify(message.blocks)} ${message.text}`).not.toMatch(/<!channel>|<@U123>/);
        // Inert, and still read exactly as typed.
        expect(visibleText(message)).toContain(HOSTILE);
        expect(validateMessage(message)).toEqual([]);
      }
      const longEntries = [entry({ kind: 'feedback', received: true, text: longMixedText() })];
      expect(
        validateMessage(
          buildFollowUpMessage(followUp(kind), createRejection({ answers: LONG_ANSWERS }), longEntries),
        ),
      ).toEqual([]);
      expect(validateMessage(buildFollowUpMessage(followUp(kind), createRejection({ answers: {} })))).toEqual(
        [],
      );
    }
  });
});
