/**
 * The grammar of `/fleet add` and `/fleet set`: `key=value` pairs (values with spaces in double
 * quotes, straight or curly), checked all together before anything is written, so one bad value
 * refuses the whole command. Keys (DESIGN.md): `name kind guests crew port lat lng zone meet
 * parking bring`, and `reminders` (the open-roles reminder windows, `72h,24h,6h`, `off` or
 * `default`); the checklist is changed with `check+="<label>"` and `check-=<item id>`.
 */
import { formatReminderWindows, parseReminderWindows } from '../crew/rules';
import { type ChecklistItem, checklistFor, checklistItemId, isDefaultChecklist } from '../sails/checklist';
import { draftLimits } from '../sails/parse';
import { fail, ok, type Result } from '../sails/result';
import { type Vessel, type VesselKind, vesselKinds } from './vessel';

/** The keys `/fleet set` takes, in the order `/fleet show` lists them. */
export const fleetKeys = [
  'name',
  'kind',
  'guests',
  'crew',
  'port',
  'lat',
  'lng',
  'zone',
  'meet',
  'parking',
  'bring',
  'reminders',
] as const;

/** One of the keys. */
export type FleetKey = (typeof fleetKeys)[number];

/** Keys that change the checklist. */
export const checklistKeys = { add: 'check+', remove: 'check-' } as const;

/** One `key=value` as typed (value unquoted). */
export interface Setting {
  key: FleetKey | 'check+' | 'check-';
  value: string;
}

/** One line of a vessel's history: what a key was and became (absent: unset). */
export interface VesselChange {
  key: string;
  from?: string | undefined;
  to?: string | undefined;
}

/** Limits on what a vessel may say. */
export const vesselLimits = {
  name: 60,
  port: 80,
  text: 300,
  checklistLabel: 150,
  checklistItems: 40,
} as const;

/** The usage of the keys, for help and errors. */
export const SETTINGS_USAGE =
  'name="…" kind=sailing-yacht|motor-yacht guests=<n> crew=<n> port="…" lat=<deg> lng=<deg> zone=<Area/City> meet="…" parking="…" bring="…" reminders=72h,24h,6h check+="<item>" check-=<item id>';

const OPEN_QUOTES = new Set(['"', '“', '”', '„']);
const CLOSE_QUOTES = new Set(['"', '”', '“']);

/** A token of the settings grammar: a bare word, or `key<op>value`. */
export type SettingToken = { kind: 'word'; text: string } | { kind: 'setting'; key: string; value: string };

/**
 * Splits text into words and `key=value` / `key+=value` / `key-=value` tokens; a value that starts
 * with a quote runs to the matching closing quote.
 */
export function tokenizeSettings(text: string): Result<SettingToken[]> {
  const out: SettingToken[] = [];
  let i = 0;
  const s = text.trim();
  while (i < s.length) {
    while (i < s.length && /\s/.test(s[i] ?? '')) i++;
    if (i >= s.length) break;
    const kv = /^([a-z]+)([+-]?=)/i.exec(s.slice(i));
    if (kv) {
      const key = (kv[1] ?? '').toLowerCase();
      const op = kv[2] ?? '=';
      i += kv[0].length;
      let value = '';
      if (OPEN_QUOTES.has(s[i] ?? '')) {
        const start = ++i;
        while (i < s.length && !CLOSE_QUOTES.has(s[i] ?? '')) i++;
        if (i >= s.length) {
          return fail(
            `The value of ${key}${op} opens a quote that is never closed. Write it like ${key}${op}"two words".`,
          );
        }
        value = s.slice(start, i);
        i++;
      } else {
        const start = i;
        while (i < s.length && !/\s/.test(s[i] ?? '')) i++;
        value = s.slice(start, i);
      }
      out.push({ kind: 'setting', key: op === '=' ? key : `${key}${op[0]}`, value });
      continue;
    }
    const start = i;
    while (i < s.length && !/\s/.test(s[i] ?? '')) i++;
    out.push({ kind: 'word', text: s.slice(start, i) });
  }
  return ok(out);
}

/** Whether a word is one of the keys. */
export function isFleetKey(key: string): key is FleetKey {
  return (fleetKeys as readonly string[]).includes(key);
}

function isSettingKey(key: string): key is Setting['key'] {
  return (fleetKeys as readonly string[]).includes(key) || key === 'check+' || key === 'check-';
}

