/**
 * Turns a validated draft into a sail: id, timeline, initial status.
 */
import { fail, ok, type Result } from './result';
import { computeTiming } from './timing';
import { type Sail, type SailDraft, sailStatuses } from './types';
import { findVessel } from './vessels';

/** Builds a new scheduled sail from a draft; the timeline comes from `computeTiming`. */
export function buildSail(
  draft: SailDraft,
  opts: { id: string; createdBy: string; now: Date },
): Result<Sail> {
  const vessel = findVessel(draft.vesselId);
  if (!vessel.ok) return vessel;
  const timing = computeTiming({
    date: draft.date,
    start: draft.start,
    durationMinutes: draft.durationMinutes,
    vessel: vessel.value,
  });
  if (!timing.ok) return timing;
  if (timing.value.departAt.getTime() <= opts.now.getTime()) {
    return fail(`That sail would depart in the past. Pick a later date or time.`);
  }
  return ok({
    ...draft,
    vesselId: vessel.value.id,
    id: opts.id,
    status: sailStatuses.scheduled,
    ...timing.value,
    createdBy: opts.createdBy,
    createdAt: opts.now,
    version: 1,
  });
}

/** Whether a sail's departure has passed. */
export function hasDeparted(sail: Pick<Sail, 'departAt'>, now: Date): boolean {
  return sail.departAt.getTime() <= now.getTime();
}
