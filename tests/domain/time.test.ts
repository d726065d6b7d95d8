import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  defaultFollowUpAt,
  instantToZonedParts,
  isValidTimeZone,
  onWorkingDaytime,
  resolveTimeZone,
  type ZonedDateTime,
  zonedDateTimeToInstant,
} from '../../src/domain/time.js';

function wall(text: string): ZonedDateTime {
  const [date = '', time = ''] = text.split(' ');
  const [year = 0, month = 0, day = 0] = date.split('-').map(Number);
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  return { year, month, day, hour, minute };
}

const iso = (local: string, tz: string | null): string =>
  zonedDateTimeToInstant(wall(local), tz).toISOString();

describe('zonedDateTimeToInstant', () => {
  it('reads ordinary times with the offset in force', () => {
    expect(iso('2025-01-15 10:00', 'America/New_York')).toBe('2025-01-15T15:00:00.000Z');
    expect(iso('2025-07-15 10:00', 'America/New_York')).toBe('2025-07-15T14:00:00.000Z');
    expect(iso('2025-01-15 10:00', 'Asia/Kolkata')).toBe('2025-01-15T04:30:00.000Z');
    expect(iso('2025-06-15 10:00', 'Pacific/Chatham')).toBe('2025-06-14T21:15:00.000Z');
    expect(iso('2025-01-15 10:00', 'Pacific/Chatham')).toBe('2025-01-14T20:15:00.000Z');
  });

  it('moves a time skipped by spring-forward later by the size of the gap', () => {
    expect(iso('2025-03-09 02:30', 'America/New_York')).toBe('2025-03-09T07:30:00.000Z'); // 03:30 EDT
    expect(iso('2025-03-30 02:30', 'Europe/Berlin')).toBe('2025-03-30T01:30:00.000Z'); // 03:30 CEST
    expect(iso('2025-09-28 03:00', 'Pacific/Chatham')).toBe('2025-09-27T14:15:00.000Z'); // 04:00 +13:45
    // Lord Howe springs forward by only half an hour.
    expect(iso('2025-10-05 02:15', 'Australia/Lord_Howe')).toBe('2025-10-04T15:45:00.000Z'); // 02:45 +11
  });

  it('takes the earlier instant for a time repeated by fall-back', () => {
    expect(iso('2025-11-02 01:30', 'America/New_York')).toBe('2025-11-02T05:30:00.000Z'); // EDT, not EST
    expect(iso('2025-10-26 02:30', 'Europe/Berlin')).toBe('2025-10-26T00:30:00.000Z'); // CEST, not CET
    expect(iso('2025-04-06 01:45', 'Australia/Lord_Howe')).toBe('2025-04-05T14:45:00.000Z'); // +11, not +10:30
  });

  it('treats a null or unknown timezone as UTC', () => {
    expect(iso('2025-03-09 02:30', null)).toBe('2025-03-09T02:30:00.000Z');
    expect(iso('2025-03-09 02:30', 'Mars/Olympus_Mons')).toBe('2025-03-09T02:30:00.000Z');
  });

  // Two days either side of each 2025 transition, every quarter hour (Chatham moves at :45).
  const transitions: [string, string[]][] = [
    ['America/New_York', ['2025-03-09', '2025-11-02']],
    ['Europe/Berlin', ['2025-03-30', '2025-10-26']],
    ['Asia/Kolkata', ['2025-03-09']],
    ['Pacific/Chatham', ['2025-04-06', '2025-09-28']],
    ['Australia/Lord_Howe', ['2025-04-06', '2025-10-05']],
  ];
  it.each(transitions)('round-trips every quarter hour around the DST changes in %s', (tz, days) => {
    for (const day of days) {
      const middle = Date.parse(`${day}T00:00:00Z`);
      for (let t = middle - 2 * 86_400_000; t < middle + 2 * 86_400_000; t += 15 * 60_000) {
        const parts = instantToZonedParts(new Date(t), tz);
        const back = zonedDateTimeToInstant(parts, tz).getTime();
        // A repeated wall time maps to its first instant; everything else maps to itself.
        if (back !== t) {
          expect(back).toBeLessThan(t);
          expect(instantToZonedParts(new Date(back), tz)).toEqual(parts);
        }
      }
    }
  });
});

