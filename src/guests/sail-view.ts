/**
 * What a guest sees of a sail: title, date, the timing panel (meet, departure, sunset, return) in
 * the vessel's zone as ISO instants plus preformatted local strings, and the status in words.
 * Built from any sail that has these fields (the sail store's `Sail` does).
 */
import type { Guest } from './guest';
import type { WaiverText } from './waiver';

/** Guests are asked to arrive this many minutes before departure (crew call is earlier, for crew). */
export const GUEST_MEET_MINUTES = 30;

/** The fields of a sail the guest pages and emails use. */
export interface GuestSail {
  id: string;
  title: string;
  /** Local date in the vessel's zone, `YYYY-MM-DD`. */
  date: string;
  vesselId: string;
  status: 'scheduled' | 'on_hold' | 'cancelled';
  holdReason?: string | undefined;
  cancelReason?: string | undefined;
  /** The zone its times are shown in (its vessel's when it was planned). */
  zone: string;
  departAt: Date;
  sunsetAt: Date;
  returnAt: Date;
  guestCapacity: number;
  /** The vessel's name and places from the fleet, joined by the lookup (`guestSailLookup`). */
  place?: SailPlace | undefined;
}

/** Finds a sail by id for the guest flows (the app adapts its sail store with `guestSailLookup`). */
export interface GuestSailLookup {
  get(id: string): Promise<GuestSail | undefined>;
}

/**
 * Where and how a sail happens: the vessel's IANA zone and display name, and what a guest needs to
 * arrive. Injected as `placeOf(sail)` (the fleet's data), never read from code by the flows.
 */
export interface SailPlace {
  zone: string;
  vesselName?: string | undefined;
  /** Where to meet the crew. */
  meet?: string | undefined;
  /** Where to park. */
  parking?: string | undefined;
  /** What to bring. */
  bring?: string | undefined;
  /** A note for this sail alone, shown after the vessel's own directions. */
  note?: string | undefined;
  /** The home port's name, for "Times are San Diego time". */
  portName?: string | undefined;
  /** The business guests sail with (the portfolio's `brand`), for the page and the emails' sign-off. */
  brand?: string | undefined;
}

/** What a guest needs to arrive, as shown on the page and in every guest email. */
export interface Arrival {
  meet?: string | undefined;
  parking?: string | undefined;
  bring?: string | undefined;
  note?: string | undefined;
}

/** The arrival part of a place (only what is set). */
export function arrivalOf(place: SailPlace): Arrival {
  const out: Arrival = {};
  for (const k of ['meet', 'parking', 'bring', 'note'] as const) {
    const v = place[k]?.trim();
    if (v) out[k] = v;
  }
  return out;
}

/** The place of a sail and its vessel as the fleet has it (the vessel may be gone). */
export function placeOfVessel(
  sail: Pick<GuestSail, 'zone'>,
  vessel:
    | {
        name: string;
        port?: string | undefined;
        meet?: string | undefined;
        parking?: string | undefined;
        bring?: string | undefined;
      }
    | undefined,
): SailPlace {
  if (!vessel) return { zone: sail.zone };
  return {
    zone: sail.zone,
    vesselName: vessel.name,
    ...(vessel.port ? { portName: vessel.port } : {}),
    ...(vessel.meet ? { meet: vessel.meet } : {}),
    ...(vessel.parking ? { parking: vessel.parking } : {}),
    ...(vessel.bring ? { bring: vessel.bring } : {}),
  };
}

/** One line of the timing panel. */
export interface TimeEntry {
  key: 'meet' | 'departure' | 'sunset' | 'return';
  label: string;
  at: string;
  /** `6:15 PM PDT` in the vessel's zone (`guestTime`). */
  local: string;
}

/** The status shown to guests. */
export type GuestFacingStatus = 'confirmed' | 'on_hold' | 'cancelled';

/** The sail part of `GET /api/guest`. */
export interface SailView {
  /** The business guests sail with, when the portfolio names it. */
  brand?: string | undefined;
  id: string;
  title: string;
  date: string;
  /** `Saturday, June 20, 2026`. */
  dateLabel: string;
  zone: string;
  /** `PDT`. */
  zoneLabel: string;
  vesselName?: string | undefined;
  /** "Times are San Diego time": the home port's name, when the fleet has it. */
  portName?: string | undefined;
  status: GuestFacingStatus;
  holdReason?: string | undefined;
  cancelReason?: string | undefined;
  statusMessage: string;
  times: TimeEntry[];
  /** Meeting place, parking, what to bring. */
  arrival: Arrival;
}

/** The whole body of `GET /api/guest`. */
export interface GuestView {
  sail: SailView;
  guest: {
    id: string;
    name: string;
    status: Guest['status'];
    statusMessage: string;
    signedAt?: string | undefined;
    signedAtLabel?: string | undefined;
    signedName?: string | undefined;
  };
  waiver: { version: string; text: string; sha256: string };
  /** Today in the vessel's zone, `YYYY-MM-DD`, for the form's birth-date checks. */
  today: string;
}

