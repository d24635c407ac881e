/**
 * The fleet as data (admins): list, show (with who changed what and when), add, set, retire, and
 * each vessel's regular crew and captains. Every change is checked whole before one conditional
 * write, and recorded in the vessel's history in the same transaction. A change to what the card
 * shows (name, meeting place) redraws the cards of the vessel's planned sails (effects); sails
 * already planned keep their times when the port or zone changes (`/sail edit` retimes one).
 */
import { type Done, type EffectInput, keyed, only } from '../effects/types';
import {
  applySettings,
  newVesselFields,
  type Setting,
  type VesselChange,
  type VesselFields,
} from '../fleet/settings';
import { missingForSails, normalizeVesselId, VESSEL_ID, type Vessel } from '../fleet/vessel';
import type { Sail } from '../sails/types';
import type { VesselChangeRecord } from '../store/entities';
import type { FleetStore } from '../store/fleet';
import type { SailStore } from '../store/sails';
import type { Invocation, NotAdmin } from './context';

/** What the fleet use cases need. */
export interface FleetDeps {
  fleet: FleetStore;
  /** The vessel's planned sails (a retire lists them; a new name redraws their cards). */
  sails: Pick<SailStore, 'upcoming'>;
}

/** A vessel id that names none. */
export interface NoSuchVessel {
  kind: 'no_such_vessel';
  vesselId: string;
  /** The fleet's ids, to say what exists. */
  known: string[];
}

/** A change that lost a race: someone changed the vessel between the read and the write. */
export interface ChangedMeanwhile {
  kind: 'changed_meanwhile';
  vesselId: string;
}

/** How far ahead a vessel's planned sails are looked for. */
const PLANNED_DAYS = 366;

async function plannedSails(deps: FleetDeps, vesselId: string): Promise<Sail[]> {
  const sails = await deps.sails.upcoming({ days: PLANNED_DAYS, limit: 200, includeCancelled: false });
  return sails.filter((s) => s.vesselId === vesselId);
}

async function findVessel(deps: FleetDeps, typed: string): Promise<Vessel | NoSuchVessel> {
  const id = normalizeVesselId(typed);
  const vessel = id ? await deps.fleet.get(id) : undefined;
  if (vessel) return vessel;
  const known = (await deps.fleet.list()).map((v) => v.id);
  return { kind: 'no_such_vessel', vesselId: typed.trim().slice(0, 40), known };
}

const isMissing = (v: Vessel | NoSuchVessel): v is NoSuchVessel => v.kind === 'no_such_vessel';

/** The whole fleet, retired vessels last. */
export async function listFleet(
  deps: FleetDeps,
  inv: Invocation,
): Promise<NotAdmin | { kind: 'fleet'; vessels: Vessel[] }> {
  if (!inv.actor.isAdmin) return { kind: 'not_admin', what: 'see the fleet' };
  const vessels = await deps.fleet.list();
  return { kind: 'fleet', vessels: [...vessels].sort((a, b) => Number(a.retired) - Number(b.retired)) };
}

/** One vessel with its latest changes. */
export async function showVessel(
  deps: FleetDeps,
  inv: Invocation,
  input: { vesselId: string },
): Promise<NotAdmin | NoSuchVessel | { kind: 'vessel'; vessel: Vessel; history: VesselChangeRecord[] }> {
  if (!inv.actor.isAdmin) return { kind: 'not_admin', what: 'see the fleet' };
  const vessel = await findVessel(deps, input.vesselId);
  if (isMissing(vessel)) return vessel;
  return { kind: 'vessel', vessel, history: await deps.fleet.history(vessel.id, 10) };
}

/** What adding came to. */
export type AddVesselOutcome =
  | NotAdmin
  | { kind: 'invalid'; message: string }
  | { kind: 'exists'; vessel: Vessel }
  | ChangedMeanwhile
  /** `revived`: the id was a retired vessel, now back in service. */
  | { kind: 'added'; vessel: Vessel; revived: boolean; missing: string[] };