/** Checks the keys of parsed tokens (values are checked by `applySettings`). */
export function settingsOf(tokens: readonly SettingToken[]): Result<Setting[]> {
  const out: Setting[] = [];
  for (const t of tokens) {
    if (t.kind === 'word') {
      return fail(
        `"${t.text.slice(0, 40)}" is not key=value. Write settings like guests=12 port="Shelter Island"; the keys are ${fleetKeys.join(', ')}, check+ and check-.`,
      );
    }
    if (!isSettingKey(t.key)) {
      return fail(
        `"${t.key}" is not something a vessel has. The keys are ${fleetKeys.join(', ')}, check+ and check-.`,
      );
    }
    if (!t.key.startsWith('check') && out.some((o) => o.key === t.key)) {
      return fail(`${t.key}= is given twice. Give it once.`);
    }
    out.push({ key: t.key, value: t.value });
  }
  return ok(out);
}

/** Parses `key=value…`; every key must be known. */
export function parseSettings(text: string): Result<Setting[]> {
  const tokens = tokenizeSettings(text);
  return tokens.ok ? settingsOf(tokens.value) : tokens;
}

const kindAliases: Record<string, VesselKind> = {
  'sailing-yacht': vesselKinds.sailingYacht,
  sailing: vesselKinds.sailingYacht,
  sail: vesselKinds.sailingYacht,
  sailboat: vesselKinds.sailingYacht,
  'motor-yacht': vesselKinds.motorYacht,
  motor: vesselKinds.motorYacht,
  power: vesselKinds.motorYacht,
  motorboat: vesselKinds.motorYacht,
};

/** The IANA zone a typed name means (any case), or undefined. */
export function canonicalZone(name: string): string | undefined {
  const s = name.trim();
  if (!/^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+){0,2}$/.test(s)) return undefined;
  try {
    const zone = new Intl.DateTimeFormat('en-US', { timeZone: s }).resolvedOptions().timeZone;
    // Intl accepts `EST5EDT`-style names and offsets; only IANA Area/City names (and UTC) are asked for.
    return zone.includes('/') || zone === 'UTC' ? zone : undefined;
  } catch {
    return undefined;
  }
}

function wholeNumber(value: string, max: number): number | undefined {
  if (!/^\d{1,4}$/.test(value.trim())) return undefined;
  const n = Number(value.trim());
  return n <= max ? n : undefined;
}

function degrees(value: string, max: number): number | undefined {
  const s = value.trim().replace(/°$/, '');
  if (!/^[-+]?\d{1,3}(?:\.\d{1,8})?$/.test(s)) return undefined;
  const n = Number(s);
  return Math.abs(n) <= max ? n : undefined;
}

