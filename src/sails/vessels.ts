/**
 * The fleet, as data. Each vessel carries its home port (where sunset is computed) and its IANA
 * time zone (how times are shown).
 */
import { fail, ok, type Result } from './result';

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

/** A vessel Bosun can plan sails for. */
export interface Vessel {
  id: string;
  name: string;
  kind: VesselKind;
  homePort: Port;
  /** IANA zone the vessel's times are shown in and fixed start times are read in. */
  zone: string;
  /** Crew slots besides the captain the vessel can carry. */
  maxCrew: number;
  /** Guests the vessel is certified to carry. */
  guestCapacity: number;
  /** Where guests meet the crew, as guests read it in their emails and on their page. */
  meet?: string | undefined;
  /** Where guests park. */
  parking?: string | undefined;
  /** What guests should bring (and leave at home). */
  bring?: string | undefined;
}

/** San Diego, the home port of the fleet. */
export const SAN_DIEGO: Port = { name: 'San Diego', lat: 32.7157, lng: -117.1611 };

/** The vessels Bosun knows, by id. */
export const vessels: Readonly<Record<string, Vessel>> = {
  jada: {
    id: 'jada',
    name: 'JADA',
    kind: vesselKinds.sailingYacht,
    homePort: SAN_DIEGO,
    zone: 'America/Los_Angeles',
    // The contract is "crew 0–20" for JADA; a smaller boat would set its own cap here.
    maxCrew: 20,
    guestCapacity: 12,
    // JADA's slip is at Shelter Island Marina (data/portfolio.yaml, recurring costs).
    meet: 'Shelter Island Marina, 2051 Shelter Island Dr, San Diego: the gate to the guest dock, beside the harbor office. A crew member walks you down to JADA.',
    parking:
      'Free public parking along Shelter Island Dr and in the lot by the fishing pier; the marina lot is for slip holders.',
    bring:
      'Soft-soled shoes, a warm layer for after sunset, sunscreen, a hat and a photo ID. Leave hard suitcases at home.',
  },
};

/** The vessel a sail uses when none is named. */
export const DEFAULT_VESSEL_ID = 'jada';

/** Every known vessel id, in registry order. */
export function vesselIds(): string[] {
  return Object.keys(vessels);
}

/** Looks a vessel up by id (case-insensitive); an unknown id lists the known ones. */
export function findVessel(id: string): Result<Vessel> {
  const vessel = vessels[id.trim().toLowerCase()];
  if (vessel) return ok(vessel);
  return fail(
    `There is no vessel "${id}". Known vessels: ${vesselIds().join(', ')} (e.g. vessel=${DEFAULT_VESSEL_ID}).`,
  );
}

/** The default vessel; the registry always holds it. */
export function defaultVessel(): Vessel {
  const vessel = vessels[DEFAULT_VESSEL_ID];
  if (!vessel) throw new Error(`the vessel registry lacks the default vessel ${DEFAULT_VESSEL_ID}`);
  return vessel;
}