/** Adds a vessel (`/fleet add <id> <name…> [key=value…]`), or brings a retired one back. */
export async function addVessel(
  deps: FleetDeps,
  inv: Invocation,
  input: { vesselId: string; name: string; settings: Setting[] },
): Promise<Done<AddVesselOutcome>> {
  if (!inv.actor.isAdmin) return only({ kind: 'not_admin', what: 'change the fleet' });
  const id = normalizeVesselId(input.vesselId);
  if (!id || !VESSEL_ID.test(id)) {
    return only({
      kind: 'invalid',
      message: `"${input.vesselId.slice(0, 40)}" cannot be a vessel id: use lower-case letters, digits and dashes, up to 30 (e.g. sea-fever).`,
    });
  }
  const named: Setting[] = input.name.trim() ? [{ key: 'name', value: input.name }] : [];
  if (named.length === 0 && !input.settings.some((s) => s.key === 'name')) {
    return only({
      kind: 'invalid',
      message: `Give the vessel a name: /fleet add ${id} <name…>, e.g. /fleet add ${id} Sea Fever.`,
    });
  }
  const existing = await deps.fleet.get(id);
  if (existing && !existing.retired) return only({ kind: 'exists', vessel: existing });
  const base: VesselFields = existing ?? newVesselFields('');
  const applied = applySettings(base, [...named, ...input.settings]);
  if (!applied.ok) return only({ kind: 'invalid', message: applied.error });
  const by = inv.actor.userId;
  const changes: VesselChange[] = existing
    ? [{ key: 'retired', from: 'yes', to: 'no' }, ...applied.value.changes]
    : applied.value.changes.map((c) => ({ key: c.key, to: c.to }));
  const written = existing
    ? await deps.fleet.update(
        existing,
        { ...applied.value.fields, retired: false, demo: false },
        { by, action: 'add', changes },
      )
    : await deps.fleet.add(
        {
          id,
          ...applied.value.fields,
          regulars: [],
          captains: [],
          retired: false,
          demo: false,
          createdBy: by,
        },
        { by, action: 'add', changes },
      );
  if (!written.ok) {
    if (written.reason === 'exists') {
      const now = await deps.fleet.get(id);
      if (now) return only({ kind: 'exists', vessel: now });
    }
    return only({ kind: 'changed_meanwhile', vesselId: id });
  }
  return only({
    kind: 'added',
    vessel: written.vessel,
    revived: existing !== undefined,
    missing: missingForSails(written.vessel),
  });
}

/** What a `/fleet set` came to. */
export type SetVesselOutcome =
  | NotAdmin
  | NoSuchVessel
  | ChangedMeanwhile
  | { kind: 'invalid'; vessel: Vessel; message: string }
  | { kind: 'unchanged'; vessel: Vessel }
  | {
      kind: 'updated';
      vessel: Vessel;
      changes: VesselChange[];
      missing: string[];
      /** Planned sails that keep their times although the port or zone changed. */
      keptTimes: Sail[];
    };

/** Keys whose change shows on the sail cards. */
const CARD_KEYS = new Set(['name', 'meet']);
/** Keys whose change would time sails differently. */
const TIMING_KEYS = new Set(['port', 'lat', 'lng', 'zone']);

/** Changes a vessel (`/fleet set <vessel> key=value…`): every value checked before anything is written. */
export async function setVessel(
  deps: FleetDeps,
  inv: Invocation,
  input: { vesselId: string; settings: Setting[] },
): Promise<Done<SetVesselOutcome>> {
  if (!inv.actor.isAdmin) return only({ kind: 'not_admin', what: 'change the fleet' });
  const vessel = await findVessel(deps, input.vesselId);
  if (isMissing(vessel)) return only(vessel);
  const applied = applySettings(vessel, input.settings);
  if (!applied.ok) return only({ kind: 'invalid', vessel, message: applied.error });
  const { fields, changes } = applied.value;
  if (changes.length === 0) return only({ kind: 'unchanged', vessel });
  const by = inv.actor.userId;
  // Once someone sets a demo vessel's details it is theirs, no longer sample data.
  const undemo: VesselChange[] = vessel.demo ? [{ key: 'demo', from: 'yes', to: 'no' }] : [];
  const written = await deps.fleet.update(
    vessel,
    { ...fields, demo: false },
    {
      by,
      action: 'set',
      changes: [...changes, ...undemo],
    },
  );
  if (!written.ok) return only({ kind: 'changed_meanwhile', vesselId: vessel.id });
  const touchesCard = changes.some((c) => CARD_KEYS.has(c.key));
  const touchesTiming = changes.some((c) => TIMING_KEYS.has(c.key));
  const planned = touchesCard || touchesTiming ? await plannedSails(deps, vessel.id) : [];
  const effects: EffectInput[] = touchesCard
    ? planned.map((s) => ({ type: 'card.refresh', sailId: s.id }))
    : [];
  return {
    outcome: {
      kind: 'updated',
      vessel: written.vessel,
      changes,
      missing: missingForSails(written.vessel),
      keptTimes: touchesTiming ? planned : [],
    },
    effects: keyed(inv.change, effects),
  };
}

