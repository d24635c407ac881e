/**
 * The guest admin outcomes in Slack's words (ephemeral, for the person who asked): the guest list
 * with waiver status, a removal, the waivers on their way, a check-in or a fresh link at the dock.
 */
import type { Config } from '../../config';
import { guestTime } from '../../guests/sail-view';
import type {
  DockOutcome,
  ListGuestsOutcome,
  RemoveGuestOutcome,
  SendWaiversOutcome,
} from '../../usecases/guest-admin';
import { sailHeadline, sailZone, signedLine } from '../blocks/sail-card';
import { section } from '../blocks/types';
import { adminOnly, type Reply } from '../context';
import { escapeMrkdwn, mention } from '../escape';
import { unknownSail } from './outcomes';

/** Guest lines per section, so a long list stays under Slack's 3000 characters a section. */
const PER_SECTION = 8;

/** `/sail guests <id>`: every guest with their waiver status. */
export function renderGuestList(o: ListGuestsOutcome, config: Config): Reply {
  if (o.kind === 'not_admin') return adminOnly(o.what, config);
  if (o.kind === 'no_such_sail') return unknownSail(o.sailId);
  const { sail } = o.record;
  const zone = sailZone(sail);
  if (o.guests.length === 0) {
    return `${sail.id} has no guests yet. Add one with \`/sail guest ${sail.id} <email> <name…>\`.`;
  }
  const signed = o.guests.filter((g) => g.guest.status === 'signed').length;
  const lines = o.guests.map(({ guest: g, waiver: w }) => {
    const who = `*${escapeMrkdwn(g.name)}* (${escapeMrkdwn(g.email)})`;
    const state =
      g.status === 'signed'
        ? `:white_check_mark: signed${w ? ` by ${signedLine({ name: g.name, signed: true, signedName: w.signedName, minorsSigned: w.minors.map((m) => ({ name: m.fullName })) })}` : ''}${g.signedAt ? ` on ${guestTime(new Date(g.signedAt), zone)}` : ''}`
        : ':hourglass_flowing_sand: not signed';
    const dock = g.checkedInAt
      ? ` · checked in${g.checkedInBy ? ` by ${mention(g.checkedInBy)}` : ''} at ${guestTime(new Date(g.checkedInAt), zone)}`
      : g.noShowAt
        ? ' · no-show'
        : '';
    return `${who} — ${state}${dock}`;
  });
  const head = `*Guests of* ${sailHeadline(sail)}: ${o.guests.length} invited, ${signed} signed, ${o.record.seatsTaken}/${sail.guestCapacity} seats taken`;
  const blocks = [];
  for (let i = 0; i < lines.length; i += PER_SECTION) {
    blocks.push(section(`${i === 0 ? `${head}\n` : ''}${lines.slice(i, i + PER_SECTION).join('\n')}`));
  }
  return {
    text: `Guests of ${sail.title} (${sail.id}): ${o.guests.length} invited, ${signed} signed`,
    blocks,
  };
}

/** `/sail unguest <id> <email>`. */
export function renderRemoveGuest(o: RemoveGuestOutcome, config: Config): string {
  switch (o.kind) {
    case 'not_admin':
      return adminOnly(o.what, config);
    case 'no_such_sail':
      return unknownSail(o.sailId);
    case 'not_a_guest':
      return `${escapeMrkdwn(o.email)} is not a guest of ${o.sailId}. \`/sail guests ${o.sailId}\` lists them.`;
    case 'removed':
      return `Removed ${escapeMrkdwn(o.guest.name)} (${escapeMrkdwn(o.guest.email)}) from ${o.sailId}: ${o.seatsFreed} ${o.seatsFreed === 1 ? 'seat' : 'seats'} freed, and their links no longer work.${o.guest.status === 'signed' ? ' Their signed waiver is kept on record.' : ''}`;
  }
}

/** The card's Waivers button. */
export function renderSendWaivers(o: SendWaiversOutcome, config: Config): string {
  switch (o.kind) {
    case 'not_admin':
      return adminOnly(o.what, config);
    case 'no_such_sail':
      return unknownSail(o.sailId);
    case 'none':
      return `Nobody has signed a waiver for ${o.sailId} yet.`;
    case 'sending':
      return `Sending ${o.count} signed ${o.count === 1 ? 'waiver' : 'waivers'} for ${o.sailId} to you as PDFs, in your DMs with Bosun.`;
  }
}

/** The manifest's buttons. */
export function renderDock(o: DockOutcome): string {
  switch (o.kind) {
    case 'no_such_sail':
      return unknownSail(o.sailId);
    case 'not_allowed':
      return `Only the captain of ${o.sailId} or an admin can check guests in.`;
    case 'not_a_guest':
      return `That guest is no longer on ${o.sailId}.`;
    case 'already_checked_in':
      return `${escapeMrkdwn(o.guest.name)} was already checked in${o.guest.checkedInBy ? ` by ${mention(o.guest.checkedInBy)}` : ''}.`;
    case 'checked_in':
      return `Checked in ${escapeMrkdwn(o.guest.name)}.${o.guest.status === 'signed' ? '' : ' They have not signed the waiver yet: send them a fresh link from the manifest.'}`;
    case 'already_signed':
      return `${escapeMrkdwn(o.guest.name)} has already signed; no link needed.`;
    case 'link_sent':
      return `A fresh link is on its way to ${escapeMrkdwn(o.guest.name)}'s email; they can sign on their phone now.`;
  }
}
