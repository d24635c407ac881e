/**
 * The fleet as the home and the calendars see it: read from the fleet store (one Query per
 * read), as `HomeVessel`s. A guest's calendar file takes the place the guest lookup joined from
 * the fleet (`GuestSail.place`).
 */
import type { CalendarPlace } from '../calendar/ics';
import type { Vessel } from '../fleet/vessel';
import type { GuestSail } from '../guests/sail-view';
import type { HomeVessel } from './model';

/** Reads the fleet. */
export type FleetSource = () => Promise<HomeVessel[]>;

/** The zone used for a vessel the fleet does not know (sails keep their own zone). */
export const FALLBACK_ZONE = 'America/Los_Angeles';

/** A vessel of the fleet as the home lists it. */
export function homeVessel(v: Vessel): HomeVessel {
  return {
    id: v.id,
    name: v.name,
    kind: v.kind,
    homePort: v.port ?? '',
    zone: v.zone ?? FALLBACK_ZONE,
    guestCapacity: v.guestCapacity,
    maxCrew: v.maxCrew,
    ...(v.meet ? { meetingPlace: v.meet } : {}),
    captains: v.captains,
    retired: v.retired,
  };
}

/** The fleet store as a `FleetSource`. */
export function storedFleet(fleet: { list(): Promise<Vessel[]> }): FleetSource {
  return async () => (await fleet.list()).map(homeVessel);
}

/**
 * Where a sail on this vessel leaves from, for a calendar: its meeting place when the fleet
 * records one, else the vessel and its home port.
 */
export function calendarPlace(vessel: HomeVessel | undefined): CalendarPlace {
  if (!vessel) return { zone: FALLBACK_ZONE };
  return {
    zone: vessel.zone,
    vesselName: vessel.name,
    location: vessel.meetingPlace ?? (vessel.homePort ? `${vessel.name}, ${vessel.homePort}` : vessel.name),
  };
}

/** The same for a guest's sail, from the place its lookup joined from the fleet. */
export function guestCalendarPlace(sail: Pick<GuestSail, 'zone' | 'place'>): CalendarPlace {
  const p = sail.place;
  if (!p?.vesselName) return { zone: sail.zone };
  return {
    zone: sail.zone,
    vesselName: p.vesselName,
    location: p.meet ?? (p.portName ? `${p.vesselName}, ${p.portName}` : p.vesselName),
  };
}
