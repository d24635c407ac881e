/**
 * When a sail happens. All instants are UTC `Date`s; the vessel's IANA zone is used only to read
 * a local date or wall-clock time and to show times. Sunset and civil dusk come from suncalc at
 * the vessel's home port.
 * @see ../../../shared/DESIGN.md "Time"
 */
import { TZDate, tz } from '@date-fns/tz';
import { format } from 'date-fns';
import { getTimes } from 'suncalc';
import { fail, ok, type Result } from './result';
import type { Vessel } from './vessels';

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
  vessel: Vessel;
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

/** `HH:MM` with a leading zero. */
export function formatClockTime(hours: number, minutes: number): string {
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

/**
 * The instant a local wall-clock time happens on a local date in a zone. A time skipped by a
 * daylight-saving jump (02:30 on a spring-forward day) is refused; a time that happens twice on
 * a fall-back day means its first occurrence (daylight time).
 */
export function localWallTime(date: string, hhmm: string, zone: string): Result<Date> {
  const d = parseCalendarDate(date);
  if (!d) return fail(`${date} is not a real date. Write the date as YYYY-MM-DD, e.g. 2026-12-12.`);
  const t = parseClockTime(hhmm);
  if (!t)
    return fail(`${hhmm} is not a time. Write it as HH:MM on the 24-hour clock, e.g. 18:30, or "sunset".`);
  const at = new TZDate(d.year, d.month - 1, d.day, t.hours, t.minutes, zone);
  // TZDate moves a nonexistent wall time forward; if the clock fields changed, the time never happened.
  if (at.getFullYear() !== d.year || at.getMonth() !== d.month - 1 || at.getDate() !== d.day) {
    return fail(`${date} ${hhmm} does not exist in ${zone}. Pick another time.`);
  }
  if (at.getHours() !== t.hours || at.getMinutes() !== t.minutes) {
    return fail(
      `${hhmm} does not exist on ${date} in ${zone}: the clocks jump forward that night. Pick another time, e.g. ${formatClockTime(at.getHours(), at.getMinutes())}.`,
    );
  }
  return ok(new Date(at.getTime()));
}

/** Sunset and civil dusk at the vessel's home port on a local date. */
export function sunTimes(date: string, vessel: Vessel): Result<{ sunsetAt: Date; civilDuskAt: Date }> {
  const d = parseCalendarDate(date);
  if (!d) return fail(`${date} is not a real date. Write the date as YYYY-MM-DD, e.g. 2026-12-12.`);
  // suncalc works on the solar day around the instant it gets; local noon picks the right one
  // whatever the zone's offset.
  const noon = new TZDate(d.year, d.month - 1, d.day, 12, 0, vessel.zone);
  const times = getTimes(new Date(noon.getTime()), vessel.homePort.lat, vessel.homePort.lng);
  if (!times.sunset || !times.dusk) {
    return fail(
      `The sun does not set at ${vessel.homePort.name} on ${date}; give a start time instead of sunset.`,
    );
  }
  return ok({ sunsetAt: times.sunset, civilDuskAt: times.dusk });
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
