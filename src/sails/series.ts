/**
 * Weekly series: `/sail create … every=<mon|tue|…|sun> until=<YYYY-MM-DD>` makes one sail per
 * week on that weekday, from the first such day on or after the given date through `until`, at
 * most `MAX_SERIES` of them. Each is an ordinary sail with its own id, card and roster, timed for
 * its own date (a sunset sail follows the sunset, across daylight-saving changes). Plain data.
 */
import { fail, ok, type Result } from './result';
import { parseCalendarDate } from './timing';

/** The most sails one series makes (half a year of weekly sails). */
export const MAX_SERIES = 26;

/** Weekday words as typed, Monday first; the index is `Date.getUTCDay()`'s. */
export const weekdays = {
  sun: 0,
  mon: 1,
  tue: 2,
  wed: 3,
  thu: 4,
  fri: 5,
  sat: 6,
} as const;

/** A weekday word. */
export type Weekday = keyof typeof weekdays;

const WEEKDAY_ALIASES: Readonly<Record<string, Weekday>> = {
  sun: 'sun',
  sunday: 'sun',
  mon: 'mon',
  monday: 'mon',
  tue: 'tue',
  tues: 'tue',
  tuesday: 'tue',
  wed: 'wed',
  wednesday: 'wed',
  thu: 'thu',
  thur: 'thu',
  thurs: 'thu',
  thursday: 'thu',
  fri: 'fri',
  friday: 'fri',
  sat: 'sat',
  saturday: 'sat',
};

const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** What a series repeats on. */
export interface SeriesRule {
  weekday: Weekday;
  /** The last date a sail may fall on, `YYYY-MM-DD` (the vessel's local date). */
  until: string;
}

/** The usage of a series' options. */
export const SERIES_USAGE = 'every=<mon|tue|wed|thu|fri|sat|sun> until=<YYYY-MM-DD>';

/** Reads a weekday as typed (`mon`, `Monday`). */
export function parseWeekday(text: string): Result<Weekday> {
  const w = WEEKDAY_ALIASES[text.trim().toLowerCase()];
  return w ? ok(w) : fail(`"${text}" is not a weekday. Write every=mon, tue, wed, thu, fri, sat or sun.`);
}

/** A weekday's full name: `Monday`. */
export function weekdayName(w: Weekday): string {
  return DAY_NAMES[weekdays[w]] ?? w;
}

/**
 * Takes `every=` and `until=` out of what followed `/sail create`, so the rest reads as one sail
 * (the same grammar as ever). Both or neither: one without the other says what is missing.
 */
export function splitSeriesOptions(text: string): Result<{ text: string; series?: SeriesRule }> {
  const tokens = text.trim().split(/\s+/).filter(Boolean);
  let every: string | undefined;
  let until: string | undefined;
  const rest: string[] = [];
  for (const token of tokens) {
    const m = /^(every|until)=(.*)$/i.exec(token);
    if (!m) {
      rest.push(token);
      continue;
    }
    const key = (m[1] ?? '').toLowerCase();
    const value = m[2] ?? '';
    if ((key === 'every' ? every : until) !== undefined) return fail(`${key}= is given twice. Give it once.`);
    if (value === '') {
      return fail(`${key}= needs a value, e.g. ${key === 'every' ? 'every=mon' : 'until=2026-12-21'}.`);
    }
    if (key === 'every') every = value;
    else until = value;
  }
  if (every === undefined && until === undefined) return ok({ text: rest.join(' ') });
  if (every === undefined) return fail(`until= needs every=<weekday> too: ${SERIES_USAGE}.`);
  if (until === undefined)
    return fail(`every= needs until=<YYYY-MM-DD> too (the last date): ${SERIES_USAGE}.`);
  const weekday = parseWeekday(every);
  if (!weekday.ok) return weekday;
  if (!parseCalendarDate(until)) {
    return fail(`until=${until} is not a date. Write it as YYYY-MM-DD, e.g. until=2026-12-21.`);
  }
  return ok({ text: rest.join(' '), series: { weekday: weekday.value, until } });
}

const DAY = 86_400_000;

function toUtc(date: string): number {
  const d = parseCalendarDate(date);
  if (!d) throw new Error(`not a date: ${date}`);
  return Date.UTC(d.year, d.month - 1, d.day);
}

const isoDate = (t: number) => new Date(t).toISOString().slice(0, 10);

/**
 * The dates of a series: every `weekday` from `first` (or the first such day after it) through
 * `until`, as local calendar dates. Calendar arithmetic only, so daylight-saving changes cannot
 * shift a date. More than `MAX_SERIES` dates, or none, is refused with a sentence saying what fits.
 */
export function seriesDates(first: string, rule: SeriesRule): Result<string[]> {
  if (!parseCalendarDate(first)) return fail(`${first} is not a real date. Write it as YYYY-MM-DD.`);
  const start = toUtc(first);
  const end = toUtc(rule.until);
  const shift = (weekdays[rule.weekday] - new Date(start).getUTCDay() + 7) % 7;
  const firstDay = start + shift * DAY;
  if (firstDay > end) {
    return fail(
      `until=${rule.until} leaves no ${weekdayName(rule.weekday)} from ${first} on. Give a later until= date.`,
    );
  }
  const count = Math.floor((end - firstDay) / (7 * DAY)) + 1;
  if (count > MAX_SERIES) {
    const last = isoDate(firstDay + (MAX_SERIES - 1) * 7 * DAY);
    return fail(
      `That makes ${count} sails; a series has at most ${MAX_SERIES}. Write until=${last} (the ${MAX_SERIES}th ${weekdayName(rule.weekday)}) or earlier.`,
    );
  }
  return ok(Array.from({ length: count }, (_, i) => isoDate(firstDay + i * 7 * DAY)));
}
