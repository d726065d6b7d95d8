import { describe, expect, it } from 'vitest';
import type { FollowUp, RejectionEntry, UserData } from '../../src/domain/types.js';
import { buildUserExport } from '../../src/domain/user-export.js';
import { createFollowUp, createRejection, FULL_ANSWERS, NOW } from '../slack/fixtures.js';

const scope = { teamId: 'T1234', enterpriseId: null, userId: 'U1234' };

/** A follow-up sent after one retry. */
function followUp(overrides: Partial<FollowUp>): FollowUp {
  return createFollowUp({
    scope,
    status: 'sent',
    attempts: 2,
    lastError: 'ratelimited',
    channelId: 'D1',
    messageTs: '1.1',
    sentAt: new Date('2025-05-04T14:00:05Z'),
    ...overrides,
  });
}

function entry(id: string, rejectionId: string, data: RejectionEntry['data']): RejectionEntry {
  return { id, rejectionId, scope, data, createdAt: new Date('2025-05-05T09:00:00Z') };
}

describe('buildUserExport', () => {
  it('nests entries and check-ins under their rejection, with ISO times and no store internals', () => {
    const data: UserData = {
      rejections: [
        createRejection({
          id: 'r2',
          status: 'draft',
          step: 2,
          answers: { company: 'Globex' },
          completedAt: null,
        }),
        createRejection({ id: 'r1', answers: FULL_ANSWERS }),
      ],
      entries: [
        entry('e1', 'r1', { kind: 'feedback', received: true, text: 'They chose someone internal.' }),
        entry('e2', 'r1', { kind: 'reflection', answers: { interview: 'Fewer slides.' } }),
      ],
      followUps: [
        followUp({}),
        followUp({ id: 'f2', kind: 'feedback_check', status: 'pending', sentAt: null, attempts: 0 }),
      ],
      profile: { scope, tz: 'America/New_York', tzFetchedAt: NOW, homeOpenedAt: null },
    };
    const exported = buildUserExport(scope, data, NOW);

    expect(exported).toMatchObject({
      format: 'rebound-export',
      version: 1,
      exportedAt: '2025-05-01T12:00:00.000Z',
      you: {
        teamId: 'T1234',
        enterpriseId: null,
        userId: 'U1234',
        timezone: 'America/New_York',
        homeFirstOpenedAt: null,
      },
    });
    expect(exported.rejections.map((rejection) => [rejection.id, rejection.status, rejection.step])).toEqual([
      ['r2', 'draft', 2],
      ['r1', 'complete', 4],
    ]);
    const [draft, done] = exported.rejections;
    expect(draft?.entries).toEqual([]);
    expect(draft?.followUps).toEqual([]);
    expect(done?.answers).toEqual({ ...FULL_ANSWERS, followUpAt: '2025-05-04T14:00:00.000Z' });
    expect(done?.entries).toEqual([
      {
        id: 'e1',
        createdAt: '2025-05-05T09:00:00.000Z',
        kind: 'feedback',
        received: true,
        text: 'They chose someone internal.',
      },
      {
        id: 'e2',
        createdAt: '2025-05-05T09:00:00.000Z',
        kind: 'reflection',
        answers: { interview: 'Fewer slides.' },
      },
    ]);
    expect(done?.followUps).toEqual([
      {
        id: 'f1',
        kind: 'reflect',
        dueAt: '2025-05-04T14:00:00.000Z',
        status: 'sent',
        sentAt: '2025-05-04T14:00:05.000Z',
      },
      {
        id: 'f2',
        kind: 'feedback_check',
        dueAt: '2025-05-04T14:00:00.000Z',
        status: 'pending',
        sentAt: null,
      },
    ]);
    const json = JSON.stringify(exported);
    for (const internal of ['ratelimited', 'attempts', 'lease', 'D1', 'messageTs'])
      expect(json).not.toContain(internal);
    // JSON in, the same JSON out: nothing that does not survive a round trip.
    expect(JSON.parse(json)).toEqual(exported);
  });

  it('says when they first opened Home, the one thing Rebound keeps about their visits', () => {
    const profile = { scope, tz: null, tzFetchedAt: new Date(0), homeOpenedAt: NOW };
    const exported = buildUserExport(scope, { rejections: [], entries: [], followUps: [], profile }, NOW);
    expect(exported.you).toMatchObject({ timezone: null, homeFirstOpenedAt: NOW.toISOString() });
  });

  it('exports someone Rebound knows nothing about as an empty list', () => {
    const empty = buildUserExport(scope, { rejections: [], entries: [], followUps: [], profile: null }, NOW);
    expect(empty.rejections).toEqual([]);
    expect(empty.you.timezone).toBeNull();
  });
});

describe('buildUserExport with shares', () => {
  it('lists each rejection’s shared notes: with whom, what and when, never the note', () => {
    const rejection = createRejection({ id: 'r1', answers: FULL_ANSWERS });
    const data: UserData = { rejections: [rejection], entries: [], followUps: [], profile: null };
    const share = {
      id: 's1',
      rejectionId: 'r1',
      scope,
      recipientId: 'U2',
      parts: ['plan' as const, 'lesson' as const],
      channelId: 'DU2',
      messageTs: '1.2',
      createdAt: NOW,
    };
    const exported = buildUserExport(scope, data, NOW, [share, { ...share, id: 's2', rejectionId: 'other' }]);
    expect(exported.rejections[0]?.shares).toEqual([
      { id: 's1', recipientId: 'U2', parts: ['plan', 'lesson'], sharedAt: NOW.toISOString() },
    ]);
    expect(buildUserExport(scope, data, NOW).rejections[0]?.shares).toEqual([]);
  });
});
