/**
 * Sails as iCalendar (RFC 5545), built by `ical-generator`, which handles escaping and line
 * folding. Used for a crew member's subscription feed (`GET /cal/<token>.ics`) and for a guest's
 * "Add to calendar" file (the invitation's attachment and the guest page's download).
 *
 * - One event per sail with a stable UID: `<sailId>.<workspace>@bosun`, or `<sailId>@bosun`
 *   without a workspace. A calendar app updates that event in place.
 * - SEQUENCE is the sail's `version`, which every change to the sail raises, so clients take the
 *   newer copy.
 * - STATUS: CANCELLED for a cancelled sail, TENTATIVE while it is on hold, CONFIRMED otherwise.
 * - DTSTART and DTEND are in UTC (`…Z`), so the file needs no VTIMEZONE.
 * - LOCATION is the meeting place.
 * - A VALARM goes off at crew call (crew) or at the time to be at the dock (guests).
 * @see https://www.rfc-editor.org/rfc/rfc5545
 */
import ical, { ICalAlarmType, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { MailAttachment } from '../mail/types';
import type { SailStatus } from '../sails/types';

/** What an event needs to know about a sail. */
export interface CalendarSail {
  id: string;
  title: string;
  status: SailStatus;
  holdReason?: string | undefined;
  departAt: Date;
  returnAt: Date;
  /** Raised by every change to the sail; becomes SEQUENCE. Absent: 0. */
  version?: number | undefined;
}

/** Where the sail leaves from, for LOCATION and the description. */
export interface CalendarPlace {
  /** The meeting place (dock, slip), or at least the vessel and its port. */
  location?: string | undefined;
  vesselName?: string | undefined;
  /** The IANA zone local times in the description are written in. */
  zone: string;
}

/** One event of a feed. */
export interface CalendarEntry {
  sail: CalendarSail;
  place: CalendarPlace;
  /** The person's role (`Captain`, `Crew 2`), put in the title and description. */
  role?: string | undefined;
  /** When the alarm goes off, and what it says (`Crew call`). */
  alarm?: { at: Date; label: string } | undefined;
  /** Extra lines for the description. */
  notes?: string[] | undefined;
}

/** The stable UID of a sail's event. */
export function sailUid(sailId: string, workspace?: string): string {
  return workspace ? `${sailId}.${workspace}@bosun` : `${sailId}@bosun`;
}

const statusOf: Record<SailStatus, ICalEventStatus> = {
  scheduled: ICalEventStatus.CONFIRMED,
  on_hold: ICalEventStatus.TENTATIVE,
  cancelled: ICalEventStatus.CANCELLED,
};

/** One formatter per zone: building an `Intl.DateTimeFormat` costs far more than using one. */
const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** `5:15 PM PST` in a zone. */
function localTime(at: Date, zone: string): string {
  let format = timeFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hour: 'numeric',
      minute: '2-digit',
      timeZoneName: 'short',
    });
    timeFormats.set(zone, format);
  }
  return format.format(at);
}

function statusLine(sail: CalendarSail): string | undefined {
  if (sail.status === 'cancelled') return 'This sail is cancelled.';
  if (sail.status === 'on_hold')
    return `This sail is on hold${sail.holdReason ? `: ${sail.holdReason}` : '.'}`;
  return undefined;
}

/** Builds a calendar from entries; `method` PUBLISH marks a file to import rather than a feed. */
export function buildCalendar(input: {
  name: string;
  entries: readonly CalendarEntry[];
  workspace?: string | undefined;
  now: Date;
  method?: 'publish' | undefined;
  /** How often a subscribing app should fetch again, in seconds. */
  refreshSeconds?: number | undefined;
}): string {
  const calendar = ical({
    name: input.name,
    prodId: { company: 'Bosun', product: 'Sails', language: 'EN' },
    ...(input.method ? { method: ICalCalendarMethod.PUBLISH } : {}),
    ...(input.refreshSeconds ? { ttl: input.refreshSeconds } : {}),
  });
  for (const entry of input.entries) {
    const { sail, place } = entry;
    const lines = [
      entry.role
        ? `Your role: ${entry.role}${place.vesselName ? ` on ${place.vesselName}` : ''}.`
        : undefined,
      statusLine(sail),
      entry.alarm ? `${entry.alarm.label}: ${localTime(entry.alarm.at, place.zone)}.` : undefined,
      `Departure ${localTime(sail.departAt, place.zone)}, return ${localTime(sail.returnAt, place.zone)}.`,
      ...(entry.notes ?? []),
      `Sail ${sail.id}.`,
    ].filter((l): l is string => Boolean(l));
    calendar.createEvent({
      id: sailUid(sail.id, input.workspace),
      sequence: sail.version ?? 0,
      stamp: input.now,
      start: sail.departAt,
      end: sail.returnAt,
      summary: entry.role ? `${sail.title} (${entry.role})` : sail.title,
      description: lines.join('\n'),
      status: statusOf[sail.status],
      ...(place.location ? { location: place.location } : {}),
      ...(entry.alarm && sail.status !== 'cancelled'
        ? {
            alarms: [
              {
                type: ICalAlarmType.display,
                // Relative to the start, so the alarm moves with the sail when it is edited.
                triggerBefore: Math.max(
                  0,
                  Math.round((sail.departAt.getTime() - entry.alarm.at.getTime()) / 1000),
                ),
                description: `${entry.alarm.label}: ${sail.title}`,
              },
            ],
          }
        : {}),
    });
  }
  return calendar.toString();
}

/** Guests are asked to be at the dock this many minutes before departure (as on their page). */
export const GUEST_ALARM_MINUTES = 30;

/**
 * A guest's "Add to calendar" file for one sail: the same event (UID, SEQUENCE, STATUS) as the
 * crew's feed, with an alarm at the time to be at the dock. `METHOD:PUBLISH`, so mail clients
 * offer to add it rather than treating it as a meeting request.
 */
export function icsForGuestSail(
  sail: CalendarSail,
  place: CalendarPlace,
  opts: { workspace?: string | undefined; now?: Date | undefined } = {},
): string {
  const meet = new Date(sail.departAt.getTime() - GUEST_ALARM_MINUTES * 60_000);
  return buildCalendar({
    name: sail.title,
    entries: [{ sail, place, alarm: { at: meet, label: 'Be at the dock' } }],
    workspace: opts.workspace,
    now: opts.now ?? new Date(),
    method: 'publish',
  });
}

/** The file name of a guest's calendar file. */
export function guestIcsFilename(sail: Pick<CalendarSail, 'id'>): string {
  return `sail-${sail.id}.ics`;
}

/** The media type of `.ics` content. */
export const ICS_CONTENT_TYPE = 'text/calendar; charset=utf-8';

/**
 * The guest's `.ics` as a mail attachment ("Add to calendar"): `method=PUBLISH` in the media type
 * as in the file, so mail clients offer to add the event.
 */
export function guestIcsAttachment(
  sail: CalendarSail,
  place: CalendarPlace,
  opts: { workspace?: string | undefined; now?: Date | undefined } = {},
): MailAttachment {
  return {
    filename: guestIcsFilename(sail),
    content: icsForGuestSail(sail, place, opts),
    contentType: `${ICS_CONTENT_TYPE}; method=PUBLISH`,
  };
}
