/**
 * Edit a planned sail (admins), `/sail edit <id> …`: every part optional, the same grammar and
 * validation as create, laid over the sail as it is. Times are recomputed on the (possibly new)
 * vessel's port and zone. Refused, with nothing written: shrinking crew below slots someone holds
 * (naming them), guest seats below the guests invited, a vessel already out then (unless `force`).
 * One transaction makes the change. Effects: the card redrawn with what changed in its thread;
 * when the date, times or vessel change, each holder DM'd and each guest emailed old → new.
 */
import { type Done, type EffectInput, keyed, only } from '../effects/types';
import { sailingPlace } from '../fleet/vessel';
import { type EditFields, editedFields, editsSomething, validateDraft } from '../sails/parse';
import { retimeSail, type SailChange, sailChanges, toldFields } from '../sails/sail';
import { repeatedHourNotice } from '../sails/timing';
import type { Sail } from '../sails/types';
import type { FleetStore } from '../store/fleet';
import type { SailStore, SlotHolder } from '../store/sails';
import type { Invocation, NoSuchSail, NotAdmin } from './context';
import { overlapping } from './create-sail';

/** What editing needs. */
export interface EditSailDeps {
  sails: Pick<SailStore, 'get' | 'edit' | 'upcoming'>;
  fleet: Pick<FleetStore, 'list'>;
  now: () => Date;
}

/** What an edit came to. */
export type EditSailOutcome =
  | NotAdmin
  | NoSuchSail
  | { kind: 'nothing_asked'; sailId: string }
  | { kind: 'invalid'; sailId: string; message: string }
  | { kind: 'closed'; sailId: string; message: string }
  /** Shrinking crew would remove slots these people hold. */
  | { kind: 'crew_held'; sailId: string; crewCount: number; holders: SlotHolder[] }
  /** Fewer guest seats than guests invited (minors included). */
  | { kind: 'seats_taken'; sailId: string; guestCapacity: number; taken: number }
  | { kind: 'double_booked'; sailId: string; vesselName: string; clashes: Sail[] }
  | { kind: 'changed_meanwhile'; sailId: string }
  | { kind: 'unchanged'; sailId: string }
  | {
      kind: 'edited';
      sail: Sail;
      changes: SailChange[];
      crewTold: number;
      guestsTold: number;
      /** Sails on the vessel at the same time, moved over with `force`. */
      clashes: Sail[];
      notices: string[];
    };

/** Applies an edit to a sail. */
export async function editSail(
  deps: EditSailDeps,
  inv: Invocation,
  input: { sailId: string; edit: EditFields },
): Promise<Done<EditSailOutcome>> {
  if (!inv.actor.isAdmin) return only({ kind: 'not_admin', what: 'edit sails' });
  const { edit } = input;
  if (!editsSomething(edit)) return only({ kind: 'nothing_asked', sailId: input.sailId });
  const [record, fleet] = await Promise.all([deps.sails.get(input.sailId), deps.fleet.list()]);
  if (!record) return only({ kind: 'no_such_sail', sailId: input.sailId });
  const before = record.sail;
  const sailId = before.id;
  const now = deps.now();
  if (before.status === 'cancelled') {
    return only({
      kind: 'closed',
      sailId,
      message: `${sailId} is cancelled. Restore it with \`/sail uncancel ${sailId}\` before editing it.`,
    });
  }
  if (before.departAt.getTime() <= now.getTime()) {
    return only({
      kind: 'closed',
      sailId,
      message: `${sailId} has already departed; it can no longer be edited.`,
    });
  }
  // The sail's own vessel may have been retired since; it keeps its sails unless they are moved.
  const usable = fleet.map((v) => (v.id === before.vesselId ? { ...v, retired: false } : v));
  const checked = validateDraft(editedFields(before, edit), { now, fleet: usable });
  if (!checked.ok) return only({ kind: 'invalid', sailId, message: checked.error });
  const draft = checked.value;
  const vessel = usable.find((v) => v.id === draft.vesselId);
  const place = vessel ? sailingPlace(vessel) : undefined;
  if (!vessel || !place?.ok) {
    return only({ kind: 'invalid', sailId, message: place?.ok === false ? place.error : 'Unknown vessel.' });
  }
  const preview = retimeSail(before, draft, { now, place: place.value });
  if (!preview.ok) return only({ kind: 'invalid', sailId, message: preview.error });
  const names = (id: string) => fleet.find((v) => v.id === id)?.name ?? id;
  const changes = sailChanges(before, preview.value, names);
  if (changes.length === 0) return only({ kind: 'unchanged', sailId });

  const removed = record.slots.filter((s) => Number(s.slotId.slice('crew-'.length)) > draft.crewCount);
  const held = removed.flatMap((s) => (s.holder ? [{ slotId: s.slotId, userId: s.holder }] : []));
  if (held.length > 0) return only({ kind: 'crew_held', sailId, crewCount: draft.crewCount, holders: held });
  if (record.seatsTaken > draft.guestCapacity) {
    return only({
      kind: 'seats_taken',
      sailId,
      guestCapacity: draft.guestCapacity,
      taken: record.seatsTaken,
    });
  }
  const clashes = await overlapping(deps.sails, preview.value);
  if (clashes.length > 0 && !edit.force) {
    return only({ kind: 'double_booked', sailId, vesselName: vessel.name, clashes });
  }

  const result = await deps.sails.edit(record, draft, place.value);
  if (!result.ok) {
    switch (result.reason) {
      case 'invalid':
        return only({ kind: 'invalid', sailId, message: result.error });
      case 'held':
        return only({ kind: 'crew_held', sailId, crewCount: draft.crewCount, holders: result.holders });
      case 'seats':
        return only({ kind: 'seats_taken', sailId, guestCapacity: draft.guestCapacity, taken: result.taken });
      case 'no_such_sail':
        return only({ kind: 'no_such_sail', sailId });
      default:
        return only({ kind: 'changed_meanwhile', sailId });
    }
  }
  const sail = result.sail;
  const told = changes.filter((c) => toldFields.has(c.field));
  const by = inv.actor.userId;
  const holders = [...new Set(result.holders.map((h) => h.userId))];
  const guests = told.length > 0 ? record.guests : [];
  const effects: EffectInput[] = [
    { type: 'card.refresh', sailId, note: { kind: 'edited', sailId, by, changes } },
    ...(told.length > 0
      ? holders.map(
          (userId): EffectInput => ({
            type: 'dm',
            userId,
            note: { kind: 'edited', sailId, by, changes: told },
          }),
        )
      : []),
    ...guests.map((g): EffectInput => ({ type: 'guest.changed', sailId, guestId: g.id, changes: told })),
  ];
  return {
    outcome: {
      kind: 'edited',
      sail,
      changes,
      crewTold: told.length > 0 ? holders.length : 0,
      guestsTold: guests.length,
      clashes,
      notices: edit.start
        ? [repeatedHourNotice(sail.date, sail.start, sail.zone)].filter((n): n is string => !!n)
        : [],
    },
    effects: keyed(inv.change, effects),
  };
}
