// When follow-ups fall due: the "did you hear back?" check after a note is marked sent, the
// one more look after "Not yet", the action check-in, the next one, and a snoozed follow-up.
// Days are the person's working days, and every follow-up lands on a weekday daytime. Pure: `now` and the person's timezone come from the caller. Times are read on the
// person's own clock, so a follow-up never lands at 03:00 for them or drifts an hour at DST.

import {
  addCalendarDays,
  addWorkingDays,
  atLocalHour,
  type CalendarDate,
  DAY_MS,
  DEFAULT_FOLLOW_UP_HOUR,
  instantToZonedParts,
  onWorkingDaytime,
  weekdayOnOrAfter,
  zonedDateTimeToInstant,
} from './time.js';

/** The snooze menu, in the DM and on Home alike: each choice, what it is called, how far it moves. */
export const SNOOZE_CHOICES = [
  { choice: '1d', label: '1 day', days: 1 },
  { choice: '3d', label: '3 days', days: 3 },
  { choice: '1w', label: '1 week', days: 7 },
] as const;

export type SnoozeChoice = (typeof SNOOZE_CHOICES)[number]['choice'];

export function isSnoozeChoice(value: unknown): value is SnoozeChoice {
  return SNOOZE_CHOICES.some((snooze) => snooze.choice === value);
}

function snoozeDays(choice: SnoozeChoice): number {
  const snooze = SNOOZE_CHOICES.find((candidate) => candidate.choice === choice);
  if (snooze === undefined) throw new RangeError(`No snooze choice ${String(choice)}`);
  return snooze.days;
}

/**
 * A snoozed follow-up comes back at the time of day it was first due, N calendar days after
 * today on the person's clock (so "1 week" across a DST change is still 10:00 for them); one
 * that falls on a weekend or at night moves to the next weekday morning.
 * Never in the past, whatever odd `previousDue` a retry left behind.
 */
export function snoozedUntil(choice: SnoozeChoice, now: Date, tz: string | null, previousDue: Date): Date {
  const today = instantToZonedParts(now, tz);
  const timeOfDay = instantToZonedParts(previousDue, tz);
  const days = snoozeDays(choice);
  const day = addCalendarDays(today, days);
  const due = zonedDateTimeToInstant({ ...day, hour: timeOfDay.hour, minute: timeOfDay.minute }, tz);
  return onWorkingDaytime(due.getTime() > now.getTime() ? due : new Date(now.getTime() + days * DAY_MS), tz);
}

/** Working days after a note was marked sent that we ask whether they replied; again after "Not yet". */
export const FEEDBACK_CHECK_WORKING_DAYS = 5;

/** The next check-in after "Yes, I did it". */
export type NextCheckIn = '1w' | '2w';
export const NEXT_CHECK_IN_WORKING_DAYS: Readonly<Record<NextCheckIn, number>> = { '1w': 5, '2w': 10 };

export function isNextCheckIn(value: unknown): value is NextCheckIn {
  return value === '1w' || value === '2w';
}

/** 10:00 on the person's clock, `days` working days after `from`'s local date. */
export function workingDaysLater(from: Date, days: number, tz: string | null): Date {
  return atLocalHour(addWorkingDays(instantToZonedParts(from, tz), days), DEFAULT_FOLLOW_UP_HOUR, tz);
}

/** "Did you hear back?": about five working days after the note was marked sent, at 10:00 their time. */
export function feedbackCheckDueAt(markedSentAt: Date, tz: string | null): Date {
  return workingDaysLater(markedSentAt, FEEDBACK_CHECK_WORKING_DAYS, tz);
}

/**
 * The action check-in on the day the person chose (10:00 their time, moved to the Monday if
 * it is a weekend); a day that has passed, or today after 10:00, gives the next weekday morning.
 */
export function actionCheckDueAt(day: CalendarDate, now: Date, tz: string | null): Date {
  const due = atLocalHour(weekdayOnOrAfter(day), DEFAULT_FOLLOW_UP_HOUR, tz);
  return due.getTime() > now.getTime() ? due : nextWeekdayMorningAfter(now, tz);
}

/**
 * The action check-in the routine schedules: at the time the person picked when it is a
 * weekday daytime for them, else the next weekday at 10:00.
 */
export function routineCheckInAt(chosen: Date, tz: string | null): Date {
  return onWorkingDaytime(chosen, tz);
}

/** The first weekday 10:00 on the person's clock that is later than `now`. */
export function nextWeekdayMorningAfter(now: Date, tz: string | null): Date {
  let day = weekdayOnOrAfter(instantToZonedParts(now, tz));
  for (;;) {
    const candidate = atLocalHour(day, DEFAULT_FOLLOW_UP_HOUR, tz);
    if (candidate.getTime() > now.getTime()) return candidate;
    day = weekdayOnOrAfter(addCalendarDays(day, 1));
  }
}

/**
 * Snoozing a check-in that has not come yet (App Home): it moves N calendar days past the
 * day it was due, at the same time of day on the person's clock. One that is overdue (not
 * sent yet) moves N days past today instead.
 */
export function postponedUntil(choice: SnoozeChoice, dueAt: Date, now: Date, tz: string | null): Date {
  const from = dueAt.getTime() > now.getTime() ? dueAt : now;
  return snoozedUntil(choice, from, tz, dueAt);
}
