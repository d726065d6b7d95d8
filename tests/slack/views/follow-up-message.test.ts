import { describe, expect, it } from 'vitest';
import type { FollowUp, FollowUpKind } from '../../../src/domain/types.js';
import { buildFollowUpMessage } from '../../../src/slack/views/follow-up-message.js';
import { validateMessage } from '../../support/slack-emulator/block-kit-rules.js';
import { createRejection, FULL_ANSWERS, HOSTILE, type Json, LONG_ANSWERS, NOW } from './fixtures.js';

function followUp(kind: FollowUpKind): FollowUp {
  return {
    id: 'fu_1',
    rejectionId: 'rej_123',
    scope: { teamId: 'T1234', enterpriseId: null, userId: 'U1234' },
    kind,
    dueAt: NOW,
    status: 'sending',
    attempts: 0,
    leaseOwner: 'test',
    leaseUntil: NOW,
    lastError: null,
    channelId: null,
    messageTs: null,
    createdAt: NOW,
    updatedAt: NOW,
    sentAt: null,
  };
}

const texts = (message: { blocks: unknown[] }): string =>
  (message.blocks as Json[]).map((block) => block.text?.text ?? block.elements?.[0]?.text).join('\n');

describe('buildFollowUpMessage', () => {
  it('checks in with the plan the person made', () => {
    const message = buildFollowUpMessage(followUp('reflect'), createRejection());
    expect(message.text).toBe('Checking in after Acme: how is the search going?');
    expect(texts(message)).toContain('• Ask my network for referrals\n• Practise interview answers out loud');
    expect(texts(message)).toContain('*What you took from it*\n> I do better when I bring examples.');
    expect(validateMessage(message)).toEqual([]);
  });

  it('asks whether the employer replied, without making silence mean anything', () => {
    const message = buildFollowUpMessage(followUp('feedback_check'), createRejection());
    expect(message.text).toBe('Did you hear back from Acme?');
    expect(texts(message)).toContain('says nothing about you');
    expect(validateMessage(message)).toEqual([]);
  });

  it('escapes what the person typed and fits long answers', () => {
    for (const kind of ['reflect', 'feedback_check'] as const) {
      const hostile = buildFollowUpMessage(
        followUp(kind),
        createRejection({
          answers: { ...FULL_ANSWERS, company: HOSTILE, tweakOther: HOSTILE, lesson: HOSTILE },
        }),
      );
      expect(`${JSON.stringify(hostile.blocks)} ${hostile.text}`).not.toMatch(/<!channel>|<@U123>/);
      expect(
        validateMessage(buildFollowUpMessage(followUp(kind), createRejection({ answers: LONG_ANSWERS }))),
      ).toEqual([]);
      expect(validateMessage(buildFollowUpMessage(followUp(kind), createRejection({ answers: {} })))).toEqual(
        [],
      );
    }
  });
});
