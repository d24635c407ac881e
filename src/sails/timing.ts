/**
 * When a sail happens. All instants are UTC `Date`s; the vessel's IANA zone is used only to read
 * a local date or wall-clock time and to show times. Sunset and civil dusk come from suncalc at
 * the vessel's home port.
 * @see ../../../shared/DESIGN.md "Time"
 */
import { TZDate, tz } from '@date-fns/tz';
import { format } from 'date-fns';
import { getTimes } from 'suncalc';
import type { SailingPlace } from '../fleet/vessel';
import { fail, ok, type Result } from './result';

/** Minutes between crew call and departure. */
export const CREW_CALL_MINUTES = 45;

/** Share of a sunset sail's duration spent before sunset. */
export const SUNSET_SHARE = 0.75;

/** Departure times of sunset sails are rounded down to this many minutes. */
export const ROUND_MINUTES = 15;

const MINUTE = 60_000;

/** How a sail starts: at the sunset rule, or at a local wall-clock time `HH:MM`. */
export type SailStart = 'sunset' | string;

/** What `computeTiming` needs. */
export interface TimingInput {
  /** The local date in the vessel's zone, `YYYY-MM-DD`. */
  date: string;
  start: SailStart;
  durationMinutes: number;
  /** The vessel's home port (sunset) and zone (wall-clock times). */
  vessel: SailingPlace;
}

/** A sail's timeline, as UTC instants. */
export interface SailTiming {
  crewCallAt: Date;
  departAt: Date;
  sunsetAt: Date;
  /** Civil dusk: the sun 6° below the horizon (suncalc's `dusk`). */
  civilDuskAt: Date;
  returnAt: Date;
}

/** A calendar date split into numbers (month 1–12). */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** Reads `YYYY-MM-DD` and checks the day exists (no 2026-02-30). */
export function parseCalendarDate(s: string): CalendarDate | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
    return undefined;
  }
  return { year, month, day };
}

/** Reads `HH:MM` (24-hour; `H:MM` accepted) into hours and minutes. */
export function parseClockTime(s: string): { hours: number; minutes: number } | undefined {
  const m = /^(\d{1,2}):(\d{2})$/.exec(s);
  if (!m) return undefined;
  const [hours, minutes] = [Number(m[1]), Number(m[2])];
  if (hours > 23 || minutes > 59) return undefined;
  return { hours, minutes };
}

/**
 * A start time as typed: `HH:MM`, optionally followed by which occurrence of a repeated hour is
 * meant, as the zone's short name (`01:30PST`) or a UTC offset (`01:30-08:00`).
 */
export function parseStartTime(
  s: string,
): { hours: number; minutes: number; occurrence?: string | undefined } | undefined {
  const m = /^(\d{1,2}:\d{2})([A-Za-z]{2,5}|[+-]\d{2}:?\d{2}|GMT[+-]\d{1,2}(?::\d{2})?)?$/.exec(s.trim());
  if (!m) return undefined;
  const t = parseClockTime(m[1] ?? '');
  if (!t) return undefined;
  return { ...t, occurrence: m[2] };
}

