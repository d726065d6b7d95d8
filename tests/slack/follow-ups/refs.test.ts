import { describe, expect, it } from 'vitest';
import {
  decodeFollowUpMetadata,
  encodeFollowUpMetadata,
  followUpIdFromValue,
  parseSnoozeOptionValue,
  snoozeOptionValue,
} from '../../../src/slack/follow-ups/refs.js';

const ID = '3f2a9c1e-0000-4000-8000-000000000001';

describe('follow-up references in follow-up DMs and modals', () => {
  it('reads a button value as the follow-up id, and nothing else', () => {
    expect(followUpIdFromValue(ID)).toBe(ID);
    for (const odd of ['', 'x'.repeat(101), undefined, null, 42, { id: ID }]) {
      expect(followUpIdFromValue(odd)).toBeNull();
    }
  });

  it('round-trips a snooze choice and id through an option value within Slack’s 150 characters', () => {
    for (const choice of ['1d', '3d', '1w'] as const) {
      const value = snoozeOptionValue(choice, ID);
      expect(value.length).toBeLessThanOrEqual(150);
      expect(parseSnoozeOptionValue(value)).toEqual({ choice, followUpId: ID });
    }
    for (const odd of [`2d:${ID}`, '1d:', `:${ID}`, ID, '', undefined, 7]) {
      expect(parseSnoozeOptionValue(odd)).toBeNull();
    }
  });

  it('round-trips modal metadata, and reads anything forged or truncated as null', () => {
    const metadata = { followUpId: ID };
    expect(decodeFollowUpMetadata(encodeFollowUpMetadata(metadata))).toEqual(metadata);
    // A modal from before names a message too: only the follow-up is read.
    const older = { followUpId: ID, message: { channelId: 'D123', messageTs: '1700000000.000100' } };
    expect(decodeFollowUpMetadata(JSON.stringify(older))).toEqual({ followUpId: ID });
    for (const odd of [undefined, '', '{', 'null', '[]', '{"followUpId":""}', '{"draftId":"x"}']) {
      expect(decodeFollowUpMetadata(odd)).toBeNull();
    }
  });
});
