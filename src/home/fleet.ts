/**
 * The fleet as the home and the calendars see it. Until the fleet lives in the table, it comes
 * from the registry in `sails/vessels.ts`; `app.ts` injects `registryFleet`. The fleet store
 * replaces it by injecting its own `() => Promise<HomeVessel[]>`, and nothing else changes.
 */
import type { CalendarPlace } from '../calendar/ics';
import { vessels } from '../sails/vessels';
import type { HomeVessel } from './model';

/** Reads the fleet (one Query once it is stored; the registry needs none). */
export type FleetSource = () => Promise<HomeVessel[]>;

/** The zone used for a vessel the fleet does not know (the fleet's home, San Diego). */
export const FALLBACK_ZONE = 'America/Los_Angeles';

/** The vessels of the code registry, as the home lists them. */
export const registryFleet: FleetSource = async () =>
  Object.values(vessels).map((v) => ({
    id: v.id,
    name: v.name,
    kind: v.kind,
    homePort: v.homePort.name,
    zone: v.zone,
    guestCapacity: v.guestCapacity,
    maxCrew: v.maxCrew,
  }));

/**
 * Where a sail on this vessel leaves from, for a calendar: its meeting place when the fleet
 * records one, else the vessel and its home port.
 */
export function calendarPlace(vessel: HomeVessel | undefined): CalendarPlace {
  if (!vessel) return { zone: FALLBACK_ZONE };
  return {
    zone: vessel.zone,
    vesselName: vessel.name,
    location: vessel.meetingPlace ?? `${vessel.name}, ${vessel.homePort}`,
  };
}

/** The same, looked up in the registry by vessel id (for callers that have no fleet list). */
export function registryCalendarPlace(vesselId: string): CalendarPlace {
  const v = vessels[vesselId];
  return calendarPlace(
    v && {
      id: v.id,
      name: v.name,
      homePort: v.homePort.name,
      zone: v.zone,
      guestCapacity: v.guestCapacity,
      maxCrew: v.maxCrew,
    },
  );
}
