/** Calendar months in the business's time zone, as `YYYY-MM` keys. */
import { TZDate } from '@date-fns/tz';

/** The default zone of the business (San Diego). */
export const DEFAULT_TIMEZONE = 'America/Los_Angeles';

/** `YYYY-MM` of an instant in the zone. */
export function monthKey(at: Date, timezone: string = DEFAULT_TIMEZONE): string {
  const d = new TZDate(at.getTime(), timezone);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

/** `YYYY-MM-DD` of an instant in the zone. */
export function dayKey(at: Date, timezone: string = DEFAULT_TIMEZONE): string {
  const d = new TZDate(at.getTime(), timezone);
  return `${monthKey(at, timezone)}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The month `delta` months after `YYYY-MM`. */
export function addMonths(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number);
  const index = (y ?? 0) * 12 + ((m ?? 1) - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The `n` complete months before the month of `now`, oldest first. */
export function lastCompleteMonths(now: Date, n: number, timezone?: string): string[] {
  const current = monthKey(now, timezone);
  return Array.from({ length: n }, (_, i) => addMonths(current, i - n));
}

/** The months from the current one to the last month of the next calendar quarter. */
export function monthsToEndOfNextQuarter(now: Date, timezone?: string): string[] {
  const current = monthKey(now, timezone);
  const m = Number(current.slice(5, 7));
  const quarterEnd = Math.ceil(m / 3) * 3;
  const count = quarterEnd - m + 1 + 3;
  return Array.from({ length: count }, (_, i) => addMonths(current, i));
}

/** `Nov 2026` from `2026-11`. */
export function monthLabel(month: string): string {
  const names = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${names[Number(month.slice(5, 7)) - 1] ?? '?'} ${month.slice(0, 4)}`;
}

/** Whole days from `from` to `to` (`YYYY-MM-DD` dates). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The number of days in `YYYY-MM`. */
export function daysInMonth(month: string): number {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, m ?? 1, 0)).getUTCDate();
}

/** The first instant of `YYYY-MM` in the zone. */
export function startOfMonth(month: string, timezone: string = DEFAULT_TIMEZONE): Date {
  const [y, m] = month.split('-').map(Number);
  return new Date(new TZDate(y ?? 1970, (m ?? 1) - 1, 1, 0, 0, 0, 0, timezone).getTime());
}

/** The last millisecond of `YYYY-MM` in the zone. */
export function endOfMonth(month: string, timezone: string = DEFAULT_TIMEZONE): Date {
  return new Date(startOfMonth(addMonths(month, 1), timezone).getTime() - 1);
}

/** True when `s` is a `YYYY-MM` month. */
export function isMonth(s: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(s);
}

/** `25 Nov` from `2026-11-25`. */
export function dayLabel(day: string): string {
  return `${Number(day.slice(8, 10))} ${monthLabel(day.slice(0, 7)).slice(0, 3)}`;
}

/** The `n` months ending with `month` (inclusive), oldest first. */
export function monthsEndingWith(month: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => addMonths(month, i - n + 1));
}