/** What a retire came to. */
export type RetireVesselOutcome =
  | NotAdmin
  | NoSuchVessel
  | ChangedMeanwhile
  | { kind: 'already_retired'; vessel: Vessel }
  /** `planned`: sails still planned on it, to move (`/sail edit <id> vessel=…`) or cancel. */
  | { kind: 'retired'; vessel: Vessel; planned: Sail[] };

/** Takes a vessel out of service: no new sails; its planned ones are listed to move or cancel. */
export async function retireVessel(
  deps: FleetDeps,
  inv: Invocation,
  input: { vesselId: string },
): Promise<Done<RetireVesselOutcome>> {
  if (!inv.actor.isAdmin) return only({ kind: 'not_admin', what: 'change the fleet' });
  const vessel = await findVessel(deps, input.vesselId);
  if (isMissing(vessel)) return only(vessel);
  if (vessel.retired) return only({ kind: 'already_retired', vessel });
  const written = await deps.fleet.update(
    vessel,
    { retired: true },
    {
      by: inv.actor.userId,
      action: 'retire',
      changes: [{ key: 'retired', from: 'no', to: 'yes' }],
    },
  );
  if (!written.ok) return only({ kind: 'changed_meanwhile', vesselId: vessel.id });
  return only({ kind: 'retired', vessel: written.vessel, planned: await plannedSails(deps, vessel.id) });
}

/** The two people lists a vessel keeps. */
export type CrewList = 'regulars' | 'captains';

/** What a `/fleet regulars` or `/fleet captains` came to. */
export type CrewListOutcome =
  | NotAdmin
  | NoSuchVessel
  | ChangedMeanwhile
  /** Asked with nobody named: the list as it is. */
  | { kind: 'shown'; list: CrewList; vessel: Vessel }
  | { kind: 'unchanged'; list: CrewList; vessel: Vessel }
  | { kind: 'set'; list: CrewList; vessel: Vessel; before: string[] };

/**
 * Sets a vessel's regular crew or captains to exactly `users` (`clear` empties it); with neither,
 * shows the list.
 */
export async function setCrewList(
  deps: FleetDeps,
  inv: Invocation,
  input: { vesselId: string; list: CrewList; users?: string[] | undefined; clear?: boolean | undefined },
): Promise<Done<CrewListOutcome>> {
  if (!inv.actor.isAdmin) return only({ kind: 'not_admin', what: 'change the fleet' });
  const vessel = await findVessel(deps, input.vesselId);
  if (isMissing(vessel)) return only(vessel);
  const { list } = input;
  if (!input.clear && (input.users === undefined || input.users.length === 0)) {
    return only({ kind: 'shown', list, vessel });
  }
  const next = input.clear ? [] : [...new Set(input.users)];
  const before = vessel[list];
  if (next.length === before.length && next.every((u, i) => u === before[i])) {
    return only({ kind: 'unchanged', list, vessel });
  }
  const written = await deps.fleet.update(
    vessel,
    { [list]: next },
    {
      by: inv.actor.userId,
      action: list,
      changes: [{ key: list, from: before.join(' ') || undefined, to: next.join(' ') || undefined }],
    },
  );
  if (!written.ok) return only({ kind: 'changed_meanwhile', vesselId: vessel.id });
  return only({ kind: 'set', list, vessel: written.vessel, before });
}

/**
 * The `/fleet` form's submission: adds the vessel when the id is new (or retired), otherwise sets
 * the keys given (blank fields keep what the vessel has).
 */
export async function saveVessel(
  deps: FleetDeps,
  inv: Invocation,
  input: { vesselId: string; settings: Setting[] },
): Promise<Done<AddVesselOutcome | SetVesselOutcome>> {
  const id = normalizeVesselId(input.vesselId);
  const existing = id ? await deps.fleet.get(id) : undefined;
  if (existing && !existing.retired) return setVessel(deps, inv, input);
  return addVessel(deps, inv, { vesselId: input.vesselId, name: '', settings: input.settings });
}
