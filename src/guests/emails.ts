/**
 * The guest emails: the invitation (with the magic link) and the copy of a signed waiver. Templates
 * live in `templates/email/` as HTML and text, filled by `fillTemplate` (`{{name}}` escaped in HTML,
 * `{{{name}}}` for HTML this module built and escaped). They carry their own fluid layout rather than
 * the 600 px report layout, since guests read them on phones.
 */

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { guestIcsAttachment } from '../calendar/ics';
import { escapeHtml, fillTemplate } from '../mail/template';
import type { OutgoingMail } from '../mail/types';
import type { SailChange } from '../sails/sail';
import type { Guest } from './guest';
import { type Arrival, type GuestSail, localDateTimeLabel, type SailPlace, sailView } from './sail-view';
import { loadWaiverLibrary, type WaiverLibrary, type WaiverText } from './waiver';

/** One email template in both forms. */
export interface MailTemplate {
  html: string;
  text: string;
}

/** The guest emails' templates. */
export interface GuestEmailTemplates {
  invite: MailTemplate;
  waiverCopy: MailTemplate;
  /** A sail put on hold, back on, or cancelled. */
  sailStatus: MailTemplate;
}

/** Everything the guest flows read from `templates/`. */
export interface GuestTemplates {
  waivers: WaiverLibrary;
  emails: GuestEmailTemplates;
}

async function loadPair(dir: string, name: string): Promise<MailTemplate> {
  const [html, text] = await Promise.all([
    readFile(join(dir, `${name}.html`), 'utf8'),
    readFile(join(dir, `${name}.txt`), 'utf8'),
  ]);
  return { html, text };
}

/** Reads the waiver texts and guest email templates under a `templates/` directory. */
export async function loadGuestTemplates(templatesDir: string): Promise<GuestTemplates> {
  const emailDir = join(templatesDir, 'email');
  const [waivers, invite, waiverCopy, sailStatus] = await Promise.all([
    loadWaiverLibrary(join(templatesDir, 'waivers')),
    loadPair(emailDir, 'invite'),
    loadPair(emailDir, 'waiver-copy'),
    loadPair(emailDir, 'sail-status'),
  ]);
  return { waivers, emails: { invite, waiverCopy, sailStatus } };
}

/** Turns a waiver's markdown-ish text (`#` headings, blank-line paragraphs) into escaped HTML. */
export function waiverTextHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => {
      const heading = /^(#{1,3})\s+(.*)$/s.exec(block);
      if (heading) {
        const level = Math.min(4, (heading[1]?.length ?? 1) + 1);
        return `<h${level}>${escapeHtml(heading[2] ?? '')}</h${level}>`;
      }
      return `<p>${escapeHtml(block).replace(/\n/g, '<br>')}</p>`;
    })
    .join('\n');
}

const arrivalLabels: Record<keyof Arrival, string> = {
  meet: 'Where to meet',
  parking: 'Parking',
  bring: 'What to bring',
  note: 'Note',
};