function cleanText(value: string): string {
  // Control characters would break Block Kit and email headers; runs of spaces read as one.
  return value
    .replace(/[\p{Cc}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A vessel's editable fields. */
export type VesselFields = Pick<
  Vessel,
  | 'name'
  | 'kind'
  | 'guestCapacity'
  | 'maxCrew'
  | 'port'
  | 'lat'
  | 'lng'
  | 'zone'
  | 'meet'
  | 'parking'
  | 'bring'
  | 'reminders'
  | 'checklist'
>;

/** The fields of a vessel just added with `/fleet add <id> <name…>`: defaults, no port yet. */
export function newVesselFields(name: string): VesselFields {
  return {
    name,
    kind: vesselKinds.sailingYacht,
    guestCapacity: 6,
    maxCrew: 2,
    checklist: [...checklistFor(vesselKinds.sailingYacht)],
  };
}

const show = (v: unknown): string | undefined => (v === undefined ? undefined : String(v));

/** How a checklist reads in the history: one item per change. */
const itemText = (i: ChecklistItem) => `${i.label} (${i.id})`;

/**
 * Applies settings to a vessel's fields, checking every value; on success, the new fields and
 * what changed (settings that change nothing are left out of `changes`).
 */
export function applySettings(
  base: VesselFields,
  settings: readonly Setting[],
): Result<{ fields: VesselFields; changes: VesselChange[] }> {
  const next: VesselFields = { ...base, checklist: [...base.checklist] };
  const changes: VesselChange[] = [];
  const set = <K extends keyof VesselFields>(key: K, label: string, value: VesselFields[K]) => {
    const before = next[key];
    if (before === value) return;
    next[key] = value;
    changes.push({ key: label, from: show(before), to: show(value) });
  };
  for (const { key, value } of settings) {
    const text = cleanText(value);
    switch (key) {
      case 'name':
        if (!text) return fail('name= needs a value, e.g. name="Sea Fever".');
        if (text.length > vesselLimits.name)
          return fail(`That name is ${text.length} characters; keep it to ${vesselLimits.name}.`);
        set('name', 'name', text);
        break;
      case 'kind': {
        const kind = kindAliases[text.toLowerCase()];
        if (!kind)
          return fail(`"${text}" is not a kind of vessel. Write kind=sailing-yacht or kind=motor-yacht.`);
        if (kind !== next.kind && isDefaultChecklist(next.kind, next.checklist)) {
          // An untouched default list follows the kind; a list someone edited is theirs to keep.
          next.checklist = [...checklistFor(kind)];
          changes.push({ key: 'checklist', from: `default for ${next.kind}`, to: `default for ${kind}` });
        }
        set('kind', 'kind', kind);
        break;
      }
      case 'guests': {
        const n = wholeNumber(text, draftLimits.maxGuests);
        if (n === undefined)
          return fail(
            `"${text}" is not a guest capacity. Give a whole number from 0 to ${draftLimits.maxGuests}, e.g. guests=12.`,
          );
        set('guestCapacity', 'guests', n);
        break;
      }
      case 'crew': {
        const n = wholeNumber(text, draftLimits.maxCrew);
        if (n === undefined)
          return fail(
            `"${text}" is not a crew count. Give a whole number from 0 to ${draftLimits.maxCrew} (crew besides the captain), e.g. crew=4.`,
          );
        set('maxCrew', 'crew', n);
        break;
      }
      case 'port':
        if (text.length > vesselLimits.port)
          return fail(`That port name is ${text.length} characters; keep it to ${vesselLimits.port}.`);
        set('port', 'port', text || undefined);
        break;
      case 'lat': {
        const n = degrees(text, 90);
        if (n === undefined)
          return fail(
            `"${text}" is not a latitude. Give decimal degrees from -90 to 90 (south is negative), e.g. lat=32.7157.`,
          );
        set('lat', 'lat', n);
        break;
      }
      case 'lng': {
        const n = degrees(text, 180);
        if (n === undefined)
          return fail(
            `"${text}" is not a longitude. Give decimal degrees from -180 to 180 (west is negative), e.g. lng=-117.1611.`,
          );
        set('lng', 'lng', n);
        break;
      }
      case 'zone': {
        const zone = canonicalZone(text);
        if (!zone)
          return fail(
            `"${text}" is not an IANA time zone. Write it as Area/City, e.g. zone=America/Los_Angeles or zone=Australia/Sydney.`,
          );
        set('zone', 'zone', zone);
        break;
      }
      case 'meet':
      case 'parking':
      case 'bring':
        if (text.length > vesselLimits.text)
          return fail(`${key}= is ${text.length} characters; keep it to ${vesselLimits.text}.`);
        set(key, key, text || undefined);
        break;
      case 'reminders': {
        if (text.toLowerCase() === 'default') {
          if (next.reminders !== undefined) {
            changes.push({ key: 'reminders', from: formatReminderWindows(next.reminders), to: 'default' });
            next.reminders = undefined;
          }
          break;
        }
        const hours = parseReminderWindows(text);
        if (!hours.ok) return fail(hours.error);
        const before = next.reminders === undefined ? 'default' : formatReminderWindows(next.reminders);
        const after = formatReminderWindows(hours.value);
        if (before !== after) {
          next.reminders = hours.value;
          changes.push({ key: 'reminders', from: before, to: after });
        }
        break;
      }
      case 'check+': {
        if (!text) return fail('check+= needs the item, e.g. check+="Anchor windlass tested".');
        if (text.length > vesselLimits.checklistLabel)
          return fail(
            `That checklist item is ${text.length} characters; keep it to ${vesselLimits.checklistLabel}.`,
          );
        const id = checklistItemId(text);
        if (next.checklist.some((i) => i.id === id))
          return fail(`The checklist already has an item "${id}". Word the new one differently.`);
        if (next.checklist.length >= vesselLimits.checklistItems)
          return fail(
            `A checklist holds at most ${vesselLimits.checklistItems} items; remove one with check-=<item id> first.`,
          );
        const item = { id, label: text };
        next.checklist.push(item);
        changes.push({ key: 'checklist', to: itemText(item) });
        break;
      }
      case 'check-': {
        const wanted = text.toLowerCase();
        const item = next.checklist.find((i) => i.id === wanted || i.label.toLowerCase() === wanted);
        if (!item)
          return fail(
            `The checklist has no item "${text}". Its item ids are: ${next.checklist.map((i) => i.id).join(', ') || 'none'}.`,
          );
        next.checklist = next.checklist.filter((i) => i !== item);
        changes.push({ key: 'checklist', from: itemText(item) });
        break;
      }
    }
  }
  return ok({ fields: next, changes });
}
