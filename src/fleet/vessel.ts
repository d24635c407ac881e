/**
 * A vessel of the fleet, as data: what `/fleet` shows and changes, what a sail is planned on. The
 * home port (name, latitude, longitude) is where sunset is computed and the IANA zone is how times
 * are read and shown; a vessel added without them is kept, but takes no sails until they are set.
 * @see ../../../shared/DESIGN.md "Time"
 */
import type { ChecklistItem } from '../sails/checklist';
import { fail, ok, type Result } from '../sails/result';

/** Kinds of vessel; each has its own default pre-departure checklist. */
export const vesselKinds = {
  sailingYacht: 'sailing-yacht',
  motorYacht: 'motor-yacht',
} as const;

/** One of the vessel kinds. */
export type VesselKind = (typeof vesselKinds)[keyof typeof vesselKinds];

/** A place on the water with coordinates in decimal degrees. */
export interface Port {
  name: string;
  lat: number;
  lng: number;
}

/** A vessel Bosun can plan sails for, with who changed it last. */
export interface Vessel {
  /** Lower-case letters, digits and dashes (`jada`, `sea-fever`): what `vessel=` names. */
  id: string;
  name: string;
  kind: VesselKind;
  /** Guests the vessel is certified to carry. */
  guestCapacity: number;
  /** Crew slots besides the captain the vessel can carry. */
  maxCrew: number;
  /** The home port's name, latitude and longitude (all three are needed to plan sails). */
  port?: string | undefined;
  lat?: number | undefined;
  lng?: number | undefined;
  /** IANA zone the vessel's times are read and shown in. */
  zone?: string | undefined;
  /** Where guests and crew meet (dock, slip). */
  meet?: string | undefined;
  parking?: string | undefined;
  /** What guests should bring. */
  bring?: string | undefined;
  /** The pre-departure checklist; ticks are stored by item id. */
  checklist: ChecklistItem[];
  /** Slack user ids DM'd when one of its sails has open roles. */
  regulars: string[];
  /** Slack user ids who may claim Captain; empty means anyone may. */
  captains: string[];
  /**
   * Hours before departure the open-roles reminders go (and uncovered cover requests); absent:
   * the defaults (72, 24, 6). Set with `/fleet set <vessel> reminders=72h,24h,6h`.
   */
  reminders?: number[] | undefined;
  /** A retired vessel takes no new sails; its past and planned sails keep it. */
  retired: boolean;
  /** Seeded by `npm start` as sample data, not entered by anyone. */
  demo: boolean;
  createdBy: string;
  createdAt: Date;
  updatedBy: string;
  updatedAt: Date;
  /** Bumped on every change; a write is conditional on the version read. */
  version: number;
}

/** Where a vessel's sails happen: what timing needs. */
export interface SailingPlace {
  zone: string;
  homePort: Port;
}

/** What a vessel id looks like. */
export const VESSEL_ID = /^[a-z0-9][a-z0-9-]{0,29}$/;

/** Reads a typed vessel id (any case); undefined when it cannot be one. */
export function normalizeVesselId(input: string): string | undefined {
  const id = input.trim().toLowerCase();
  return VESSEL_ID.test(id) ? id : undefined;
}

/** The keys `/fleet set` still needs before the vessel can take sails (empty when it can). */
export function missingForSails(v: Pick<Vessel, 'port' | 'lat' | 'lng' | 'zone'>): string[] {
  return (['port', 'lat', 'lng', 'zone'] as const).filter((k) => v[k] === undefined);
}

/** The vessel's home port and zone, or a sentence saying which keys to set first. */
export function sailingPlace(v: Vessel): Result<SailingPlace> {
  const missing = missingForSails(v);
  if (missing.length > 0 || v.port === undefined || v.lat === undefined || v.lng === undefined || !v.zone) {
    return fail(
      `${v.name} has no home port and time zone yet, so no sail can be planned on it. Set them with \`/fleet set ${v.id} ${missing.map((k) => `${k}=…`).join(' ')}\`, e.g. \`/fleet set ${v.id} port="Shelter Island" lat=32.71 lng=-117.23 zone=America/Los_Angeles\`.`,
    );
  }
  return ok({ zone: v.zone, homePort: { name: v.port, lat: v.lat, lng: v.lng } });
}

/** Whether `userId` may claim Captain on the vessel: anyone, when it lists no captains. */
export function mayCaptain(v: Pick<Vessel, 'captains'>, userId: string): boolean {
  return v.captains.length === 0 || v.captains.includes(userId);
}
