import { describe, expect, it } from 'vitest';
import { validateMessage } from '../../../emulator/block-kit-rules.js';
import { visibleText } from '../../../emulator/index.js';
import { draftFeedbackRequests, type FeedbackRequest } from '../../../src/domain/feedback-requests.js';
import type { PrivacySettings } from '../../../src/domain/notification-text.js';
import type { RejectionEntry, RoutineAnswers } from '../../../src/domain/types.js';
import { buildSummaryMessage } from '../../../src/slack/routine/summary-message.js';
import { createRejection, FULL_ANSWERS, HOSTILE, type Json, LONG_ANSWERS } from '../fixtures.js';

const FOLLOW_UP_AT = new Date('2025-05-04T14:00:00Z');

function summary(
  answers: RoutineAnswers,
  followUpAt: Date | null = FOLLOW_UP_AT,
  requests?: FeedbackRequest[],
  settings: PrivacySettings = { showDetails: false, employedHere: null },
) {
  return buildSummaryMessage({
    rejection: createRejection({ answers }),
    feedbackRequests: requests ?? draftFeedbackRequests(answers),
    followUpAt,
    settings,
  });
}

/** Every mrkdwn string a reader would see, in order. */
function texts(message: { blocks: unknown[] }): string[] {
  return (message.blocks as Json[]).flatMap((block) =>
    block.text ? [block.text.text] : (block.elements ?? []).map((element: Json) => element.text),
  );
}

