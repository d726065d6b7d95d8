// Wall-clock time in a person's timezone, with Intl only. Slack gives us an IANA name
// (or null), and a person picks "Tuesday 10:00" meaning their own Tuesday 10:00.

import type { Feeling } from './types.js';

/** A wall-clock reading in some timezone. `month` is 1–12. */
export interface ZonedDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

export interface ZonedParts extends ZonedDateTime {
  second: number;
}

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;
const FALLBACK_ZONE = 'UTC';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One cached formatter per zone: building them is the slow part of Intl. */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when Intl knows the zone. Slack can send null, and old clients odd names. */
export function isValidTimeZone(tz: string | null | undefined): tz is string {
  if (typeof tz !== 'string' || tz.trim() === '') return false;
  try {
    formatterFor(tz);
    return true;
  } catch {
    return false;
  }
}

/** The zone to compute in: the person's own, or UTC when it is missing or unknown. */
export function resolveTimeZone(tz: string | null | undefined): string {
  return isValidTimeZone(tz) ? tz : FALLBACK_ZONE;
}

/** What a wall clock in `tz` shows at `date` (UTC when tz is null or unknown). */
export function instantToZonedParts(date: Date, tz: string | null): ZonedParts {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(resolveTimeZone(tz)).formatToParts(date)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** Wall-clock fields read as if they were UTC, in ms. (Not Date.UTC: it maps years 0–99 to 19xx.) */
function wallClockMs(local: ZonedDateTime & { second?: number }): number {
  const date = new Date(0);
  date.setUTCFullYear(local.year, local.month - 1, local.day);
  date.setUTCHours(local.hour, local.minute, local.second ?? 0, 0);
  return date.getTime();
}

/** The zone's offset from UTC at an instant, in ms (positive east of Greenwich). */
function offsetAt(instantMs: number, timeZone: string): number {
  const wholeSecond = Math.floor(instantMs / 1000) * 1000;
  return wallClockMs(instantToZonedParts(new Date(wholeSecond), timeZone)) - wholeSecond;
}

/**
 * The instant a wall-clock reading in `tz` names (UTC when tz is null or unknown).
 *
 * Around DST changes a reading can name two instants or none. Like Temporal's
 * "compatible" rule: an ambiguous time (clocks went back) takes the earlier instant, so
 * a follow-up is never an hour late; a time that never existed (clocks went forward) moves
 * forward by the size of the gap, so 02:30 on a spring-forward night becomes 03:30.
 */
export function zonedDateTimeToInstant(local: ZonedDateTime, tz: string | null): Date {
  const timeZone = resolveTimeZone(tz);
  const wall = wallClockMs(local);
  // A day either side brackets any single transition near this reading.
  const offsetBefore = offsetAt(wall - DAY_MS, timeZone);
  const offsetAfter = offsetAt(wall + DAY_MS, timeZone);
  const candidates = [wall - offsetBefore, wall - offsetAfter].sort((a, b) => a - b);
  const matching = candidates.filter((instant) => offsetAt(instant, timeZone) === wall - instant);
  const earliest = matching[0];
  if (earliest !== undefined) return new Date(earliest);
  // In the gap: read the wall clock with the offset in force before the jump.
  return new Date(wall - offsetBefore);
}

/** A calendar date with no time or zone. `month` is 1–12. */
export type CalendarDate = Pick<ZonedDateTime, 'year' | 'month' | 'day'>;

/** Adds calendar days to a date-only reading (month and year roll over as needed). */
export function addCalendarDays(date: CalendarDate, days: number): CalendarDate {
  const shifted = new Date(wallClockMs({ ...date, hour: 12, minute: 0 }) + days * DAY_MS);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/** Saturday or Sunday on the calendar (the same everywhere: the date already is local). */
export function isWeekend(date: CalendarDate): boolean {
  const weekday = new Date(wallClockMs({ ...date, hour: 12, minute: 0 })).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** The date itself on a weekday, else the Monday after. */
export function weekdayOnOrAfter(date: CalendarDate): CalendarDate {
  let day = date;
  while (isWeekend(day)) day = addCalendarDays(day, 1);
  return day;
}

export const DEFAULT_FOLLOW_UP_WORKING_DAYS = 7;
export const GENTLE_FOLLOW_UP_WORKING_DAYS = 10;
export const DEFAULT_FOLLOW_UP_HOUR = 10;

/** The start of `hour` on a person's own clock, on the given local date. */
export function atLocalHour(date: CalendarDate, hour: number, tz: string | null): Date {
  return zonedDateTimeToInstant({ ...date, hour, minute: 0 }, tz);
}

/**
 * When the action check-in defaults to: 10:00 on the person's own clock, seven working days
 * after `now` (ten for someone who said they feel gutted). So "did you hear back?", five
 * working days after a note sent that day, comes first: feedback, then what to act on.
 */
export function defaultFollowUpAt(now: Date, tz: string | null, feeling?: Feeling): Date {
  const today = instantToZonedParts(now, tz);
  const days = feeling === 'gutted' ? GENTLE_FOLLOW_UP_WORKING_DAYS : DEFAULT_FOLLOW_UP_WORKING_DAYS;
  return atLocalHour(addWorkingDays(today, days), DEFAULT_FOLLOW_UP_HOUR, tz);
}

/** `days` working days (Monday to Friday) after `date`; a weekend start counts from Monday. */
export function addWorkingDays(date: CalendarDate, days: number): CalendarDate {
  let day = date;
  for (let left = days; left > 0; ) {
    day = addCalendarDays(day, 1);
    if (!isWeekend(day)) left -= 1;
  }
  return weekdayOnOrAfter(day);
}

/** The earliest and latest hour a check-in may land on the person's clock. */
export const WORKING_HOURS = { start: 8, end: 19 } as const;

/**
 * `instant` when it falls on a weekday between 08:00 and 19:00 on the person's clock; else
 * the next weekday at 10:00. Nothing Rebound sends lands at night or on a weekend.
 */
export function onWorkingDaytime(instant: Date, tz: string | null): Date {
  const local = instantToZonedParts(instant, tz);
  if (!isWeekend(local) && local.hour >= WORKING_HOURS.start && local.hour < WORKING_HOURS.end) {
    return instant;
  }
  const day = local.hour < WORKING_HOURS.start ? local : addCalendarDays(local, 1);
  return atLocalHour(weekdayOnOrAfter(day), DEFAULT_FOLLOW_UP_HOUR, tz);
}
