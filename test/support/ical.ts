/**
 * Reads iCalendar text with ical.js (Mozilla's parser), independent of `ical-generator` which
 * writes it: what the tests check is what a calendar app would read.
 */
import ICAL from 'ical.js';

/** One VEVENT as a calendar app reads it. */
export interface ParsedEvent {
  uid: string;
  sequence: number;
  status: string;
  summary: string;
  location: string | undefined;
  description: string;
  start: Date;
  end: Date;
  /** DTSTART written in UTC (`…Z`). */
  startIsUtc: boolean;
  alarms: { action: string; triggerSeconds: number; description: string }[];
}

/** A parsed calendar. */
export interface ParsedCalendar {
  method: string | undefined;
  name: string | undefined;
  events: ParsedEvent[];
}

const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

/** Parses a whole `.ics` text; throws when ical.js cannot read it. */
export function parseIcs(text: string): ParsedCalendar {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents('vevent').map((vevent): ParsedEvent => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      sequence: event.sequence,
      status: str(vevent.getFirstPropertyValue('status')),
      summary: event.summary,
      location: event.location || undefined,
      description: event.description,
      start: event.startDate.toJSDate(),
      end: event.endDate.toJSDate(),
      startIsUtc: event.startDate.zone?.tzid === 'UTC',
      alarms: vevent.getAllSubcomponents('valarm').map((alarm) => {
        const trigger = alarm.getFirstPropertyValue('trigger');
        return {
          action: str(alarm.getFirstPropertyValue('action')),
          triggerSeconds: trigger instanceof ICAL.Duration ? trigger.toSeconds() : Number.NaN,
          description: str(alarm.getFirstPropertyValue('description')),
        };
      }),
    };
  });
  const method = calendar.getFirstPropertyValue('method');
  const name = calendar.getFirstPropertyValue('x-wr-calname');
  return { method: method ? str(method) : undefined, name: name ? str(name) : undefined, events };
}
