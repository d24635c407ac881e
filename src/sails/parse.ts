/**
 * Reads what an admin typed into a `SailDraft`. The inline grammar of `/sail create` (DESIGN.md):
 *
 *   <YYYY-MM-DD> <HH:MM|sunset> [<duration: 2h, 90m, 2h30m>] [crew=<n>] [guests=<n>] [vessel=<id>] [title words…] [force]
 *
 * `crew=`, `guests=`, `vessel=`, a duration with its unit and `force` may appear anywhere; a token
 * shaped like a duration (`-2h`, `1.5h`, `2h30`) is always read as one, so a bad one is an error,
 * never a title word. `/sail edit <id>` takes the same parts, each optional. Every error names
 * what was wrong and how to write it. The modal's fields go through the same `validateDraft`, so
 * both paths give the same answers. The vessel comes from the fleet the caller passes in.
 */
import { z } from 'zod';
import { sailingPlace, type Vessel } from '../fleet/vessel';
import { fail, ok, type Result } from './result';
import { computeTiming, formatClockTime, localDate, parseCalendarDate, parseStartTime } from './timing';
import type { Sail, SailDraft } from './types';

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
  '/sail create <YYYY-MM-DD> <HH:MM|sunset> [2h|90m|2h30m] [crew=<n>] [guests=<n>] [vessel=<id>] [title…] [force]';

/** The usage of `/sail edit`. */
export const EDIT_USAGE =
  '/sail edit <id> [series] [YYYY-MM-DD] [HH:MM|sunset] [2h|90m|2h30m] [crew=<n>] [guests=<n>] [vessel=<id>] [title…] [force]';

/** An example that always parses (given a future date). */
export const CREATE_EXAMPLE = '/sail create 2026-12-12 sunset 2h crew=2 guests=6 Holiday lights';

const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;
const DURATION_SHAPE = /^(?:(\d{1,4})h)?(?:(\d{1,4})m)?$/i;
/**
 * A token shaped like a duration, with a unit: `2h`, `90m`, `2h30m`, but also `-2h`, `1.5h`,
 * `2h30`, `90min`. Read as the duration wherever it stands, then checked strictly.
 */
const DURATION_LIKE =
  /^[-+]?\d*[.,]?\d+(?:h|hr|hrs|hours?|m|min|mins|minutes?)(?:\d+(?:m|min|mins|minutes?)?)?$/i;
/** A bare number before the title: an attempt at a duration that lacks its unit. */
const BARE_NUMBER = /^[-+]?\d+(?:[.,]\d+)?$/;
/** A start time as typed: `18:30`, `9:05`, `01:30PST`, `01:30-08:00`. */
const START_SHAPE = /^\d{1,2}:\d{2}(?:[A-Za-z]{2,5}|[+-]\d{2}:?\d{2}|GMT[+-]\d{1,2}(?::\d{2})?)?$/;
/** The word that creates or moves a sail although its vessel is already out then. */
export const FORCE = 'force';

/** A valid draft, as a schema (for data crossing a border again, e.g. a stored draft). */
export const sailDraftSchema = z.object({
  date: z.string().regex(DATE_SHAPE),
  start: z.union([z.literal('sunset'), z.string().regex(START_SHAPE)]),
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
  /** Create (or move) the sail although its vessel is already out then. */
  force: z.boolean().optional(),
});

/** Raw draft fields; omitted ones take `draftDefaults`. */
export type DraftFields = z.infer<typeof draftFieldsSchema>;