describe('buildSummaryMessage', () => {
  it('leads with the company and role, and a discreet fallback for notifications', () => {
    const message = summary(FULL_ANSWERS);
    expect(texts(message)[0]).toMatch(/^\*Acme · Product designer\*\n/);
    expect(message.text).toBe('Rebound: your notes are ready');
    const detailed = summary(FULL_ANSWERS, FOLLOW_UP_AT, undefined, {
      showDetails: true,
      employedHere: null,
    });
    expect(detailed.text).toBe('Your next steps after Acme are ready.');
    // Searching while employed here: the heading names neither company nor role.
    const employed = summary(FULL_ANSWERS, FOLLOW_UP_AT, undefined, {
      showDetails: false,
      employedHere: true,
    });
    expect(texts(employed)[0]).toMatch(/^\*Your plan\*\n/);
  });

  it('says the notes follow as their own messages, naming who they are for', () => {
    const all = texts(summary(FULL_ANSWERS)).join('\n');
    expect(all).toContain('Your notes to Sam Lee and Alex Kim come next, one per message.');
    expect(all).not.toContain('Hi Sam');
    expect(texts(summary({ ...FULL_ANSWERS, intermediary: 'none' })).join('\n')).toContain(
      'Your note to Sam Lee comes next',
    );
  });

  it('keeps a reason they already gave as what they told you', () => {
    const all = texts(summary({ ...FULL_ANSWERS, reasonGiven: 'They hired internally.' })).join('\n');
    expect(all).toContain('*What they told you*\n> They hired internally.');
  });

  it('keeps the reflections, the fit, the tweaks by their labels and the lesson', () => {
    const all = texts(summary(FULL_ANSWERS)).join('\n');
    expect(all).toContain('*Next time in the interview*\n> Slow down and give examples.');
    expect(all).toContain('*Strengths to show*\n> How I ran the redesign.');
    expect(all).toContain('The day-to-day would have suited you: Not sure');
    expect(all).toContain('> Long commute.\n> Small team.');
    expect(all).toContain(
      '*Tweaks to try*\n• Ask my network for referrals\n• Practice interview answers out loud\n• Apply to two roles a week',
    );
    expect(all).toContain("*What you're taking with you*\n> I do better when I bring examples.");
  });

  it('leaves out what was not answered', () => {
    const message = summary({ company: 'Acme', role: 'Analyst', lesson: 'Ask early.', strengths: '  ' });
    const all = texts(message).join('\n');
    expect(all).not.toContain('Your reflections');
    expect(all).not.toContain('Tweaks to try');
    expect(all).not.toContain('How it fit');
    expect(validateMessage(message)).toEqual([]);
  });

  it("shows the check-in in the reader's own time, or says none is planned", () => {
    expect(texts(summary(FULL_ANSWERS)).at(-1)).toContain(
      '<!date^1746367200^{date_long} at {time}|2025-05-04 14:00 UTC>',
    );
    expect(texts(summary(FULL_ANSWERS, null)).at(-1)).toContain('No check-in is planned');
  });

  it('escapes everything a person typed, so mentions stay inert', () => {
    const answers: RoutineAnswers = {
      ...FULL_ANSWERS,
      company: HOSTILE,
      role: HOSTILE,
      employerContact: HOSTILE,
      interview: HOSTILE,
      fitNotes: HOSTILE,
      tweakOther: HOSTILE,
      lesson: HOSTILE,
    };
    const message = summary(answers, FOLLOW_UP_AT, undefined, { showDetails: true, employedHere: false });
    const escaped = '&lt;!channel&gt; &lt;@U123&gt; &amp; co';
    const all = texts(message).join('\n');
    expect(all).toContain(`*${escaped} · ${escaped}*`);
    expect(all).toContain(`Your notes to ${escaped} and Alex Kim come next`);
    expect(all).toContain(`*Next time in the interview*\n> ${escaped}`);
    expect(all).toContain(`• ${escaped}`);
    expect(message.text).toBe(`Your next steps after ${escaped} are ready.`);
    expect(`${JSON.stringify(message.blocks)} ${message.text}`).not.toMatch(/<!channel>|<@U123>|& co/);
    expect(visibleText(message)).toContain(`${HOSTILE} · ${HOSTILE}`);
  });

  it('fits answers at their longest, with emoji and right-to-left text, within Slack limits', () => {
    const message = summary(LONG_ANSWERS);
    expect(validateMessage(message)).toEqual([]);
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    for (const text of texts(message)) {
      expect(text.length).toBeLessThanOrEqual(3000);
      expect(text).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
      expect(text).not.toMatch(/&[a-z]*…/);
    }
    const strengths = texts(message).find((text) => text.startsWith('*Strengths to show*')) ?? '';
    expect(strengths).toMatch(/^\*Strengths to show\*\n> (&amp;)+…$/);
  });

  it('stays within 50 blocks however many notes it is given', () => {
    const many = Array.from({ length: 80 }, () => ({
      audience: 'employer' as const,
      recipient: 'x',
      subject: 'Hi',
      text: 'Hello',
      short: 'Hello',
    }));
    const message = summary(FULL_ANSWERS, FOLLOW_UP_AT, many);
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    expect(validateMessage(message)).toEqual([]);
  });

  it('passes the Slack rules checker with only the required answers', () => {
    expect(validateMessage(summary({ company: 'Acme', role: 'Analyst' }, null))).toEqual([]);
    expect(validateMessage(summary({}, null, []))).toEqual([]);
  });
  it('shows the feedback they noted later, escaped and quoted', () => {
    const scope = { teamId: 'T1234', enterpriseId: null, userId: 'U1234' };
    const entry = (data: RejectionEntry['data']): RejectionEntry => ({
      id: 'e1',
      rejectionId: 'rej_123',
      scope,
      data,
      createdAt: FOLLOW_UP_AT,
    });
    const message = buildSummaryMessage({
      rejection: createRejection(),
      feedbackRequests: [],
      followUpAt: FOLLOW_UP_AT,
      entries: [
        entry({ kind: 'feedback', received: false, text: null }),
        entry({ kind: 'feedback', received: true, text: `More depth, please ${HOSTILE}` }),
      ],
    });
    const noted = texts(message).filter((text) => text.startsWith('*What they told you*'));
    expect(noted).toEqual([
      '*What they told you*\n> More depth, please &lt;!channel&gt; &lt;@U123&gt; &amp; co',
    ]);
    expect(validateMessage(message)).toEqual([]);
  });
});