/** `-08:00` for a UTC offset in minutes. */
function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const a = Math.abs(minutes);
  return `${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

/** The zone's UTC offset in minutes at an instant. */
function offsetMinutes(at: Date, zone: string): number {
  const local = new TZDate(at.getTime(), zone);
  return -local.getTimezoneOffset();
}

/**
 * Every instant a local wall time happens on a local date in a zone, earliest first: none when the
 * clocks jump over it, two on the night they go back, one otherwise. Each candidate comes from an
 * offset the zone has around that day, and is kept only if the zone's clock shows that wall time.
 */
function wallTimeInstants(d: CalendarDate, t: { hours: number; minutes: number }, zone: string): Date[] {
  const naive = Date.UTC(d.year, d.month - 1, d.day, t.hours, t.minutes);
  const offsets = new Set(
    [-36, -12, 0, 12, 36].map((h) => offsetMinutes(new Date(naive + h * 3_600_000), zone)),
  );
  const found = new Map<number, Date>();
  for (const o of offsets) {
    const at = new Date(naive - o * MINUTE);
    const local = new TZDate(at.getTime(), zone);
    if (
      local.getFullYear() === d.year &&
      local.getMonth() === d.month - 1 &&
      local.getDate() === d.day &&
      local.getHours() === t.hours &&
      local.getMinutes() === t.minutes
    )
      found.set(at.getTime(), at);
  }
  return [...found.values()].sort((a, b) => a.getTime() - b.getTime());
}

/** Both instants of a wall time the clocks show twice (the night they go back), or undefined. */
export function repeatedWallTime(
  date: string,
  hhmm: string,
  zone: string,
): { first: Date; second: Date; firstName: string; secondName: string } | undefined {
  const d = parseCalendarDate(date);
  const t = parseClockTime(hhmm);
  if (!d || !t) return undefined;
  const [first, second] = wallTimeInstants(d, t, zone);
  if (!first || !second) return undefined;
  return {
    first,
    second,
    firstName: zoneAbbreviation(first, zone),
    secondName: zoneAbbreviation(second, zone),
  };
}

/** How one occurrence of a repeated wall time is named: its zone abbreviation, or its offset. */
function occurrenceMatches(typed: string, at: Date, zone: string): boolean {
  const t = typed.toUpperCase().replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  return t === zoneAbbreviation(at, zone).toUpperCase() || t === offsetText(offsetMinutes(at, zone));
}

/**
 * Which occurrence a plain `HH:MM` took on the night the clocks go back, and how to write the
 * other: a sentence for the reply, or undefined when the time happens once.
 */
export function repeatedHourNotice(date: string, start: string, zone: string): string | undefined {
  const parsed = parseStartTime(start);
  if (!parsed || parsed.occurrence) return undefined;
  const hhmm = formatClockTime(parsed.hours, parsed.minutes);
  const r = repeatedWallTime(date, hhmm, zone);
  if (!r) return undefined;
  return `${hhmm} happens twice on ${date} in ${zone} (the clocks go back that night): I took the first, ${hhmm} ${r.firstName}. For the second, an hour later, write ${hhmm}${r.secondName.replace(/\s+/g, '')}.`;
}

/** `HH:MM` with a leading zero. */
export function formatClockTime(hours: number, minutes: number): string {
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

/**
 * The instant a local wall-clock time happens on a local date in a zone. A time skipped by a
 * daylight-saving jump (02:30 on a spring-forward day) is refused; a time that happens twice on
 * a fall-back day means its first occurrence (daylight time) unless the time names the other
 * (`01:30PST`, `01:30-08:00`); `repeatedHourNotice` says which was taken.
 */
export function localWallTime(date: string, hhmm: string, zone: string): Result<Date> {
  const d = parseCalendarDate(date);
  if (!d) return fail(`${date} is not a real date. Write the date as YYYY-MM-DD, e.g. 2026-12-12.`);
  const t = parseStartTime(hhmm);
  if (!t)
    return fail(`${hhmm} is not a time. Write it as HH:MM on the 24-hour clock, e.g. 18:30, or "sunset".`);
  if (t.occurrence) {
    const plain = formatClockTime(t.hours, t.minutes);
    const r = repeatedWallTime(date, plain, zone);
    if (r) {
      if (occurrenceMatches(t.occurrence, r.first, zone)) return ok(r.first);
      if (occurrenceMatches(t.occurrence, r.second, zone)) return ok(r.second);
      return fail(
        `${plain} happens twice on ${date} in ${zone}: write ${plain}${r.firstName.replace(/\s+/g, '')} for the first or ${plain}${r.secondName.replace(/\s+/g, '')} for the second, not ${hhmm}.`,
      );
    }
    const once = localWallTime(date, plain, zone);
    if (!once.ok || occurrenceMatches(t.occurrence, once.value, zone)) return once;
    return fail(
      `${plain} on ${date} in ${zone} is ${zoneAbbreviation(once.value, zone)} (UTC${offsetText(offsetMinutes(once.value, zone))}), not ${t.occurrence}. Write just ${plain}.`,
    );
  }
  // On the night the clocks go back a wall time happens twice: the first (daylight time) is taken.
  const first = wallTimeInstants(d, t, zone)[0];
  if (first) return ok(first);
  const at = new TZDate(d.year, d.month - 1, d.day, t.hours, t.minutes, zone);
  // TZDate moves a nonexistent wall time forward: that is the time to suggest.
  if (at.getFullYear() !== d.year || at.getMonth() !== d.month - 1 || at.getDate() !== d.day) {
    return fail(`${date} ${hhmm} does not exist in ${zone}. Pick another time.`);
  }
  return fail(
    `${hhmm} does not exist on ${date} in ${zone}: the clocks jump forward that night. Pick another time, e.g. ${formatClockTime(at.getHours(), at.getMinutes())}.`,
  );
}

/** Sunset and civil dusk at the vessel's home port on a local date. */
export function sunTimes(date: string, vessel: SailingPlace): Result<{ sunsetAt: Date; civilDuskAt: Date }> {
  const d = parseCalendarDate(date);
  if (!d) return fail(`${date} is not a real date. Write the date as YYYY-MM-DD, e.g. 2026-12-12.`);
  // suncalc works on the solar day around the instant it gets; local noon picks the right one
  // whatever the zone's offset.
  const noon = new TZDate(d.year, d.month - 1, d.day, 12, 0, vessel.zone);
  const times = getTimes(new Date(noon.getTime()), vessel.homePort.lat, vessel.homePort.lng);
  // Where the sun does not set (or rise) that day, suncalc gives Invalid Dates.
  const { sunset, dusk } = times;
  if (!sunset || !dusk || Number.isNaN(sunset.getTime()) || Number.isNaN(dusk.getTime())) {
    return fail(
      `The sun does not set (or does not get 6° below the horizon) at ${vessel.homePort.name} on ${date}, so Bosun cannot time a sail there that day.`,
    );
  }
  return ok({ sunsetAt: sunset, civilDuskAt: dusk });
}

/** Rounds an instant down to a multiple of `minutes` (every real zone's offset is a multiple of 15). */
export function floorToMinutes(at: Date, minutes: number = ROUND_MINUTES): Date {
  const step = minutes * MINUTE;
  return new Date(Math.floor(at.getTime() / step) * step);
}

/**
 * A sail's timeline. Sunset sail: departure = sunset − ¾ of the duration, rounded down to 15
 * minutes. Fixed start: departure at that local time in the vessel's zone. Return = departure +
 * duration; crew call = departure − 45 minutes.
 */
export function computeTiming(input: TimingInput): Result<SailTiming> {
  const { date, start, durationMinutes, vessel } = input;
  if (!Number.isInteger(durationMinutes) || durationMinutes <= 0) {
    return fail('The duration must be a positive number of minutes, e.g. 2h, 90m or 2h30m.');
  }
  const sun = sunTimes(date, vessel);
  if (!sun.ok) return sun;
  let departAt: Date;
  if (start === 'sunset') {
    departAt = floorToMinutes(
      new Date(sun.value.sunsetAt.getTime() - SUNSET_SHARE * durationMinutes * MINUTE),
      ROUND_MINUTES,
    );
  } else {
    const at = localWallTime(date, start, vessel.zone);
    if (!at.ok) return at;
    departAt = at.value;
  }
  return ok({
    crewCallAt: new Date(departAt.getTime() - CREW_CALL_MINUTES * MINUTE),
    departAt,
    sunsetAt: sun.value.sunsetAt,
    civilDuskAt: sun.value.civilDuskAt,
    returnAt: new Date(departAt.getTime() + durationMinutes * MINUTE),
  });
}

/** Common display patterns (date-fns tokens) for plain-text fallbacks. */
export const localPatterns = {
  /** `Sat 12 Dec 2026` */
  date: 'EEE d MMM yyyy',
  /** `16:15` */
  time: 'HH:mm',
  /** `Sat 12 Dec 2026, 16:15 PST` */
  dateTime: 'EEE d MMM yyyy, HH:mm zzz',
  /** `2026-12-12` */
  isoDate: 'yyyy-MM-dd',
} as const;

/** One formatter per zone: building an `Intl.DateTimeFormat` costs far more than using one. */
const zoneNameFormatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's short name at an instant as people know it (`PST`, `PDT`), from `Intl`. */
export function zoneAbbreviation(at: Date, zone: string): string {
  let formatter = zoneNameFormatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'short' });
    zoneNameFormatters.set(zone, formatter);
  }
  const parts = formatter.formatToParts(at);
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? zone;
}

/**
 * Formats an instant in a zone with a date-fns pattern (e.g. `localPatterns.dateTime`). `z`–`zzz`
 * print the zone's short name (`PST`) rather than date-fns's `GMT-8`.
 */
export function formatLocal(at: Date, zone: string, pattern: string = localPatterns.dateTime): string {
  const withName = pattern.replace(
    /(?<!z)z{1,3}(?!z)/g,
    `'${zoneAbbreviation(at, zone).replace(/'/g, "''")}'`,
  );
  return format(at, withName, { in: tz(zone) });
}

/** The local calendar date (`YYYY-MM-DD`) of an instant in a zone. */
export function localDate(at: Date, zone: string): string {
  return formatLocal(at, zone, localPatterns.isoDate);
}
