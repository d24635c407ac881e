/**
 * The waiver reminder a nudge sends an unsigned guest: plain text and HTML, every value escaped,
 * times written as in every guest text (`2:45 PM PST`), with how to get to the dock.
 */
import { escapeHtml } from '../mail/template';
import type { Sail } from '../sails/types';
import { arrivalHtml, arrivalText } from './emails';
import { vesselPlace } from './invite';
import { guestTime, localDateLabel, localDateTimeLabel, type SailPlace, sailView } from './sail-view';

/** The waiver reminder email with a fresh magic link; `place` defaults to what the lookup joined from the fleet. */
export function waiverReminderEmail(
  sail: Sail,
  guest: { name: string },
  link: string,
  linkExpiresAt: Date,
  place: SailPlace = vesselPlace(sail),
): { subject: string; text: string; html: string } {
  const zone = place.zone;
  const when = `${localDateLabel(sail.departAt, zone)} at ${guestTime(sail.departAt, zone)}`;
  const expires = localDateTimeLabel(linkExpiresAt, zone);
  const view = sailView(sail, place);
  const signOff = view.brand ?? (view.vesselName ? `The crew of ${view.vesselName}` : 'The crew');
  const meet = view.times.find((t) => t.key === 'meet')?.local ?? '';
  const subject = `Please sign your waiver for ${sail.title}, ${view.dateLabel}`;
  const status = view.status === 'confirmed' ? '' : view.statusMessage;
  const text = [
    `Hello ${guest.name},`,
    '',
    `You are sailing on ${sail.title}, departing ${when}. Please be at the dock by ${meet}. Before you come aboard we need your signed liability waiver.`,
    ...(status ? ['', status] : []),
    '',
    `Sign it here (a minute or two): ${link}`,
    '',
    `The link works once and until ${expires}.`,
    '',
    arrivalText(view.arrival).trimEnd(),
    '',
    'Fair winds,',
    signOff,
  ].join('\n');
  const body = `<p>Hello ${escapeHtml(guest.name)},</p>
<p>You are sailing on <strong>${escapeHtml(sail.title)}</strong>, departing ${escapeHtml(when)}. Please be at the dock by ${escapeHtml(meet)}. Before you come aboard we need your signed liability waiver.</p>
${status ? `<p style="color:#8a4b00">${escapeHtml(status)}</p>` : ''}
<p><a href="${escapeHtml(link)}" style="display:inline-block;padding:12px 20px;background:#0b5394;color:#ffffff;text-decoration:none;border-radius:6px">Sign the waiver</a></p>
<p style="color:#555555">The link works once and until ${escapeHtml(expires)}. If the button does not work, open ${escapeHtml(link)}</p>
${arrivalHtml(view.arrival)}
<p>Fair winds,<br>${escapeHtml(signOff)}</p>`;
  return { subject, text, html: `<!doctype html><html><body>${body}</body></html>` };
}
