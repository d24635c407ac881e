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
