// When follow-ups fall due: the "did you hear back?" check after step 1, and a snoozed
// follow-up. Pure: `now` and the person's timezone come from the caller. Times are read on the
// person's own clock, so a follow-up never lands at 03:00 for them or drifts an hour at DST.

import {
  addCalendarDays,
  atLocalHour,
  DAY_MS,
  DEFAULT_FOLLOW_UP_HOUR,
  instantToZonedParts,
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

/** Days after the routine started that we ask whether the employer replied. */
export const FEEDBACK_CHECK_DAYS = 4;

/**
 * A snoozed follow-up comes back at the time of day it was first due, N calendar days after
 * today on the person's clock (so "1 week" across a DST change is still 10:00 for them).
 * Never in the past, whatever odd `previousDue` a retry left behind.
 */
export function snoozedUntil(choice: SnoozeChoice, now: Date, tz: string | null, previousDue: Date): Date {
  const today = instantToZonedParts(now, tz);
  const timeOfDay = instantToZonedParts(previousDue, tz);
  const days = snoozeDays(choice);
  const day = addCalendarDays(today, days);
  const due = zonedDateTimeToInstant({ ...day, hour: timeOfDay.hour, minute: timeOfDay.minute }, tz);
  return due.getTime() > now.getTime() ? due : new Date(now.getTime() + days * DAY_MS);
}

/**
 * "Did you hear back?": 10:00 on their clock, four days after they started the routine,
 * on a weekday. A routine that sat as a draft past that point gets the check at the next
 * weekday 10:00 after `now` instead, never at once in the middle of finishing.
 */
export function feedbackCheckDueAt(startedAt: Date, now: Date, tz: string | null): Date {
  const started = instantToZonedParts(startedAt, tz);
  const planned = atLocalHour(
    weekdayOnOrAfter(addCalendarDays(started, FEEDBACK_CHECK_DAYS)),
    DEFAULT_FOLLOW_UP_HOUR,
    tz,
  );
  return planned.getTime() > now.getTime() ? planned : nextWeekdayMorningAfter(now, tz);
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
