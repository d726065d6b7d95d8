import { describe, expect, it } from 'vitest';
import { validateMessage } from '../../../emulator/block-kit-rules.js';
import { draftFeedbackRequests } from '../../../src/domain/feedback-requests.js';
import type { FeedbackNote } from '../../../src/domain/types.js';
import { buildNoteMessage, mailtoUrl, sentLine } from '../../../src/slack/routine/note-message.js';
import { FULL_ANSWERS, HOSTILE, type Json, LONG_ANSWERS, NOW } from '../fixtures.js';

const note: FeedbackNote = {
  id: 'note_1',
  rejectionId: 'rej_123',
  scope: { teamId: 'T1234', enterpriseId: null, userId: 'U1234' },
  audience: 'employer',
  createdAt: NOW,
  sentAt: null,
};

describe('buildNoteMessage', () => {
  it('shows who it is for, the subject and the note as plain text, with its three buttons', () => {
    const [request] = draftFeedbackRequests(FULL_ANSWERS, { signature: 'Maya Rivera' });
    if (!request) throw new Error('no note');
    const message = buildNoteMessage({ request, note, company: 'Acme' });
    const blocks = message.blocks as Json[];
    expect(message.text).toBe('Your feedback note, ready to send.');
    expect(blocks[0]?.text.text).toBe(
      '*To Sam Lee at Acme*\nSubject: A quick question about the Product designer role',
    );
    expect(blocks[1]?.text.text).toBe(request.text);
    const buttons = blocks[2]?.elements as Json[];
    expect(buttons.map((button) => [button.text.text, button.value])).toEqual([
      ['Mark as sent', 'note_1'],
      ['Open in email', 'note_1'],
      ['LinkedIn version', 'note_1'],
    ]);
    expect(buttons[1]?.url).toBe(mailtoUrl(request));
    expect(decodeURIComponent(buttons[1]?.url)).toContain('&body=Hi Sam,\n\n');
    expect(validateMessage(message)).toEqual([]);
  });

  it('escapes what the person typed and keeps the mailto link within Slack limits', () => {
    for (const answers of [
      { ...FULL_ANSWERS, company: HOSTILE, employerContact: HOSTILE, role: HOSTILE },
      LONG_ANSWERS,
    ]) {
      for (const request of draftFeedbackRequests(answers, { signature: HOSTILE })) {
        const message = buildNoteMessage({ request, note, company: answers.company });
        expect(JSON.stringify(message.blocks)).not.toMatch(/<!channel>|<@U123>/);
        expect(mailtoUrl(request).length).toBeLessThanOrEqual(3000);
        expect(validateMessage(message)).toEqual([]);
      }
    }
  });

  it('says when we will ask once the note is marked sent', () => {
    expect(sentLine('Acme', new Date('2025-05-08T14:00:00Z'))).toBe(
      ":white_check_mark: Marked as sent. We'll ask on <!date^1746712800^{date_long}|2025-05-08 14:00 UTC> whether Acme replied.",
    );
    expect(sentLine(undefined, null)).toBe(':white_check_mark: Marked as sent.');
  });
});
