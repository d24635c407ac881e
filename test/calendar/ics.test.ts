/**
 * The iCalendar text Bosun writes (with ical-generator), read back by an independent parser
 * (ical.js): every field a calendar app uses, escaping and folding of awkward text, and the guest's
 * file as a mail attachment.
 */
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import {
  buildCalendar,
  type CalendarSail,
  guestIcsAttachment,
  icsForGuestSail,
  sailUid,
} from '../../src/calendar/ics';
import { composeRaw } from '../../src/mail/ses-mailer';
import { parseIcs } from '../support/ical';

const sail: CalendarSail = {
  id: 'S-7K2M9Q',
  title: 'Sunset; lights, “stars” & <b>bold</b>\\ and a title long enough to need folding at 75 octets ✓✓✓',
  status: 'scheduled',
  departAt: new Date('2026-12-12T23:00:00Z'),
  returnAt: new Date('2026-12-13T01:30:00Z'),
  version: 4,
};
const place = {
  zone: 'America/Los_Angeles',
  vesselName: 'JADA',
  location: 'Harbor Island West Marina, dock C; slip 27',
};
const NOW = new Date('2026-12-01T20:00:00Z');

describe('buildCalendar, read back by ical.js', () => {
  const text = buildCalendar({
    name: 'Bosun: my sails',
    entries: [
      {
        sail,
        place,
        role: 'Crew 2',
        alarm: { at: new Date('2026-12-12T22:15:00Z'), label: 'Crew call' },
      },
    ],
    workspace: 'T0LOCAL',
    now: NOW,
    refreshSeconds: 3600,
  });

  it('parses, with one event carrying the sail’s fields', () => {
    const cal = parseIcs(text);
    expect(cal.name).toBe('Bosun: my sails');
    expect(cal.events).toHaveLength(1);
    const [e] = cal.events;
    expect(e?.uid).toBe(sailUid(sail.id, 'T0LOCAL'));
    expect(e?.sequence).toBe(4);
    expect(e?.status).toBe('CONFIRMED');
    expect(e?.summary).toBe(`${sail.title} (Crew 2)`);
    expect(e?.location).toBe(place.location);
    expect(e?.start.toISOString()).toBe('2026-12-12T23:00:00.000Z');
    expect(e?.end.toISOString()).toBe('2026-12-13T01:30:00.000Z');
    expect(e?.startIsUtc).toBe(true);
    expect(e?.description).toContain('Crew call: 2:15 PM PST');
    expect(e?.alarms).toEqual([
      { action: 'DISPLAY', triggerSeconds: -45 * 60, description: `Crew call: ${sail.title}` },
    ]);
  });

  it('writes RFC 5545 lines: CRLF, at most 75 octets, times in UTC, no VTIMEZONE', () => {
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    const lines = text.split('\r\n');
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(lines.some((l) => l.startsWith(' '))).toBe(true);
    expect(text).toContain('DTSTART:20261212T230000Z');
    expect(text).not.toContain('VTIMEZONE');
  });

  it('marks a held sail tentative and a cancelled one cancelled, without an alarm', () => {
    const entry = (s: CalendarSail) => ({ sail: s, place, alarm: { at: s.departAt, label: 'Crew call' } });
    const cal = parseIcs(
      buildCalendar({
        name: 'x',
        entries: [
          entry({ ...sail, id: 'S-HELD00', status: 'on_hold', holdReason: 'Small craft advisory' }),
          entry({ ...sail, id: 'S-GONE00', status: 'cancelled' }),
        ],
        now: NOW,
      }),
    );
    expect(cal.events.map((e) => [e.uid, e.status, e.alarms.length])).toEqual([
      ['S-HELD00@bosun', 'TENTATIVE', 1],
      ['S-GONE00@bosun', 'CANCELLED', 0],
    ]);
    expect(cal.events[0]?.description).toContain('on hold: Small craft advisory');
  });
});

describe('the guest’s “Add to calendar” file', () => {
  it('is one PUBLISH event with an alarm 30 minutes before departure', () => {
    const cal = parseIcs(icsForGuestSail(sail, place, { workspace: 'T0LOCAL', now: NOW }));
    expect(cal.method).toBe('PUBLISH');
    expect(cal.events).toHaveLength(1);
    expect(cal.events[0]).toMatchObject({
      uid: sailUid(sail.id, 'T0LOCAL'),
      sequence: 4,
      summary: sail.title,
      location: place.location,
      alarms: [{ triggerSeconds: -30 * 60 }],
    });
  });

  it('travels as a text/calendar attachment that mail readers see whole', async () => {
    const { raw } = await composeRaw('bosun@example.com', {
      to: ['guest@example.com'],
      subject: 'You are invited',
      text: 'See you aboard',
      html: '<p>See you aboard</p>',
      attachments: [guestIcsAttachment(sail, place, { workspace: 'T0LOCAL', now: NOW })],
    });
    const mail = await simpleParser(raw);
    expect(mail.attachments).toHaveLength(1);
    const [a] = mail.attachments;
    expect(a?.filename).toBe('sail-S-7K2M9Q.ics');
    expect(a?.contentType).toBe('text/calendar');
    expect(parseIcs(a?.content.toString('utf8') ?? '').events[0]?.summary).toBe(sail.title);
    expect(mail.text?.trim()).toBe('See you aboard');
  });
});
