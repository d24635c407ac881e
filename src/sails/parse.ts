/**
 * Reads what an admin typed into a `SailDraft`. The inline grammar of `/sail create` (DESIGN.md):
 *
 *   <YYYY-MM-DD> <HH:MM|sunset> [<duration: 2h, 90m, 2h30m>] [crew=<n>] [guests=<n>] [vessel=<id>] [title words…]
 *
 * The duration must come before the title; `crew=`, `guests=` and `vessel=` may appear anywhere.
 * Every error names what was wrong and how to write it. The modal's fields go through the same
 * `validateDraft`, so both paths give the same answers.
 */
import { z } from 'zod';
import { fail, ok, type Result } from './result';
import { computeTiming, formatClockTime, localDate, parseCalendarDate, parseClockTime } from './timing';
import type { SailDraft } from './types';
import { DEFAULT_VESSEL_ID, findVessel } from './vessels';

/** Hard limits on what a sail may ask for. */
export const draftLimits = {
  maxDurationMinutes: 12 * 60,
  maxCrew: 20,
  maxGuests: 150,
  maxTitleLength: 120,
} as const;

/** What an omitted option means. */
export const draftDefaults = {
  durationMinutes: 120,
  crewCount: 2,
  guestCapacity: 6,
  sunsetTitle: 'Sunset sail',
  dayTitle: 'Day sail',
} as const;

/** The usage line shown with errors and `help`. */
export const CREATE_USAGE =
  '/sail create <YYYY-MM-DD> <HH:MM|sunset> [2h|90m|2h30m] [crew=<n>] [guests=<n>] [vessel=<id>] [title…]';

/** An example that always parses (given a future date). */
export const CREATE_EXAMPLE = '/sail create 2026-12-12 sunset 2h crew=2 guests=6 Holiday lights';

const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;
const DURATION_SHAPE = /^(?:(\d{1,4})h)?(?:(\d{1,4})m)?$/i;
/** What the inline grammar reads as an attempt at a duration (then checked strictly). */
const DURATION_ATTEMPT = /^\d+(?:[hm]|$)/i;

/** A valid draft, as a schema (for data crossing a border again, e.g. a stored draft). */
export const sailDraftSchema = z.object({
  date: z.string().regex(DATE_SHAPE),
  start: z.union([z.literal('sunset'), z.string().regex(/^\d{2}:\d{2}$/)]),
  durationMinutes: z.number().int().min(1).max(draftLimits.maxDurationMinutes),
  crewCount: z.number().int().min(0).max(draftLimits.maxCrew),
  guestCapacity: z.number().int().min(0).max(draftLimits.maxGuests),
  vesselId: z.string().min(1),
  title: z.string().min(1).max(draftLimits.maxTitleLength),
});

/** The raw fields of a draft as text, from the inline command or the modal. */
export const draftFieldsSchema = z.object({
  date: z.string(),
  start: z.string(),
  duration: z.string().optional(),
  crew: z.string().optional(),
  guests: z.string().optional(),
  vessel: z.string().optional(),
  title: z.string().optional(),
});

/** Raw draft fields; omitted ones take `draftDefaults`. */
export type DraftFields = z.infer<typeof draftFieldsSchema>;

/** Reads a duration such as `2h`, `90m` or `2h30m` into minutes (1 minute to 12 hours). */
export function parseDuration(text: string): Result<number> {
  const s = text.trim();
  const m = DURATION_SHAPE.exec(s);
  if (!m || s === '' || (m[1] === undefined && m[2] === undefined)) {
    return fail(`"${text}" is not a duration. Write it like 2h, 90m or 2h30m.`);
  }
  const hours = m[1] === undefined ? 0 : Number(m[1]);
  const minutes = m[2] === undefined ? 0 : Number(m[2]);
  if (m[1] !== undefined && minutes >= 60) {
    return fail(`"${text}" mixes hours with 60 or more minutes. Write it like 2h30m or 150m.`);
  }
  const total = hours * 60 + minutes;
  if (total === 0)
    return fail('A sail must last longer than 0 minutes. Write the duration like 2h, 90m or 2h30m.');
  if (total > draftLimits.maxDurationMinutes) {
    return fail(`${text} is too long: a sail lasts at most 12h. Write a duration up to 12h, e.g. 2h30m.`);
  }
  return ok(total);
}

