// users.info's tz_label and tz_offset, derived from the IANA zone at the current (possibly faked) time.

export interface TimezoneFields {
  tz: string | null;
  tz_label: string | null;
  tz_offset: number;
}

// One formatter per zone and style: building an Intl.DateTimeFormat costs far more than using
// one (it was the emulator's costliest step under the bench's routine load).
const formatters = new Map<string, Intl.DateTimeFormat>();

function zonePart(timeZone: string, style: 'long' | 'longOffset', at: Date): string {
  const key = `${timeZone} ${style}`;
  let format = formatters.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: style });
    formatters.set(key, format);
  }
  const parts = format.formatToParts(at);
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? '';
}

/** Offset in seconds east of UTC, e.g. -18000 for New York in winter. */
export function offsetSeconds(timeZone: string, at = new Date()): number {
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(zonePart(timeZone, 'longOffset', at));
  if (!match) return 0; // "GMT" alone means UTC
  const seconds = Number(match[2]) * 3600 + Number(match[3]) * 60;
  return match[1] === '-' ? -seconds : seconds;
}

export function timezoneFields(tz: string | null, at = new Date()): TimezoneFields {
  if (tz === null) return { tz: null, tz_label: null, tz_offset: 0 };
  return { tz, tz_label: zonePart(tz, 'long', at), tz_offset: offsetSeconds(tz, at) };
}
