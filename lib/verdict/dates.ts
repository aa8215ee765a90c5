/**
 * Calendar days as 'YYYY-MM-DD' strings, which compare correctly with < and >. Certificate and
 * listing dates are days in the registry's time zone, so "today" must be taken there too.
 */

const OFFSET = /^([+-])(\d{2}):(\d{2})$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MINUTE_MS = 60_000;

function offsetMinutes(utcOffset: string): number {
  const match = OFFSET.exec(utcOffset);
  if (!match) throw new RangeError(`not a UTC offset: ${utcOffset}`);
  const [, sign, hours, minutes] = match;
  return (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes));
}

/** The calendar day `now` falls on at `utcOffset` (e.g. "+08:00"). */
export function localDay(now: Date, utcOffset: string): string {
  const shifted = new Date(now.getTime() + offsetMinutes(utcOffset) * MINUTE_MS);
  return shifted.toISOString().slice(0, 10);
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** month: 1–12. */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * `day` plus `months` calendar months; a day the target month lacks clamps to its last day
 * (2025-01-31 + 1 → 2025-02-28, 2024-02-29 + 12 → 2025-02-28), so a deadline never spills
 * into the month after.
 */
export function addMonths(day: string, months: number): string {
  const match = DAY.exec(day);
  if (!match) throw new RangeError(`not a YYYY-MM-DD day: ${day}`);
  const [year, month, date] = match.slice(1).map(Number) as [number, number, number];
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  const targetDate = Math.min(date, daysInMonth(targetYear, targetMonth));
  return `${pad(targetYear, 4)}-${pad(targetMonth, 2)}-${pad(targetDate, 2)}`;
}