/** Writes minutes the way `parseDuration` reads them: `2h`, `45m`, `2h30m`. */
export function formatDuration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m}m`;
  return m === 0 ? `${h}h` : `${h}h${m}m`;
}

function wholeNumber(text: string | undefined, fallback: number): number | undefined {
  if (text === undefined || text.trim() === '') return fallback;
  return /^\d{1,6}$/.test(text.trim()) ? Number(text.trim()) : undefined;
}

/**
 * Checks raw fields against every rule: a real date that is not in the past (in the vessel's
 * zone, against `now`), a start time that exists, a duration of 1 minute to 12 hours, crew 0–20
 * (and within the vessel), guests 0 to the vessel's capacity, a known vessel, a title of at most
 * 120 characters.
 */
export function validateDraft(fields: DraftFields, opts: { now: Date }): Result<SailDraft> {
  const vessel = findVessel(fields.vessel?.trim() || DEFAULT_VESSEL_ID);
  if (!vessel.ok) return vessel;
  const v = vessel.value;

  const date = fields.date.trim();
  if (!DATE_SHAPE.test(date)) {
    return fail(`"${fields.date}" is not a date. Write the date as YYYY-MM-DD, e.g. 2026-12-12.`);
  }
  if (!parseCalendarDate(date)) {
    return fail(`${date} is not a real date. Write the date as YYYY-MM-DD, e.g. 2026-12-12.`);
  }
  const today = localDate(opts.now, v.zone);
  if (date < today) {
    return fail(`${date} is in the past (today is ${today} in ${v.zone}). Pick today or a later date.`);
  }

  const startText = fields.start.trim();
  let start: string;
  if (startText.toLowerCase() === 'sunset') start = 'sunset';
  else {
    const t = parseClockTime(startText);
    if (!t) {
      return fail(
        `"${fields.start}" is not a start time. Write HH:MM on the 24-hour clock (e.g. 18:30) or "sunset".`,
      );
    }
    start = formatClockTime(t.hours, t.minutes);
  }

  let durationMinutes: number = draftDefaults.durationMinutes;
  if (fields.duration !== undefined && fields.duration.trim() !== '') {
    const d = parseDuration(fields.duration);
    if (!d.ok) return d;
    durationMinutes = d.value;
  }

  const crewCap = Math.min(draftLimits.maxCrew, v.maxCrew);
  const crewCount = wholeNumber(fields.crew, Math.min(draftDefaults.crewCount, crewCap));
  if (crewCount === undefined || crewCount > draftLimits.maxCrew) {
    return fail(
      `"${fields.crew}" is not a crew count. Give a whole number from 0 to ${draftLimits.maxCrew} (crew besides the captain), e.g. crew=2.`,
    );
  }
  if (crewCount > crewCap) {
    return fail(`${v.name} carries at most ${crewCap} crew besides the captain. Write e.g. crew=${crewCap}.`);
  }

  const guestCap = Math.min(draftLimits.maxGuests, v.guestCapacity);
  const guestCapacity = wholeNumber(fields.guests, Math.min(draftDefaults.guestCapacity, guestCap));
  if (guestCapacity === undefined || guestCapacity > guestCap) {
    return fail(
      `"${fields.guests}" is not a guest count for ${v.name}. Give a whole number from 0 to ${guestCap}, e.g. guests=6.`,
    );
  }

  const title =
    (fields.title ?? '').replace(/\s+/g, ' ').trim() ||
    (start === 'sunset' ? draftDefaults.sunsetTitle : draftDefaults.dayTitle);
  if (title.length > draftLimits.maxTitleLength) {
    return fail(
      `The title is ${title.length} characters long; keep it to ${draftLimits.maxTitleLength} characters.`,
    );
  }

  const timing = computeTiming({ date, start, durationMinutes, vessel: v });
  if (!timing.ok) return timing;
  if (timing.value.departAt.getTime() <= opts.now.getTime()) {
    return fail(
      `A sail at ${start} on ${date} would depart in the past. Pick a later time or date (e.g. tomorrow's date).`,
    );
  }

  const draft: SailDraft = { date, start, durationMinutes, crewCount, guestCapacity, vesselId: v.id, title };
  const checked = sailDraftSchema.safeParse(draft);
  if (!checked.success) return fail(`That sail could not be read. Write it as: ${CREATE_USAGE}`);
  return ok(checked.data);
}

const OPTION_KEYS = ['crew', 'guests', 'vessel'] as const;
type OptionKey = (typeof OPTION_KEYS)[number];

function isOptionKey(k: string): k is OptionKey {
  return (OPTION_KEYS as readonly string[]).includes(k);
}

/** Splits the text after `/sail create` into raw fields; only the grammar is checked here. */
export function tokenizeCreate(text: string): Result<DraftFields> {
  const tokens = text.trim().split(/\s+/).filter(Boolean);
  const [date, start, ...rest] = tokens;
  if (date === undefined) return fail(`Give a date and a start time. Write it as: ${CREATE_USAGE}`);
  if (start === undefined) {
    return fail(`Give a start time after the date: HH:MM or "sunset", e.g. ${CREATE_EXAMPLE}`);
  }
  const fields: DraftFields = { date, start };
  const title: string[] = [];
  for (const token of rest) {
    const kv = /^([a-z]+)=(.*)$/i.exec(token);
    if (kv) {
      const key = (kv[1] ?? '').toLowerCase();
      const value = kv[2] ?? '';
      if (!isOptionKey(key)) {
        // Once the title has begun, `time=7pm` is just words in it; before, it is most likely a typo.
        if (title.length > 0) {
          title.push(token);
          continue;
        }
        return fail(`"${key}=" is not an option. The options are crew=<n>, guests=<n> and vessel=<id>.`);
      }
      if (fields[key] !== undefined) return fail(`${key}= is given twice. Give it once.`);
      if (value === '')
        return fail(`${key}= needs a value, e.g. ${key === 'vessel' ? 'vessel=jada' : `${key}=2`}.`);
      fields[key] = value;
      continue;
    }
    // A duration is a number with h or m (`2h`, `90m`, `2h30m`), or a bare number (answered with
    // "write a unit"); `4th of July` starts a title.
    if (title.length === 0 && fields.duration === undefined && DURATION_ATTEMPT.test(token)) {
      fields.duration = token;
      continue;
    }
    title.push(token);
  }
  if (title.length > 0) fields.title = title.join(' ');
  return ok(fields);
}

/** Parses the text after `/sail create` into a validated draft, or says what to fix. */
export function parseCreateCommand(text: string, opts: { now: Date }): Result<SailDraft> {
  const fields = tokenizeCreate(text);
  if (!fields.ok) return fields;
  return validateDraft(fields.value, opts);
}
