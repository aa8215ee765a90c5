/** Calendar-day arithmetic on ISO dates (YYYY-MM-DD), done in UTC so no time zone or DST shifts a day. */

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

function dayNumber(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / DAY_MS;
}

function dayOf(dayNumberValue: number): string {
  return new Date(dayNumberValue * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to`; negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** Moves a date by whole days, so 29 February only ever lands on real dates. */
export function shiftDay(day: string, days: number): string {
  return dayOf(dayNumber(day) + days);
}

/** Today's date at a UTC offset such as "+08:00" (the registry's time zone, not the build machine's). */
export function todayAt(utcOffset: string, now: Date): string {
  const sign = utcOffset.startsWith('-') ? -1 : 1;
  const [hours = 0, minutes = 0] = utcOffset.slice(1).split(':').map(Number);
  return new Date(now.getTime() + sign * (hours * 60 + minutes) * 60_000).toISOString().slice(0, 10);
}

/** Parses a duration such as "30d" or "12h" into milliseconds. */
export function parseDuration(text: string): number {
  const match = /^(\d{1,5})([dh])$/.exec(text.trim());
  if (!match || Number(match[1]) === 0) throw new Error(`"${text}" is not a duration such as 30d or 12h`);
  return Number(match[1]) * (match[2] === 'd' ? DAY_MS : HOUR_MS);
}

export function daysToMs(days: number): number {
  return days * DAY_MS;
}

/** An RFC 3339 instant without milliseconds, as snapshots carry issuedAt/expiresAt. */
export function instantOf(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