/** `6:15 PM` at an instant in a zone. */
export function localTime(at: Date, zone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone: zone, hour: 'numeric', minute: '2-digit' }).format(at);
}

/**
 * `2:45 PM PST`: the one way a time is written in every guest text (page, invitation, reminders,
 * status emails, the waiver copy).
 */
export function guestTime(at: Date, zone: string): string {
  return `${localTime(at, zone)} ${zoneLabel(at, zone)}`;
}

/** `Saturday, June 20, 2026` at an instant in a zone. */
export function localDateLabel(at: Date, zone: string): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  }).format(at);
}

/** `Saturday, June 20, 2026 at 6:15 PM PDT`. */
export function localDateTimeLabel(at: Date, zone: string): string {
  return `${localDateLabel(at, zone)} at ${localTime(at, zone)} ${zoneLabel(at, zone)}`;
}

/** The zone's short name at an instant (`PDT`, `PST`). */
export function zoneLabel(at: Date, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'short' }).formatToParts(at);
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? zone;
}

/** `YYYY-MM-DD` of an instant in a zone. */
export function localIsoDate(at: Date, zone: string): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

/** The timing panel's lines, in order; a time on a later local day than departure says so. */
export function timingPanel(sail: GuestSail, zone: string): TimeEntry[] {
  const meet = new Date(sail.departAt.getTime() - GUEST_MEET_MINUTES * 60_000);
  const departDay = localIsoDate(sail.departAt, zone);
  const entry = (key: TimeEntry['key'], label: string, at: Date): TimeEntry => {
    const days = Math.round((Date.parse(localIsoDate(at, zone)) - Date.parse(departDay)) / 86_400_000);
    return {
      key,
      label,
      at: at.toISOString(),
      local: `${guestTime(at, zone)}${days > 0 ? ` (+${days} day${days === 1 ? '' : 's'})` : ''}`,
    };
  };
  return [
    entry('meet', 'Meet at the dock', meet),
    entry('departure', 'Departure', sail.departAt),
    entry('sunset', 'Sunset', sail.sunsetAt),
    entry('return', 'Return', sail.returnAt),
  ];
}

/** The sail as a guest sees it. */
export function sailView(sail: GuestSail, place: SailPlace): SailView {
  const status: GuestFacingStatus =
    sail.status === 'cancelled' ? 'cancelled' : sail.status === 'on_hold' ? 'on_hold' : 'confirmed';
  const statusMessage =
    status === 'cancelled'
      ? `This sail has been cancelled${sail.cancelReason ? `: ${sail.cancelReason}.` : '.'} We are sorry — the crew will be in touch.`
      : status === 'on_hold'
        ? `This sail is on hold${sail.holdReason ? `: ${sentence(sail.holdReason)}` : '.'} We will email you when it is confirmed.`
        : 'This sail is confirmed.';
  return {
    id: sail.id,
    title: sail.title,
    date: sail.date,
    dateLabel: localDateLabel(sail.departAt, place.zone),
    zone: place.zone,
    zoneLabel: zoneLabel(sail.departAt, place.zone),
    vesselName: place.vesselName,
    portName: place.portName,
    brand: place.brand,
    status,
    holdReason: sail.status === 'on_hold' ? sail.holdReason : undefined,
    cancelReason: sail.status === 'cancelled' ? sail.cancelReason : undefined,
    statusMessage,
    times: timingPanel(sail, place.zone),
    arrival: arrivalOf(place),
  };
}

/** Text ending in a full stop, so the next sentence does not run into it. */
function sentence(text: string): string {
  const t = text.trim();
  return /[.!?…]["'”’)]*$/.test(t) ? t : `${t}.`;
}

/** The full guest view: sail, the guest's own status, and the waiver to sign. */
export function guestView(input: {
  sail: GuestSail;
  place: SailPlace;
  guest: Guest;
  waiver: WaiverText;
  now: Date;
}): GuestView {
  const { sail, place, guest, waiver, now } = input;
  const signedAt = guest.signedAt ? new Date(guest.signedAt) : undefined;
  return {
    sail: sailView(sail, place),
    guest: {
      id: guest.id,
      name: guest.name,
      status: guest.status,
      statusMessage: signedAt
        ? `Waiver signed on ${localDateTimeLabel(signedAt, place.zone)}${guest.signedName ? ` by ${guest.signedName}` : ''}. ${
            sail.status === 'cancelled'
              ? 'The sail has since been cancelled.'
              : sail.status === 'on_hold'
                ? 'Your seat is kept for you while the sail is on hold.'
                : 'Your seat is confirmed.'
          }`
        : 'Your seat is on hold until you sign the waiver below.',
      signedAt: guest.signedAt,
      signedAtLabel: signedAt ? localDateTimeLabel(signedAt, place.zone) : undefined,
      signedName: guest.signedName,
    },
    waiver: { version: waiver.version, text: waiver.text, sha256: waiver.sha256 },
    today: localIsoDate(now, place.zone),
  };
}
