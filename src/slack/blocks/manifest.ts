/**
 * The captain's manifest, sent by DM at crew call and redrawn in place on every check-in: each
 * guest with their waiver status, a Check-in button (`manifest.checkin`, value
 * `<sailId>:<guestId>`), and for a guest who has not signed, "Send a fresh link" (`manifest.link`),
 * which emails them a link to sign on their phone at the dock.
 */
import { guestTime } from '../../guests/sail-view';
import type { Sail } from '../../sails/types';
import { escapeMrkdwn, mention } from '../escape';
import { actionIds } from '../ids';
import { sailHeadline, sailZone } from './sail-card';
import { type Block, button, context, type MessageBody, section } from './types';

/** A guest as the manifest shows them (the guest store's `Guest` fits). */
export interface ManifestGuest {
  id: string;
  name: string;
  status: 'on_hold' | 'signed';
  signedName?: string | undefined;
  minors?: number | undefined;
  checkedInAt?: string | undefined;
  checkedInBy?: string | undefined;
  noShowAt?: string | undefined;
}

/** Slack allows 50 blocks; the head and foot take 3, each guest 2. */
const MAX_GUESTS = 23;

/** One guest's waiver status in words. */
function waiverStatus(g: ManifestGuest): string {
  if (g.status !== 'signed') return ':warning: *not signed*: they must sign before boarding';
  const by = g.signedName && g.signedName !== g.name ? ` by ${escapeMrkdwn(g.signedName)}` : '';
  const minors = g.minors ? ` for ${g.minors} ${g.minors === 1 ? 'minor' : 'minors'} too` : '';
  return `:white_check_mark: signed${by}${minors}`;
}

/** The manifest message for a sail. */
export function manifestMessage(sail: Sail, guests: readonly ManifestGuest[]): MessageBody {
  const zone = sailZone(sail);
  const checked = guests.filter((g) => g.checkedInAt).length;
  const signed = guests.filter((g) => g.status === 'signed').length;
  const blocks: Block[] = [
    section(
      `:clipboard: *Guest manifest* for ${sailHeadline(sail)}\n${checked}/${guests.length} checked in · ${signed}/${guests.length} waivers signed`,
    ),
  ];
  for (const g of guests.slice(0, MAX_GUESTS)) {
    const dock = g.checkedInAt
      ? `\n:ballot_box_with_check: Checked in${g.checkedInBy ? ` by ${mention(g.checkedInBy)}` : ''} at ${guestTime(new Date(g.checkedInAt), zone)}`
      : g.noShowAt
        ? '\n:x: No-show (not checked in by departure)'
        : '';
    blocks.push(section(`*${escapeMrkdwn(g.name)}* — ${waiverStatus(g)}${dock}`));
    const value = `${sail.id}:${g.id}`;
    const buttons = [];
    if (!g.checkedInAt) buttons.push(button('Check in', actionIds.manifestCheckin, value, 'primary'));
    if (g.status !== 'signed' && !g.checkedInAt) {
      buttons.push(button('Send a fresh link', actionIds.manifestLink, value));
    }
    if (buttons.length > 0) blocks.push({ type: 'actions', elements: buttons });
  }
  if (guests.length > MAX_GUESTS) {
    blocks.push(
      context(`${guests.length - MAX_GUESTS} more guests: \`/sail guests ${sail.id}\` lists them all.`),
    );
  }
  if (guests.length === 0) blocks.push(section('No guests on this sail.'));
  blocks.push(
    context(
      'Check each guest in as they board. A guest who has not signed gets a fresh link by email at once; they sign on their phone.',
    ),
  );
  return {
    text: `Guest manifest for ${escapeMrkdwn(sail.title)} (${sail.id}): ${checked}/${guests.length} checked in, ${signed}/${guests.length} waivers signed`,
    blocks,
  };
}
