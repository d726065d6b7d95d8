import { describe, expect, it } from 'vitest';
import {
  feedbackCheckDueAt,
  isSnoozeChoice,
  nextWeekdayMorningAfter,
  postponedUntil,
  type SnoozeChoice,
  snoozedUntil,
} from '../../src/domain/follow-up-rules.js';
import { followUpsFor, submitStep } from '../../src/domain/step-submission.js';

const NEW_YORK = 'America/New_York';
const iso = (date: Date) => date.toISOString();

describe('postponedUntil', () => {
  // Due Thursday 12 March 2026, 10:00 in New York (EDT); snoozed from App Home days before.
  const due = new Date('2026-03-12T14:00:00Z');
  const monday = new Date('2026-03-09T16:00:00Z');

  it('moves an upcoming check-in N days past the day it was due, at the same local time', () => {
    expect(iso(postponedUntil('1d', due, monday, NEW_YORK))).toBe('2026-03-13T14:00:00.000Z');
    expect(iso(postponedUntil('1w', due, monday, NEW_YORK))).toBe('2026-03-19T14:00:00.000Z');
  });

  it('counts an overdue one (not sent yet) from today, and never lands in the past', () => {
    const late = new Date('2026-03-16T18:00:00Z'); // Monday 14:00, four days after it was due
    expect(iso(postponedUntil('3d', due, late, NEW_YORK))).toBe('2026-03-19T14:00:00.000Z');
    expect(postponedUntil('1d', due, late, NEW_YORK).getTime()).toBeGreaterThan(late.getTime());
  });
});

describe('snoozedUntil', () => {
  // Friday 6 March 2026, 10:00 in New York (EST). Clocks go forward on Sunday the 8th.
  const due = new Date('2026-03-06T15:00:00Z');
  const clicked = new Date('2026-03-06T15:05:00Z');
  const snooze = (choice: SnoozeChoice, now = clicked, tz: string | null = NEW_YORK, previous = due) =>
    iso(snoozedUntil(choice, now, tz, previous));

  it('comes back at the same local time, N calendar days on, across a DST change', () => {
    expect(snooze('1d')).toBe('2026-03-07T15:00:00.000Z'); // Sat 10:00 EST
    expect(snooze('3d')).toBe('2026-03-09T14:00:00.000Z'); // Mon 10:00 EDT
    expect(snooze('1w')).toBe('2026-03-13T14:00:00.000Z'); // Fri 10:00 EDT
  });

  it('counts from today on the person’s calendar, not from when the follow-up was due', () => {
    // Opened on Friday 22:00 in New York, already Saturday in UTC.
    expect(snooze('1d', new Date('2026-03-07T03:00:00Z'))).toBe('2026-03-07T15:00:00.000Z');
    // Opened three days late: three days from now.
    expect(snooze('3d', new Date('2026-03-09T18:00:00Z'))).toBe('2026-03-12T14:00:00.000Z');
  });

  it('keeps the time of day when clocks go back', () => {
    const berlinDue = new Date('2025-10-24T07:30:00Z'); // Fri 09:30 CEST
    expect(snooze('3d', new Date('2025-10-24T08:00:00Z'), 'Europe/Berlin', berlinDue)).toBe(
      '2025-10-27T08:30:00.000Z', // Mon 09:30 CET
    );
  });

  it('moves a time the DST jump skips forward by the gap', () => {
    const lateNight = new Date('2026-03-07T07:30:00Z'); // Sat 02:30 EST
    expect(snooze('1d', new Date('2026-03-07T08:00:00Z'), NEW_YORK, lateNight)).toBe(
      '2026-03-08T07:30:00.000Z',
    );
  });

  it('is always in the future, and uses UTC without a timezone', () => {
    for (const choice of ['1d', '3d', '1w'] as const) {
      const late = new Date('2026-03-06T23:59:59Z');
      expect(snoozedUntil(choice, late, null, new Date('2026-03-06T00:00:00Z')).getTime()).toBeGreaterThan(
        late.getTime(),
      );
    }
    expect(snooze('1d', clicked, null)).toBe('2026-03-07T15:00:00.000Z');
  });

  it('knows its choices', () => {
    expect(['1d', '3d', '1w'].every(isSnoozeChoice)).toBe(true);
    expect(isSnoozeChoice('2d')).toBe(false);
    expect(isSnoozeChoice(undefined)).toBe(false);
  });
});