/** The arrival block in plain text (one `Label: text` line each), or nothing. */
export function arrivalText(arrival: Arrival): string {
  const lines = (Object.keys(arrivalLabels) as (keyof Arrival)[]).flatMap((k) =>
    arrival[k] ? [`${arrivalLabels[k]}: ${arrival[k]}`] : [],
  );
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/** The arrival block as escaped HTML, or nothing. */
export function arrivalHtml(arrival: Arrival): string {
  const rows = (Object.keys(arrivalLabels) as (keyof Arrival)[]).flatMap((k) =>
    arrival[k]
      ? [
          `<p style="margin:0 0 8px;font-size:15px;line-height:1.5;"><strong>${arrivalLabels[k]}:</strong> ${escapeHtml(arrival[k] ?? '')}</p>`,
        ]
      : [],
  );
  return rows.length ? `<div style="margin:0 0 16px;">${rows.join('')}</div>` : '';
}

/** The values every guest email shares: the sail, its times and how to get there. */
export function sailVars(sail: GuestSail, place: SailPlace): Record<string, string> {
  const view = sailView(sail, place);
  const time = (key: string) => view.times.find((t) => t.key === key)?.local ?? '';
  return {
    arrivalText: arrivalText(view.arrival),
    arrivalHtml: arrivalHtml(view.arrival),
    sailTitle: view.title,
    // Who signs the email: the portfolio's brand, or the vessel's crew when none is imported.
    brand: view.brand ?? (view.vesselName ? `The crew of ${view.vesselName}` : 'The crew'),
    dateLabel: view.dateLabel,
    zoneLabel: view.zoneLabel,
    vesselName: view.vesselName ?? 'the vessel',
    meet: time('meet'),
    departure: time('departure'),
    sunset: time('sunset'),
    returnTime: time('return'),
    statusLine: view.status === 'confirmed' ? '' : view.statusMessage,
  };
}

/** The invitation (or a fresh link) for a guest. */
export function inviteEmail(input: {
  templates: GuestEmailTemplates;
  sail: GuestSail;
  place: SailPlace;
  guest: Guest;
  link: string;
  expiresAt: Date;
  resent: boolean;
  /** Sent by the crew at the dock to a guest who arrived without signing. */
  dock?: boolean | undefined;
  /** The workspace, for the calendar event's UID (the same event the guest page's file has). */
  workspace?: string | undefined;
}): OutgoingMail {
  const { templates, sail, place, guest, link, expiresAt, resent } = input;
  const vars: Record<string, string> = {
    ...sailVars(sail, place),
    guestName: guest.name,
    link,
    expiresLabel: localDateTimeLabel(expiresAt, place.zone),
    intro: input.dock
      ? 'The crew at the dock sent you this link: open it on your phone and sign the waiver before you board. It takes a minute.'
      : resent
        ? 'Here is a new link to your sail page. Earlier links no longer work.'
        : 'You are invited aboard! Your sail page has the times and the waiver to sign before we leave the dock.',
  };
  return {
    to: [guest.email],
    subject: input.dock
      ? `Sign your waiver to board: ${sail.title}`
      : resent
        ? `Your new link for ${sail.title}`
        : `You're invited: ${sail.title} on ${sailView(sail, place).dateLabel}`,
    html: fillTemplate(templates.invite.html, vars, 'html'),
    text: fillTemplate(templates.invite.text, vars, 'text'),
    // "Add to calendar": the sail as an .ics file (not at the dock, where it is about to leave).
    ...(input.dock
      ? {}
      : {
          attachments: [
            guestIcsAttachment(
              sail,
              { location: place.meet ?? place.vesselName, vesselName: place.vesselName, zone: place.zone },
              { workspace: input.workspace },
            ),
          ],
        }),
  };
}

/** The signer's copy of what they signed. */
export function waiverCopyEmail(input: {
  templates: GuestEmailTemplates;
  sail: GuestSail;
  place: SailPlace;
  guest: Guest;
  waiver: WaiverText;
  signed: {
    signedName: string;
    signedAt: string;
    minors: { fullName: string; birthDate: string }[];
  };
}): OutgoingMail {
  const { templates, sail, place, guest, waiver, signed } = input;
  const minorsText =
    signed.minors.length === 0
      ? 'None'
      : signed.minors.map((m) => `- ${m.fullName} (born ${m.birthDate})`).join('\n');
  const minorsHtml =
    signed.minors.length === 0
      ? '<p>None</p>'
      : `<ul>${signed.minors.map((m) => `<li>${escapeHtml(m.fullName)} (born ${escapeHtml(m.birthDate)})</li>`).join('')}</ul>`;
  const vars = {
    ...sailVars(sail, place),
    guestName: guest.name,
    signedName: signed.signedName,
    signedAtLabel: localDateTimeLabel(new Date(signed.signedAt), place.zone),
    version: waiver.version,
    sha256: waiver.sha256,
    minorsText,
    minorsHtml,
    waiverText: waiver.text,
    waiverHtml: waiverTextHtml(waiver.text),
  };
  return {
    to: [guest.email],
    subject: `Your signed waiver: ${sail.title}`,
    html: fillTemplate(templates.waiverCopy.html, vars, 'html'),
    text: fillTemplate(templates.waiverCopy.text, vars, 'text'),
  };
}

/** The status changes guests are told about: on hold, back on (`scheduled`), cancelled. */
export type SailStatusChange = 'on_hold' | 'scheduled' | 'cancelled';

const statusWording = {
  on_hold: {
    subject: 'On hold',
    headline: 'Your sail is on hold',
    color: '#8a4b00',
    message:
      'Your sail is on hold for now. Please keep the time free: we will email you as soon as it is back on, or if it has to be cancelled.',
  },
  scheduled: {
    subject: 'Back on',
    headline: 'Your sail is back on',
    color: '#17703a',
    message: 'Good news: your sail is back on, at the times below.',
  },
  uncancelled: {
    subject: 'Back on',
    headline: 'Your sail is back on',
    color: '#17703a',
    message:
      'Good news: the sail that was cancelled is going ahead after all, at the times below. We hope you can still join us.',
  },
  cancelled: {
    subject: 'Cancelled',
    headline: 'Your sail is cancelled',
    color: '#a61b1b',
    message:
      'We are sorry: this sail has been cancelled. You no longer need to keep the time free; the crew will be in touch.',
  },
} as const;

/** Tells a guest their sail is on hold (with the reason), back on, or cancelled. */
export function sailStatusEmail(input: {
  templates: GuestEmailTemplates;
  sail: GuestSail;
  place: SailPlace;
  guest: Guest;
  to: SailStatusChange;
  /** `cancelled` with `to: 'scheduled'`: the sail was uncancelled. */
  from?: SailStatusChange | undefined;
  reason?: string | undefined;
}): OutgoingMail {
  const { templates, sail, place, guest, to } = input;
  const wording = statusWording[to === 'scheduled' && input.from === 'cancelled' ? 'uncancelled' : to];
  const reason = to === 'on_hold' || to === 'cancelled' ? input.reason?.trim() : undefined;
  const footnote =
    to === 'cancelled'
      ? 'You do not need to do anything.'
      : guest.status === 'signed'
        ? 'Your waiver is signed, so your seat is kept for you.'
        : 'Your seat is on hold until you sign the waiver: open the link from your invitation (if it no longer works, the page lets you email yourself a new one).';
  const vars: Record<string, string> = {
    ...sailVars(sail, place),
    guestName: guest.name,
    headline: wording.headline,
    headlineColor: wording.color,
    message: wording.message,
    reasonHtml: reason
      ? `<p style="margin:0 0 16px;font-size:16px;line-height:1.5;color:#8a4b00;">Reason: ${escapeHtml(reason)}</p>`
      : '',
    reasonText: reason ? `Reason: ${reason}\n` : '',
    footnote,
  };
  return {
    to: [guest.email],
    subject: `${wording.subject}: ${sail.title} on ${sailView(sail, place).dateLabel}`,
    html: fillTemplate(templates.sailStatus.html, vars, 'html'),
    text: fillTemplate(templates.sailStatus.text, vars, 'text'),
  };
}

/** How an edited field reads in a guest's email. */
const changeLabels: Record<SailChange['field'], string> = {
  date: 'Date',
  start: 'Start',
  departure: 'Departure',
  return: 'Return',
  duration: 'Length',
  vessel: 'Vessel',
  crew: 'Crew',
  guests: 'Guest seats',
  title: 'Name',
};

/** A change's value as a guest reads it: instants in the sail's zone, minutes as hours. */
function changeValue(c: SailChange, value: string, zone: string): string {
  if (c.field === 'departure' || c.field === 'return') return localDateTimeLabel(new Date(value), zone);
  if (c.field === 'duration') {
    const m = Number(value);
    return `${Math.floor(m / 60) ? `${Math.floor(m / 60)} h ` : ''}${m % 60 ? `${m % 60} min` : ''}`.trim();
  }
  if (c.field === 'start' && value === 'sunset') return 'timed around sunset';
  return value;
}

/** The changes a guest is told about (when and where), old → new. */
export function guestChangeLines(changes: readonly SailChange[], zone: string): string[] {
  return changes
    .filter((c) => c.field !== 'crew' && c.field !== 'guests' && c.field !== 'start')
    .map((c) => `${changeLabels[c.field]}: ${changeValue(c, c.from, zone)} → ${changeValue(c, c.to, zone)}`);
}

/** Tells a guest what an edit changed (old → new), with the sail's times as they are now. */
export function sailChangedEmail(input: {
  templates: GuestEmailTemplates;
  sail: GuestSail;
  place: SailPlace;
  guest: Guest;
  changes: readonly SailChange[];
}): OutgoingMail {
  const { templates, sail, place, guest } = input;
  const lines = guestChangeLines(input.changes, place.zone);
  const vars: Record<string, string> = {
    ...sailVars(sail, place),
    guestName: guest.name,
    headline: 'Your sail has changed',
    headlineColor: '#0b5394',
    message: 'The plan for your sail has changed. What changed:',
    reasonHtml: `<ul style="margin:0 0 16px;font-size:16px;line-height:1.5;">${lines
      .map((l) => `<li>${escapeHtml(l)}</li>`)
      .join('')}</ul>`,
    reasonText: `${lines.map((l) => `  - ${l}`).join('\n')}\n`,
    footnote:
      guest.status === 'signed'
        ? 'Your waiver is signed, so your seat is kept for you. If the new plan does not suit you, reply to let us know.'
        : 'Your seat is on hold until you sign the waiver: open the link from your invitation (if it no longer works, the page lets you email yourself a new one).',
  };
  return {
    to: [guest.email],
    subject: `Changed: ${sail.title} on ${sailView(sail, place).dateLabel}`,
    html: fillTemplate(templates.sailStatus.html, vars, 'html'),
    text: fillTemplate(templates.sailStatus.text, vars, 'text'),
  };
}