describe('instantToZonedParts', () => {
  it('shows the wall clock, with midnight as hour 0', () => {
    expect(instantToZonedParts(new Date('2025-04-05T15:00:00Z'), 'Australia/Lord_Howe')).toEqual({
      year: 2025,
      month: 4,
      day: 6,
      hour: 1,
      minute: 30,
      second: 0,
    });
    expect(instantToZonedParts(new Date('2025-01-01T05:00:30Z'), 'America/New_York')).toEqual({
      year: 2025,
      month: 1,
      day: 1,
      hour: 0,
      minute: 0,
      second: 30,
    });
  });
});

describe('defaultFollowUpAt', () => {
  const at = (now: string, tz: string | null, feeling?: 'gutted'): string =>
    defaultFollowUpAt(new Date(now), tz, feeling).toISOString();

  it('is 10:00 local seven working days later, counted on the local calendar', () => {
    expect(at('2025-01-13T12:00:00Z', 'America/New_York')).toBe('2025-01-22T15:00:00.000Z'); // Mon → next Wed
    // 22:00 on Friday the 7th in New York is already Saturday in UTC: the local Friday counts.
    expect(at('2025-03-08T03:00:00Z', 'America/New_York')).toBe('2025-03-18T14:00:00.000Z');
    // 01:30 on Monday the 6th in Kolkata is still Sunday the 5th in UTC.
    expect(at('2025-01-05T20:00:00Z', 'Asia/Kolkata')).toBe('2025-01-15T04:30:00.000Z');
  });

  it('waits ten working days for someone who feels gutted', () => {
    expect(at('2025-01-13T12:00:00Z', 'America/New_York', 'gutted')).toBe('2025-01-27T15:00:00.000Z');
  });

  it('keeps 10:00 local across a DST change', () => {
    expect(at('2025-03-05T15:00:00Z', 'America/New_York')).toBe('2025-03-14T14:00:00.000Z'); // EST → EDT
    expect(at('2025-10-29T15:00:00Z', 'America/New_York')).toBe('2025-11-07T15:00:00.000Z'); // EDT → EST
    expect(at('2025-10-22T12:00:00Z', 'Europe/Berlin')).toBe('2025-10-31T09:00:00.000Z'); // CEST → CET
  });

  it('rolls over month and year ends', () => {
    expect(at('2025-12-30T12:00:00Z', 'Europe/Berlin')).toBe('2026-01-08T09:00:00.000Z');
    expect(at('2024-02-27T12:00:00Z', null)).toBe('2024-03-07T10:00:00.000Z'); // leap year
  });

  it('falls back to UTC when the timezone is missing or unknown', () => {
    expect(at('2025-01-13T23:30:00Z', null)).toBe('2025-01-22T10:00:00.000Z');
    expect(at('2025-01-13T23:30:00Z', 'Not/AZone')).toBe('2025-01-22T10:00:00.000Z');
    expect(at('2025-01-13T23:30:00Z', '')).toBe('2025-01-22T10:00:00.000Z');
  });
});

describe('working days and daytime', () => {
  it('adds working days, skipping weekends', () => {
    expect(addWorkingDays({ year: 2026, month: 3, day: 6 }, 1)).toEqual({ year: 2026, month: 3, day: 9 });
    expect(addWorkingDays({ year: 2026, month: 3, day: 7 }, 5)).toEqual({ year: 2026, month: 3, day: 13 });
    expect(addWorkingDays({ year: 2026, month: 3, day: 2 }, 0)).toEqual({ year: 2026, month: 3, day: 2 });
  });

  it('keeps a weekday daytime and moves nights and weekends to the next weekday 10:00', () => {
    const tz = 'Asia/Tokyo';
    const noon = new Date('2026-03-10T03:00:00Z'); // Tue 12:00 JST
    expect(onWorkingDaytime(noon, tz)).toEqual(noon);
    expect(onWorkingDaytime(new Date('2026-03-10T12:00:00Z'), tz).toISOString()).toBe(
      '2026-03-11T01:00:00.000Z',
    );
    expect(onWorkingDaytime(new Date('2026-03-09T20:00:00Z'), tz).toISOString()).toBe(
      '2026-03-10T01:00:00.000Z',
    );
    expect(onWorkingDaytime(new Date('2026-03-14T03:00:00Z'), tz).toISOString()).toBe(
      '2026-03-16T01:00:00.000Z',
    );
  });
});

describe('timezone names', () => {
  it('accepts IANA names and rejects the rest', () => {
    expect(isValidTimeZone('Asia/Kolkata')).toBe(true);
    expect(isValidTimeZone('Nowhere/Land')).toBe(false);
    expect(isValidTimeZone(null)).toBe(false);
    expect(resolveTimeZone('  ')).toBe('UTC');
  });
});
