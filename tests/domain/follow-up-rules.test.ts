import { describe, expect, it } from 'vitest';
import {
  actionCheckDueAt,
  feedbackCheckDueAt,
  isSnoozeChoice,
  nextWeekdayMorningAfter,
  postponedUntil,
  routineCheckInAt,
  type SnoozeChoice,
  snoozedUntil,
  workingDaysLater,
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
    expect(snooze('1d')).toBe('2026-03-09T14:00:00.000Z'); // Sat: moves to Mon 10:00 EDT
    expect(snooze('3d')).toBe('2026-03-09T14:00:00.000Z'); // Mon 10:00 EDT
    expect(snooze('1w')).toBe('2026-03-13T14:00:00.000Z'); // Fri 10:00 EDT
  });

  it('counts from today on the person’s calendar, not from when the follow-up was due', () => {
    // Opened on Thursday 22:00 in New York, already Friday in UTC.
    expect(snooze('1d', new Date('2026-03-06T03:00:00Z'))).toBe('2026-03-06T15:00:00.000Z');
    // Opened three days late: three days from now.
    expect(snooze('3d', new Date('2026-03-09T18:00:00Z'))).toBe('2026-03-12T14:00:00.000Z');
  });

  it('keeps the time of day when clocks go back', () => {
    const berlinDue = new Date('2025-10-24T07:30:00Z'); // Fri 09:30 CEST
    expect(snooze('3d', new Date('2025-10-24T08:00:00Z'), 'Europe/Berlin', berlinDue)).toBe(
      '2025-10-27T08:30:00.000Z', // Mon 09:30 CET
    );
  });

  it('never lands at night or on a weekend: those move to the next weekday 10:00', () => {
    const lateNight = new Date('2026-03-10T03:30:00Z'); // Mon 23:30 EDT
    expect(snooze('1d', new Date('2026-03-10T03:40:00Z'), NEW_YORK, lateNight)).toBe(
      '2026-03-11T14:00:00.000Z', // Tue 23:30 → Wed 10:00
    );
    const early = new Date('2026-03-10T10:00:00Z'); // Tue 06:00 EDT
    expect(snooze('1d', new Date('2026-03-10T11:00:00Z'), NEW_YORK, early)).toBe(
      '2026-03-11T14:00:00.000Z', // Wed 06:00 → Wed 10:00
    );
  });

  it('is always in the future, and uses UTC without a timezone', () => {
    for (const choice of ['1d', '3d', '1w'] as const) {
      const late = new Date('2026-03-06T23:59:59Z');
      expect(snoozedUntil(choice, late, null, new Date('2026-03-06T00:00:00Z')).getTime()).toBeGreaterThan(
        late.getTime(),
      );
    }
    expect(snooze('1d', clicked, null)).toBe('2026-03-09T10:00:00.000Z');
  });

  it('knows its choices', () => {
    expect(['1d', '3d', '1w'].every(isSnoozeChoice)).toBe(true);
    expect(isSnoozeChoice('2d')).toBe(false);
    expect(isSnoozeChoice(undefined)).toBe(false);
  });
});

describe('feedbackCheckDueAt', () => {
  const check = (sent: string, tz: string | null = NEW_YORK) => iso(feedbackCheckDueAt(new Date(sent), tz));

  it('is 10:00 local five working days after the note was marked sent', () => {
    // Marked sent Monday 2 March: Monday 9 March 10:00 EDT (clocks went forward on the 8th).
    expect(check('2026-03-02T15:00:00Z')).toBe('2026-03-09T14:00:00.000Z');
    // Wednesday 4 March: Wednesday 11 March.
    expect(check('2026-03-04T22:00:00Z')).toBe('2026-03-11T14:00:00.000Z');
  });

  it('counts working days from a weekend as from the Monday', () => {
    // Saturday 7 March: the five working days are Monday to Friday, so Friday 13 March.
    expect(check('2026-03-07T15:00:00Z')).toBe('2026-03-13T14:00:00.000Z');
  });

  it('counts from the local date it was marked sent', () => {
    // Sunday 23:30 in New York is Monday in UTC: five working days from Sunday is Friday.
    expect(check('2026-03-02T04:30:00Z')).toBe('2026-03-06T15:00:00.000Z');
    // The same instant in Tokyo is Monday afternoon: Monday 9 March 10:00 JST.
    expect(check('2026-03-02T04:30:00Z', 'Asia/Tokyo')).toBe('2026-03-09T01:00:00.000Z');
  });

  it('uses UTC without a timezone', () => {
    expect(check('2026-03-02T15:00:00Z', null)).toBe('2026-03-09T10:00:00.000Z');
  });
});

describe('workingDaysLater and actionCheckDueAt', () => {
  it('counts weeks of working days for the next check-in', () => {
    expect(iso(workingDaysLater(new Date('2026-03-13T14:00:00Z'), 5, NEW_YORK))).toBe(
      '2026-03-20T14:00:00.000Z',
    );
    expect(iso(workingDaysLater(new Date('2026-03-13T14:00:00Z'), 10, NEW_YORK))).toBe(
      '2026-03-27T14:00:00.000Z',
    );
  });

  it('lands on the chosen day at 10:00, a weekend on the Monday, a past day on the next morning', () => {
    const now = new Date('2026-03-09T15:00:00Z'); // Monday 11:00 EDT
    expect(iso(actionCheckDueAt({ year: 2026, month: 3, day: 13 }, now, NEW_YORK))).toBe(
      '2026-03-13T14:00:00.000Z',
    );
    expect(iso(actionCheckDueAt({ year: 2026, month: 3, day: 14 }, now, NEW_YORK))).toBe(
      '2026-03-16T14:00:00.000Z',
    );
    expect(iso(actionCheckDueAt({ year: 2026, month: 3, day: 9 }, now, NEW_YORK))).toBe(
      '2026-03-10T14:00:00.000Z',
    );
  });

  it('keeps a routine check-in picked for a weekday daytime, and moves a night or weekend one', () => {
    const tuesdayNoon = new Date('2026-03-10T16:00:00Z');
    expect(routineCheckInAt(tuesdayNoon, NEW_YORK)).toEqual(tuesdayNoon);
    expect(iso(routineCheckInAt(new Date('2026-03-11T03:00:00Z'), NEW_YORK))).toBe(
      '2026-03-11T14:00:00.000Z',
    );
    expect(iso(routineCheckInAt(new Date('2026-03-14T16:00:00Z'), NEW_YORK))).toBe(
      '2026-03-16T14:00:00.000Z',
    );
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

  it('stores only the action check-in: "did you hear back?" waits for a note marked sent', () => {
    expect(followUpsFor({ followUpAt }, { now, tz: NEW_YORK, startedAt: started })).toEqual([
      { kind: 'action_check', dueAt: followUpAt },
    ]);
    expect(followUpsFor({}, { now, tz: NEW_YORK, startedAt: started })).toEqual([]);
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
        { kind: 'action_check', dueAt: followUpAt },
      ],
    });
  });
});