describe('feedbackCheckDueAt', () => {
  const check = (started: string, now: string, tz: string | null = NEW_YORK) =>
    iso(feedbackCheckDueAt(new Date(started), new Date(now), tz));

  it('is 10:00 local four days after the routine started', () => {
    // Started Monday 2 March; due Friday 6 March 10:00 EST.
    expect(check('2026-03-02T15:00:00Z', '2026-03-02T15:20:00Z')).toBe('2026-03-06T15:00:00.000Z');
  });

  it('moves a weekend on to Monday, keeping 10:00 local across DST', () => {
    // Started Wednesday 4 March: four days on is Sunday the 8th (clocks go forward).
    expect(check('2026-03-04T15:00:00Z', '2026-03-04T16:00:00Z')).toBe('2026-03-09T14:00:00.000Z');
    expect(check('2026-03-03T15:00:00Z', '2026-03-03T16:00:00Z')).toBe('2026-03-09T14:00:00.000Z');
  });

  it('counts from the local date the routine started', () => {
    // Sunday 23:30 in New York is Monday in UTC: four days from Sunday is Thursday.
    expect(check('2026-03-02T04:30:00Z', '2026-03-02T05:00:00Z')).toBe('2026-03-05T15:00:00.000Z');
  });

  it('when that has passed by completion, goes for the next weekday 10:00', () => {
    // Finished on Wednesday 11 March at 14:00 EDT: Thursday 10:00.
    expect(check('2026-03-02T15:00:00Z', '2026-03-11T18:00:00Z')).toBe('2026-03-12T14:00:00.000Z');
    // Finished on Friday afternoon: Monday 10:00.
    expect(check('2026-03-02T15:00:00Z', '2026-03-13T16:00:00Z')).toBe('2026-03-16T14:00:00.000Z');
    // Finished on Monday at 08:00: today 10:00.
    expect(check('2026-03-02T15:00:00Z', '2026-03-16T12:00:00Z')).toBe('2026-03-16T14:00:00.000Z');
    // Finished exactly when it was due: the next weekday, never "now".
    expect(check('2026-03-02T15:00:00Z', '2026-03-06T15:00:00Z')).toBe('2026-03-09T14:00:00.000Z');
  });

  it('uses UTC without a timezone', () => {
    expect(check('2026-03-02T15:00:00Z', '2026-03-02T15:20:00Z', null)).toBe('2026-03-06T10:00:00.000Z');
  });
});

describe('nextWeekdayMorningAfter', () => {
  it('skips the weekend on the person’s calendar', () => {
    // Saturday 01:00 UTC is still Friday evening in New York.
    expect(iso(nextWeekdayMorningAfter(new Date('2026-03-14T01:00:00Z'), NEW_YORK))).toBe(
      '2026-03-16T14:00:00.000Z',
    );
    expect(iso(nextWeekdayMorningAfter(new Date('2026-03-14T01:00:00Z'), 'Asia/Tokyo'))).toBe(
      '2026-03-16T01:00:00.000Z',
    );
  });
});

describe('follow-ups of a finished routine', () => {
  const started = new Date('2026-03-02T15:00:00Z');
  const now = new Date('2026-03-02T15:30:00Z');
  const followUpAt = new Date('2026-03-05T15:00:00Z');

  it('stores the chosen follow-up and the "did you hear back?" check', () => {
    expect(followUpsFor({ followUpAt }, { now, tz: NEW_YORK, startedAt: started })).toEqual([
      { kind: 'reflect', dueAt: followUpAt },
      { kind: 'feedback_check', dueAt: new Date('2026-03-06T15:00:00Z') },
    ]);
    expect(followUpsFor({}, { now, tz: NEW_YORK, startedAt: started })).toEqual([
      { kind: 'feedback_check', dueAt: new Date('2026-03-06T15:00:00Z') },
    ]);
  });

  it('comes out of the last step', () => {
    const outcome = submitStep(
      4,
      { company: 'Acme' },
      { lesson: 'Bring examples.', followUpAt },
      { now, tz: NEW_YORK, startedAt: started },
    );
    expect(outcome).toMatchObject({
      kind: 'finish',
      followUps: [
        { kind: 'summary', dueAt: now },
        { kind: 'reflect', dueAt: followUpAt },
        { kind: 'feedback_check', dueAt: new Date('2026-03-06T15:00:00Z') },
      ],
    });
  });
});
