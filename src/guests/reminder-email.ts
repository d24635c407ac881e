/** The waiver reminder a nudge sends an unsigned guest: plain text and HTML, every value escaped. */
import { escapeHtml } from '../mail/template';
import { formatLocal } from '../sails/timing';
import type { Sail } from '../sails/types';

function sailZone(sail: Pick<Sail, 'zone'>): string {
  return sail.zone;
}

/** The waiver reminder email with a fresh magic link. */
export function waiverReminderEmail(
  sail: Sail,
  guest: { name: string },
  link: string,
  linkExpiresAt: Date,
): { subject: string; text: string; html: string } {
  const zone = sailZone(sail);
  const when = formatLocal(sail.departAt, zone, "EEEE d MMMM 'at' HH:mm zzz");
  const expires = formatLocal(linkExpiresAt, zone, 'EEE d MMM, HH:mm zzz');
  const subject = `Please sign your waiver for ${sail.title}, ${formatLocal(sail.departAt, zone, 'EEE d MMM')}`;
  const text = [
    `Hello ${guest.name},`,
    '',
    `You are sailing on ${sail.title}, departing ${when}. Before you come aboard we need your signed liability waiver.`,
    '',
    `Sign it here (a minute or two): ${link}`,
    '',
    `The link works once and until ${expires}.`,
    '',
    'Fair winds,',
    'Queen of San Diego',
  ].join('\n');
  const body = `<p>Hello ${escapeHtml(guest.name)},</p>
<p>You are sailing on <strong>${escapeHtml(sail.title)}</strong>, departing ${escapeHtml(when)}. Before you come aboard we need your signed liability waiver.</p>
<p><a href="${escapeHtml(link)}" style="display:inline-block;padding:12px 20px;background:#0b5394;color:#ffffff;text-decoration:none;border-radius:6px">Sign the waiver</a></p>
<p style="color:#555555">The link works once and until ${escapeHtml(expires)}. If the button does not work, open ${escapeHtml(link)}</p>
<p>Fair winds,<br>Queen of San Diego</p>`;
  return { subject, text, html: `<!doctype html><html><body>${body}</body></html>` };
}
