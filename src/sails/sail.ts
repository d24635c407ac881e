/**
 * Turns a validated draft into a sail: id, timeline, initial status.
 */
import type { SailingPlace } from '../fleet/vessel';
import { fail, ok, type Result } from './result';
import { computeTiming } from './timing';
import { type Sail, type SailDraft, sailStatuses } from './types';

/**
 * Builds a new scheduled sail from a draft on its vessel's home port and zone; the timeline comes
 * from `computeTiming`.
 */
export function buildSail(
  draft: SailDraft,
  opts: { id: string; createdBy: string; now: Date; place: SailingPlace },
): Result<Sail> {
  const timing = futureTiming(draft, opts, 'That sail would depart in the past.');
  if (!timing.ok) return timing;
  return ok({
    ...draft,
    id: opts.id,
    status: sailStatuses.scheduled,
    zone: opts.place.zone,
    ...timing.value,
    createdBy: opts.createdBy,
    createdAt: opts.now,
    version: 1,
  });
}

/** A draft's timeline at a place, refused when it would depart by `now` (`past` says so). */
function futureTiming(draft: SailDraft, opts: { now: Date; place: SailingPlace }, past: string) {
  const timing = computeTiming({
    date: draft.date,
    start: draft.start,
    durationMinutes: draft.durationMinutes,
    vessel: opts.place,
  });
  if (timing.ok && timing.value.departAt.getTime() <= opts.now.getTime()) {
    return fail(`${past} Pick a later date or time.`);
  }
  return timing;
}

/** Whether a sail's departure has passed. */
export function hasDeparted(sail: Pick<Sail, 'departAt'>, now: Date): boolean {
  return sail.departAt.getTime() <= now.getTime();
}

/**
 * A sail with an edit applied: the validated draft, retimed on its (possibly new) vessel's port and
 * zone. Status, roster and who created it stay; the version goes up.
 */
export function retimeSail(
  sail: Sail,
  draft: SailDraft,
  opts: { now: Date; place: SailingPlace },
): Result<Sail> {
  const timing = futureTiming(draft, opts, 'The sail would then depart in the past.');
  if (!timing.ok) return timing;
  return ok({ ...sail, ...draft, zone: opts.place.zone, ...timing.value, version: sail.version + 1 });
}

/** One thing an edit changed, as plain text (times as ISO instants, shown in each reader's zone). */
export interface SailChange {
  field: 'date' | 'start' | 'departure' | 'return' | 'duration' | 'vessel' | 'crew' | 'guests' | 'title';
  from: string;
  to: string;
}

/** The fields whose change people are told about: when and where they sail. */
export const toldFields: ReadonlySet<SailChange['field']> = new Set([
  'date',
  'start',
  'departure',
  'return',
  'vessel',
]);

/** What differs between a sail before and after an edit; `vesselName` names a vessel id. */
export function sailChanges(before: Sail, after: Sail, vesselName: (id: string) => string): SailChange[] {
  const out: SailChange[] = [];
  const add = (field: SailChange['field'], from: string, to: string) => {
    if (from !== to) out.push({ field, from, to });
  };
  add('date', before.date, after.date);
  add('start', before.start, after.start);
  add('departure', before.departAt.toISOString(), after.departAt.toISOString());
  add('return', before.returnAt.toISOString(), after.returnAt.toISOString());
  add('duration', String(before.durationMinutes), String(after.durationMinutes));
  if (before.vesselId !== after.vesselId)
    add('vessel', vesselName(before.vesselId), vesselName(after.vesselId));
  add('crew', String(before.crewCount), String(after.crewCount));
  add('guests', String(before.guestCapacity), String(after.guestCapacity));
  add('title', before.title, after.title);
  return out;
}