/** Reads a duration such as `2h`, `90m` or `2h30m` into minutes (1 minute to 12 hours). */
export function parseDuration(text: string): Result<number> {
  const s = text.trim();
  const m = DURATION_SHAPE.exec(s);
  if (!m || s === '' || (m[1] === undefined && m[2] === undefined)) {
    return fail(`"${text}" is not a duration. ${durationHint(s)}`);
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

/** What to write instead of a duration that could not be read. */
function durationHint(s: string): string {
  const usual = 'Write it like 2h, 90m or 2h30m.';
  if (/^-/.test(s)) return `${usual} A sail cannot last a negative time.`;
  const decimal = /^\+?(\d*)[.,](\d+)\s*(h|hr|hrs|hours?)$/i.exec(s);
  if (decimal) {
    const minutes = Math.round(Number(`${decimal[1] || '0'}.${decimal[2]}`) * 60);
    if (minutes > 0 && minutes <= draftLimits.maxDurationMinutes)
      return `${usual} Use whole hours and minutes: ${formatDuration(minutes)} (or ${minutes}m).`;
  }
  if (/[.,]/.test(s)) return `${usual} Use whole hours and minutes.`;
  const noUnit = /^\+?(\d+)h(\d+)$/i.exec(s);
  if (noUnit) return `${usual} The minutes need their m: ${noUnit[1]}h${noUnit[2]}m.`;
  const longUnit = /^\+?(\d+)\s*(hr|hrs|hours?|min|mins|minutes?)$/i.exec(s);
  if (longUnit)
    return `${usual} Here: ${longUnit[1]}${(longUnit[2] ?? 'h').toLowerCase().startsWith('h') ? 'h' : 'm'}.`;
  if (BARE_NUMBER.test(s)) return `${usual} Give the number a unit: ${s}h or ${s}m.`;
  return usual;
}

/** Whether a token is shaped like a duration (`2h`, `-2h`, `1.5h`, `2h30`): the grammar never takes it as a title word. */
export function looksLikeDuration(token: string): boolean {
  return DURATION_LIKE.test(token);
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
 * The vessel a draft names, from the fleet: `vessel=<id>` (any case), or, when none is named, the
 * only vessel in service. A retired vessel, an unknown id or a choice to make is a sentence.
 */
export function resolveVessel(named: string | undefined, fleet: readonly Vessel[]): Result<Vessel> {
  const active = fleet.filter((v) => !v.retired);
  const ids = active.map((v) => v.id);
  const known = ids.length ? `Known vessels: ${ids.join(', ')} (e.g. vessel=${ids[0]}).` : '';
  const id = named?.trim().toLowerCase();
  if (id) {
    const v = fleet.find((x) => x.id === id);
    if (!v)
      return fail(
        `There is no vessel "${named?.trim()}". ${known || 'The fleet is empty: an admin adds one with /fleet add <vessel-id> <name…>.'}`,
      );
    if (v.retired) return fail(`${v.name} (${v.id}) is retired and takes no sails. ${known}`.trim());
    return ok(v);
  }
  const only = active[0];
  if (active.length === 1 && only) return ok(only);
  if (active.length === 0)
    return fail(
      'There are no vessels in the fleet yet. An admin adds one with /fleet add <vessel-id> <name…>.',
    );
  return fail(`Say which vessel with vessel=<id>. ${known}`);
}

/**
 * Checks raw fields against every rule: a vessel of the fleet that has its home port, a real date
 * that is not in the past (in the vessel's zone, against `now`), a start time that exists, a
 * duration of 1 minute to 12 hours, crew 0–20 (and within the vessel), guests 0 to the vessel's
 * capacity, a title of at most 120 characters.
 */
export function validateDraft(
  fields: DraftFields,
  opts: { now: Date; fleet: readonly Vessel[] },
): Result<SailDraft> {
  const vessel = resolveVessel(fields.vessel, opts.fleet);
  if (!vessel.ok) return vessel;
  const v = vessel.value;
  const place = sailingPlace(v);
  if (!place.ok) return place;
  const zone = place.value.zone;

  const date = fields.date.trim();
  if (!DATE_SHAPE.test(date)) {
    return fail(`"${fields.date}" is not a date. Write the date as YYYY-MM-DD, e.g. 2026-12-12.`);
  }
  if (!parseCalendarDate(date)) {
    return fail(`${date} is not a real date. Write the date as YYYY-MM-DD, e.g. 2026-12-12.`);
  }
  const today = localDate(opts.now, zone);
  if (date < today) {
    return fail(`${date} is in the past (today is ${today} in ${zone}). Pick today or a later date.`);
  }

  const startText = fields.start.trim();
  let start: string;
  if (startText.toLowerCase() === 'sunset') start = 'sunset';
  else {
    const t = parseStartTime(startText);
    if (!t) {
      return fail(
        `"${fields.start}" is not a start time. Write HH:MM on the 24-hour clock (e.g. 18:30) or "sunset".`,
      );
    }
    start = `${formatClockTime(t.hours, t.minutes)}${t.occurrence?.toUpperCase() ?? ''}`;
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

  const timing = computeTiming({ date, start, durationMinutes, vessel: place.value });
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

/**
 * The optional parts after the date and start: duration, options, title words and `force`. For an
 * edit (`edit`), a date and a start time are also read wherever they stand before the title.
 */
function readRest(rest: readonly string[], fields: Partial<DraftFields>, edit = false): Result<void> {
  const title: string[] = [];
  for (const token of rest) {
    if (token === FORCE) {
      fields.force = true;
      continue;
    }
    if (edit && title.length === 0) {
      if (DATE_SHAPE.test(token)) {
        if (fields.date !== undefined) return fail(`Two dates, ${fields.date} and ${token}. Give one.`);
        fields.date = token;
        continue;
      }
      if (token.toLowerCase() === 'sunset' || START_SHAPE.test(token)) {
        if (fields.start !== undefined)
          return fail(`Two start times, ${fields.start} and ${token}. Give one.`);
        fields.start = token;
        continue;
      }
    }
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
    // A number with a unit is the duration wherever it stands (a bad one is an error, not a title
    // word); a bare number is one only before the title. `4th of July` starts a title.
    if (DURATION_LIKE.test(token) || (title.length === 0 && BARE_NUMBER.test(token))) {
      if (fields.duration !== undefined)
        return fail(`Two durations, ${fields.duration} and ${token}. Give one, like 2h, 90m or 2h30m.`);
      fields.duration = token;
      continue;
    }
    title.push(token);
  }
  if (title.length > 0) fields.title = title.join(' ');
  return ok(undefined);
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
  const read = readRest(rest, fields);
  return read.ok ? ok(fields) : read;
}

/** What `/sail edit` may change; every part is optional. */
export type EditFields = Partial<DraftFields>;

/**
 * Splits the text after `/sail edit <id>`: the same parts as create, each optional; a date and a
 * start time are read wherever they stand before the title begins.
 */
export function tokenizeEdit(text: string): Result<EditFields> {
  const tokens = text.trim().split(/\s+/).filter(Boolean);
  const fields: EditFields = {};
  const read = readRest(tokens, fields, true);
  return read.ok ? ok(fields) : read;
}

/** Whether an edit asks to change anything. */
export function editsSomething(fields: EditFields): boolean {
  return (['date', 'start', 'duration', 'crew', 'guests', 'vessel', 'title'] as const).some(
    (k) => fields[k] !== undefined,
  );
}

/** The draft fields of a sail with an edit laid over them, for `validateDraft`. */
export function editedFields(sail: Sail, edit: EditFields): DraftFields {
  return {
    date: edit.date ?? sail.date,
    start: edit.start ?? sail.start,
    duration: edit.duration ?? formatDuration(sail.durationMinutes),
    crew: edit.crew ?? String(sail.crewCount),
    guests: edit.guests ?? String(sail.guestCapacity),
    vessel: edit.vessel ?? sail.vesselId,
    title: edit.title ?? sail.title,
  };
}

/** Parses the text after `/sail create` into a validated draft, or says what to fix. */
export function parseCreateCommand(
  text: string,
  opts: { now: Date; fleet: readonly Vessel[] },
): Result<SailDraft> {
  const fields = tokenizeCreate(text);
  if (!fields.ok) return fields;
  return validateDraft(fields.value, opts);
}
