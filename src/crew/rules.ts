/**
 * What the crew workflow needs to know about a vessel: who may take Captain, its regular crew (DM'd
 * about open roles and cover requests) and its reminder windows. The fleet keeps these as data; the
 * workflow reads them through one injected function, `CrewRulesLookup`, so it never depends on how
 * they are stored. Plain data, no I/O.
 */
import { fail, ok, type Result } from '../sails/result';

/** When reminders go out, in hours before the anchor (departure; crew call for `crewCallHours`). */
export interface ReminderWindows {
  /** Open roles (channel thread, regulars' DMs) and uncovered cover requests, before departure. */
  roles: number[];
  /** Unsigned waivers (guest email), before departure. */
  waiver: number[];
  /** The crew-call DM, this many hours before crew call. */
  crewCallHours: number;
}

/** A vessel's crew rules. */
export interface CrewRules {
  /** Who may hold Captain; empty means anyone may. */
  captains: string[];
  /** Regular crew: asked about open roles and cover requests. */
  regulars: string[];
  /** The vessel's reminder windows; absent means `defaultReminders`. */
  reminders?: ReminderWindows | undefined;
}

/** Reads a vessel's crew rules (the fleet store, at merge; today's defaults until then). */
export type CrewRulesLookup = (vesselId: string) => Promise<CrewRules>;

/** The reminder windows used when a vessel sets none (DESIGN.md, issue 5). */
export const defaultReminders: Readonly<ReminderWindows> = Object.freeze({
  roles: [72, 24, 6],
  waiver: [48, 24],
  crewCallHours: 3,
});

/**
 * The longest window that can fire: the sweep reads sails departing in the next 96 hours
 * (`LOOKAHEAD_HOURS`), so a longer lead time would never be seen.
 */
export const MAX_WINDOW_HOURS = 96;

/** At most this many windows per kind: each is a message to a channel or a person. */
export const MAX_WINDOWS = 5;

/** A vessel's windows, with the defaults filling what it does not set. */
export function remindersOf(rules: Pick<CrewRules, 'reminders'> | undefined): ReminderWindows {
  const r = rules?.reminders;
  return {
    roles: [...(r?.roles ?? defaultReminders.roles)],
    waiver: [...(r?.waiver ?? defaultReminders.waiver)],
    crewCallHours: r?.crewCallHours ?? defaultReminders.crewCallHours,
  };
}

/** Whether `userId` may hold Captain under these rules (no captains listed: anyone may). */
export function mayCaptain(rules: Pick<CrewRules, 'captains'>, userId: string): boolean {
  return rules.captains.length === 0 || rules.captains.includes(userId);
}

const HOURS = /^(\d{1,3})\s*(h|d)$/i;

/** Reads one lead time: `6h`, `3d` (whole hours or days, 1 hour to `MAX_WINDOW_HOURS`). */
export function parseReminderWindow(text: string): Result<number> {
  const s = text.trim();
  const m = HOURS.exec(s);
  if (!m) return fail(`"${s}" is not a lead time. Write whole hours or days, like 6h, 24h or 3d.`);
  const hours = Number(m[1]) * ((m[2] ?? 'h').toLowerCase() === 'd' ? 24 : 1);
  if (hours < 1) return fail(`"${s}" is too short: a reminder goes at least 1h ahead.`);
  if (hours > MAX_WINDOW_HOURS) {
    return fail(
      `"${s}" is too far ahead: reminders go at most ${MAX_WINDOW_HOURS}h (4d) ahead, the time the nudge sweep looks ahead.`,
    );
  }
  return ok(hours);
}

/**
 * Reads a list of reminder windows as an admin types it (`/fleet set <vessel> reminders=72h,24h,6h`):
 * comma-separated lead times, each 1h–96h (hours or days), no repeats, at most five; `off` (or
 * `none`) means no reminders of that kind. Returns the hours, longest first.
 */
export function parseReminderWindows(text: string): Result<number[]> {
  const s = text.trim().toLowerCase();
  if (s === 'off' || s === 'none') return ok([]);
  if (s === '') return fail('Give the lead times, e.g. reminders=72h,24h,6h (or reminders=off).');
  const parts = s.split(',').map((p) => p.trim());
  if (parts.some((p) => p === '')) {
    return fail(`"${text.trim()}" has an empty part. Separate lead times with commas: 72h,24h,6h.`);
  }
  if (parts.length > MAX_WINDOWS) {
    return fail(`That is ${parts.length} reminders; give at most ${MAX_WINDOWS}, e.g. 72h,24h,6h.`);
  }
  const hours: number[] = [];
  for (const p of parts) {
    const h = parseReminderWindow(p);
    if (!h.ok) return h;
    if (hours.includes(h.value))
      return fail(`${formatHours(h.value)} is given twice. Give each lead time once.`);
    hours.push(h.value);
  }
  return ok(hours.sort((a, b) => b - a));
}

/** One lead time as people read it: `6h`, `72h`. */
export function formatHours(hours: number): string {
  return `${hours}h`;
}

/** A list of windows as `parseReminderWindows` reads it back: `72h,24h,6h`, or `off`. */
export function formatReminderWindows(hours: readonly number[]): string {
  return hours.length === 0 ? 'off' : hours.map(formatHours).join(',');
}

/** The windows in a sentence, for `/fleet show` and `/crew reminders`. */
export function describeReminders(r: ReminderWindows): string {
  const list = (h: readonly number[]) => (h.length === 0 ? 'none' : h.map(formatHours).join(', '));
  return `open roles and cover requests ${list(r.roles)} before departure · unsigned waivers ${list(r.waiver)} before departure · crew call ${formatHours(r.crewCallHours)} before crew call`;
}
