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

describe('buildFollowUpMessage: the action check-in', () => {
  it('names the company and role, quotes their own words, asks one question, and offers five answers', () => {
    for (const kind of ['action_check', 'reflect'] as const) {
      const message = buildFollowUpMessage(followUp(kind), createRejection());
      expect(message.text).toBe('Rebound has a check-in for you');
      expect(message.blocks[0]).toEqual(section('*Checking in: Product designer at Acme*'));
      expect(message.blocks.at(-1)).toEqual({
        type: 'actions',
        block_id: 'nudge_actions',
        elements: [
          button('nudge_did_it', 'Yes, I did it', 'primary'),
          button('nudge_not_yet', 'Not yet'),
          button('nudge_tweak_search', 'Change the plan'),
          {
            type: 'static_select',
            action_id: 'nudge_snooze',
            placeholder: { type: 'plain_text', text: 'Snooze' },
            options: [option('1 day', '1d:fu_1'), option('3 days', '3d:fu_1'), option('1 week', '1w:fu_1')],
          },
          button('nudge_done', 'Stop check-ins for this one'),
        ],
      });
      expect(texts(message)).toContain("*You said you'd*\n> Ask my network for referrals");
      expect(texts(message)).toContain('*Did you get to it?*');
      expect(validateMessage(message)).toEqual([]);
    }
  });

  it('quotes the action chosen after the feedback, the feedback itself, and how it went last time', () => {
    const entries = [
      entry({ kind: 'feedback', received: true, text: 'Strong portfolio; wanted more research.' }, 1),
      entry({ kind: 'action', text: 'Add a research case study.' }, 2),
      entry({ kind: 'progress', text: 'Drafted it.' }, 3),
      entry({ kind: 'feedback', received: false, text: null }, 4),
    ];
    const shown = texts(buildFollowUpMessage(followUp('action_check'), createRejection(), entries));
    expect(shown).toContain("*You said you'd*\n> Add a research case study.");
    expect(shown).toContain('*What Acme told you*\n> Strong portfolio; wanted more research.');
    expect(shown).toContain('*Last time*\n> Drafted it.');
  });

  it('asks a plain question when nothing was chosen', () => {
    const bare = buildFollowUpMessage(followUp('action_check'), createRejection({ answers: {} }));
    expect(texts(bare)).toBe("*Checking in*\n*Have you taken a step on what you'd change?*\n[buttons]");
    expect(bare.text).toBe('Rebound has a check-in for you');
    const detailed = buildFollowUpMessage(followUp('action_check'), createRejection(), [], {
      showDetails: true,
      employedHere: null,
    });
    expect(detailed.text).toBe('Checking in after Acme');
  });

  it('keeps recalled text short', () => {
    const long = entry({ kind: 'action', text: longMixedText() });
    const message = buildFollowUpMessage(followUp('action_check'), createRejection(), [long]);
    const recall = (message.blocks[1] as Json).text.text as string;
    expect(recall.length).toBeLessThan(600);
    expect(recall.endsWith('…')).toBe(true);
    expect(validateMessage(message)).toEqual([]);
  });
});

describe('buildFollowUpMessage: did you hear back?', () => {
  it('asks about the company and offers yes, not yet, or "I didn\'t send it"', () => {
    const message = buildFollowUpMessage(followUp('feedback_check'), createRejection());
    expect(message).toEqual({
      text: 'Rebound has a check-in for you',
      blocks: [
        section(
          '*Did you hear back from Acme?*\nYou sent your note about the Product designer role about a week ago. ' +
            "If they replied, note what they said and we'll keep it with your plan.",
        ),
        {
          type: 'actions',
          block_id: 'nudge_actions',
          elements: [
            button('nudge_feedback_yes', 'Yes, note it', 'primary'),
            button('nudge_feedback_none', 'Not yet'),
            button('nudge_not_sent', "I didn't send it"),
          ],
        },
      ],
    });
    expect(validateMessage(message)).toEqual([]);
  });

  it('asks once more after "Not yet", with a way to let it go', () => {
    const message = buildFollowUpMessage(followUp('feedback_recheck'), createRejection());
    expect(texts(message)).toBe(
      "*Any word from Acme?*\nWe said we'd ask once more about your note. If they replied, note it here.\n[buttons]",
    );
    expect(JSON.stringify(message.blocks)).toContain('nudge_let_go');
  });
});

describe('buildAnsweredFollowUpMessage', () => {
  const next = new Date('2025-05-05T14:00:00Z');
  const choices: [FollowUpChoice, string][] = [
    [
      { kind: 'snoozed', until: next },
      ':zzz: Snoozed until <!date^1746453600^{date_long} at {time}|2025-05-05 14:00 UTC>.',
    ],
    [{ kind: 'stopped' }, ':white_check_mark: Done. No more check-ins about Acme.'],
    [
      { kind: 'tweaked', next },
      ":pencil: Your plan is updated. We'll check in on <!date^1746453600^{date_long}|2025-05-05 14:00 UTC>.",
    ],
    [{ kind: 'feedback_noted', next: null }, ':memo: Saved what they said.'],
    [
      { kind: 'let_go' },
      "Let's let this one go. Many teams never reply, and it says nothing about you. We've noted that no reply came.",
    ],
    [
      { kind: 'did_it', next: null, foundRole: true },
      ':tada: Congratulations on the new role! No more check-ins.',
    ],
    [
      { kind: 'did_it', next: null, foundRole: false },
      ':tada: Nice work. That was the last check-in for this one.',
    ],
    [
      { kind: 'ask_again', at: next },
      ":calendar: We'll ask again on <!date^1746453600^{date_long}|2025-05-05 14:00 UTC>.",
    ],
  ];

  it.each(choices)('keeps the context and swaps the buttons for one line: %o', (choice, line) => {
    for (const kind of ['action_check', 'feedback_check'] as const) {
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

  it('shows the drafted chaser, escaped, after "Not yet"', () => {
    const answered = buildAnsweredFollowUpMessage(followUp('feedback_check'), createRejection(), [], {
      kind: 'not_yet',
      recheckAt: next,
      chaser: `Hi ${HOSTILE},\n\nFollowing up.`,
    });
    expect(texts(answered)).toContain("here's a short follow-up you could send:\n> Hi &lt;!channel&gt;");
    expect(texts(answered)).toContain("We'll ask once more on <!date^1746453600^");
    expect(validateMessage(answered)).toEqual([]);
  });
});

describe('follow-ups with hostile or long text', () => {
  it('escapes what the person typed and stays within Slack’s limits', () => {
    const hostileEntries = [
      entry({ kind: 'action', text: HOSTILE }),
      entry({ kind: 'feedback', received: true, text: HOSTILE }),
    ];
    for (const kind of ['action_check', 'feedback_check', 'feedback_recheck'] as const) {
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
