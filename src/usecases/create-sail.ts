/**
 * Create a sail (admins): the fields are validated against the fleet (the vessel named, or the
 * only one in service), then checked against the vessel's other sails: a vessel already out then
 * is refused, naming the other sail, unless `force` is given. One transaction writes the sail and
 * its slots. Effect: the card is posted in the channel.
 */
import { type Done, keyed, only } from '../effects/types';
import { sailingPlace } from '../fleet/vessel';
import { type DraftFields, validateDraft } from '../sails/parse';
import { computeTiming, repeatedHourNotice } from '../sails/timing';
import type { Sail, SailDraft } from '../sails/types';
import type { FleetStore } from '../store/fleet';
import type { SailStore } from '../store/sails';
import type { Invocation, NotAdmin } from './context';

/** What creating needs. */
export interface CreateSailDeps {
  sails: Pick<SailStore, 'create' | 'upcoming'>;
  fleet: Pick<FleetStore, 'list'>;
  /** Where new cards go (`BOSUN_CHANNEL`). */
  channel: string;
  now: () => Date;
}

/** What a create came to. */
export type CreateSailOutcome =
  | NotAdmin
  | { kind: 'invalid'; message: string }
  /** The vessel is out then on other sails; `force` creates it anyway. */
  | { kind: 'double_booked'; vesselName: string; clashes: Sail[]; draft: SailDraft }
  | {
      kind: 'created';
      sail: Sail;
      vesselName: string;
      channel: string;
      /** Other sails on the vessel at the same time, created over with `force`. */
      clashes: Sail[];
      /** Things the admin should know (which occurrence of a repeated hour was taken). */
      notices: string[];
    };

/** The fields of a create, as typed or from the modal; `force` creates over a double booking. */
export type CreateSailInput = DraftFields;

/**
 * Validates the fields against the fleet and, without `force`, the vessel's other sails; nothing
 * is written. The modal shows its error under the field it is about.
 */
export async function checkDraft(
  deps: Pick<CreateSailDeps, 'fleet' | 'now' | 'sails'>,
  fields: DraftFields,
): Promise<{ ok: true; draft: SailDraft } | { ok: false; error: string }> {
  const fleet = await deps.fleet.list();
  const draft = validateDraft(fields, { now: deps.now(), fleet });
  if (!draft.ok || fields.force) return draft.ok ? { ok: true, draft: draft.value } : draft;
  const vessel = fleet.find((v) => v.id === draft.value.vesselId);
  const place = vessel ? sailingPlace(vessel) : undefined;
  const timing = place?.ok ? computeTiming({ ...draft.value, vessel: place.value }) : undefined;
  if (vessel && timing?.ok) {
    const clashes = await overlapping(deps.sails, { id: '', vesselId: vessel.id, ...timing.value });
    if (clashes.length > 0) {
      return {
        ok: false,
        error: `The vessel ${vessel.name} is already out then: ${clashes.map((c) => `${c.title} (${c.id})`).join(', ')}. Pick another time or vessel, or tick “Create it even if the vessel is already out then”.`,
      };
    }
  }
  return { ok: true, draft: draft.value };
}

/** Creates the sail from its fields, unless its vessel is out then and `force` is not given. */
export async function createSail(
  deps: CreateSailDeps,
  inv: Invocation,
  input: CreateSailInput,
): Promise<Done<CreateSailOutcome>> {
  if (!inv.actor.isAdmin) return only({ kind: 'not_admin', what: 'create sails' });
  const fleet = await deps.fleet.list();
  const checked = validateDraft(input, { now: deps.now(), fleet });
  if (!checked.ok) return only({ kind: 'invalid', message: checked.error });
  const draft = checked.value;
  const vessel = fleet.find((v) => v.id === draft.vesselId);
  if (!vessel) return only({ kind: 'invalid', message: `There is no vessel "${draft.vesselId}".` });
  const place = sailingPlace(vessel);
  if (!place.ok) return only({ kind: 'invalid', message: place.error });
  const timing = computeTiming({ ...draft, vessel: place.value });
  if (!timing.ok) return only({ kind: 'invalid', message: timing.error });
  const clashes = await overlapping(deps.sails, { id: '', vesselId: vessel.id, ...timing.value });
  if (clashes.length > 0 && !input.force) {
    return only({ kind: 'double_booked', vesselName: vessel.name, clashes, draft });
  }
  const created = await deps.sails.create(draft, inv.actor.userId, place.value);
  if (!created.ok) return only({ kind: 'invalid', message: created.error });
  const sail = created.sail;
  return {
    outcome: {
      kind: 'created',
      sail,
      vesselName: vessel.name,
      channel: deps.channel,
      clashes,
      notices: [repeatedHourNotice(sail.date, sail.start, sail.zone)].filter((n): n is string => !!n),
    },
    effects: keyed(inv.change, [
      { type: 'card.post', sailId: sail.id, channel: deps.channel, showNames: true },
    ]),
  };
}

/** A sail lasts at most 12 hours, so anything overlapping departs within 12 hours before this one returns. */
const LONGEST_SAIL_MS = 12 * 3_600_000;

/** Other live sails on the same vessel whose time on the water overlaps `sail`'s. */
export async function overlapping(
  sails: Pick<SailStore, 'upcoming'>,
  sail: Pick<Sail, 'id' | 'vesselId' | 'departAt' | 'returnAt'>,
): Promise<Sail[]> {
  const from = new Date(sail.departAt.getTime() - LONGEST_SAIL_MS);
  const days = (sail.returnAt.getTime() - from.getTime()) / 86_400_000;
  const around = await sails.upcoming({ from, days, includeCancelled: false, limit: 50 });
  return around.filter(
    (s) =>
      s.id !== sail.id &&
      s.vesselId === sail.vesselId &&
      s.departAt.getTime() < sail.returnAt.getTime() &&
      sail.departAt.getTime() < s.returnAt.getTime(),
  );
}
