/**
 * The sail card: title, vessel, status, the timing panel and the roster with Claim / Release
 * buttons (`roster.claim` / `roster.release`, value `<sailId>:<slotId>`). Re-rendered from the
 * store on every change and updated in place.
 */
import type { types } from '@slack/bolt';
import { slotLabel } from '../../sails/roster';
import { formatLocal, localDate } from '../../sails/timing';
import type { Sail, Slot } from '../../sails/types';
import { escapeMrkdwn, mention, slackDate } from '../escape';
import { actionIds } from '../ids';
import { type CardCrew, crewSlotNote, seriesLine, waitlistBlocks } from './card-crew';
import { type Block, button, context, type MessageBody, section } from './types';

/** A guest line on the card: name, waiver state and the minors their signed waiver lists. */
export interface CardGuest {
  /** The name the guest was invited under. */
  name: string;
  signed: boolean;
  /** Minors the guest signed for; each takes a seat. */
  minors?: number | undefined;
  /** Who signed (the waiver's name), when signed. */
  signedName?: string | undefined;
  /** The minors the signer signed for, with their age on the sail's date. */
  minorsSigned?: { name: string; age?: number | undefined }[] | undefined;
  /** Checked in at the dock. */
  checkedIn?: boolean | undefined;
  /** Not checked in by departure. */
  noShow?: boolean | undefined;
}

/**
 * Who signed and for whom: "Mary Doe for Tommy Doe (9)", and the invited name when it is neither
 * ("Mary Doe (invited as M. Doe)").
 */
export function signedLine(g: CardGuest): string {
  const signer = g.signedName ?? g.name;
  const minors = g.minorsSigned ?? [];
  const forWhom = minors.length
    ? ` for ${minors.map((m) => `${escapeMrkdwn(m.name)}${m.age === undefined ? '' : ` (${m.age})`}`).join(', ')}`
    : '';
  const same = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'base' }) === 0;
  const invitedAs =
    same(g.name, signer) || minors.some((m) => same(m.name, g.name))
      ? ''
      : ` (invited as ${escapeMrkdwn(g.name)})`;
  return `${escapeMrkdwn(signer)}${forWhom}${invitedAs}`;
}

/** What happened at the dock, after a guest's line. */
function dockNote(g: CardGuest): string {
  if (g.checkedIn) return ' · :ballot_box_with_check: checked in';
  if (g.noShow) return ' · no-show';
  return '';
}

/** " (+2 minors)" after a guest's name, or nothing. */
function minorsNote(minors: number | undefined): string {
  if (!minors) return '';
  return ` (+${minors} ${minors === 1 ? 'minor' : 'minors'})`;
}

/** Guest lines per section (a name is at most 120 characters). */
const GUESTS_PER_SECTION = 10;

/** Everything the card shows. */
export interface CardInput {
  sail: Sail;
  slots: Slot[];
  guests?: CardGuest[];
  /** The vessel's name from the fleet (the id when the fleet no longer has it). */
  vesselName?: string | undefined;
  /** Where to meet, from the fleet. */
  meet?: string | undefined;
  /**
   * Whether the guests may be named where the card is (the home channel, an admin's DM); otherwise
   * only how many there are and how many signed.
   */
  showNames?: boolean;
  /** The crew workflow's part: holds, cover requests, the waitlist, the series' other dates. */
  crew?: CardCrew;
}

const statusLine: Record<Sail['status'], string> = {
  scheduled: ':large_green_circle: Scheduled',
  on_hold: ':double_vertical_bar: On hold',
  cancelled: ':x: Cancelled',
};

/** The zone a sail's times are shown in: its vessel's when it was planned. */
export function sailZone(sail: Pick<Sail, 'zone'>): string {
  return sail.zone;
}

/**
 * A time as a `<!date>` token (reader's zone) with the vessel-zone fallback. With a date, the
 * fallback names the year when it is not the year of `now` (default: the time itself's year).
 */
export function sailTime(at: Date, zone: string, withDate = false, now?: Date): string {
  const otherYear =
    withDate && now !== undefined && localDate(at, zone).slice(0, 4) !== localDate(now, zone).slice(0, 4);
  return slackDate(
    at,
    withDate ? '{date_short_pretty} {time}' : '{time}',
    formatLocal(
      at,
      zone,
      withDate ? (otherYear ? 'EEE d MMM yyyy, HH:mm zzz' : 'EEE d MMM, HH:mm zzz') : 'HH:mm zzz',
    ),
  );
}

/** ` (+1 day)` after a time that falls on a later local date than the departure. */
export function laterDay(at: Date, departAt: Date, zone: string): string {
  const days = Math.round(
    (Date.parse(localDate(at, zone)) - Date.parse(localDate(departAt, zone))) / 86_400_000,
  );
  return days > 0 ? ` (+${days} day${days === 1 ? '' : 's'})` : '';
}

/** The timing panel as section fields. */
export function timingFields(sail: Sail): types.MrkdwnElement[] {
  const zone = sailZone(sail);
  const f = (label: string, at: Date, withDate = false): types.MrkdwnElement => ({
    type: 'mrkdwn',
    text: `*${label}*\n${sailTime(at, zone, withDate)}${withDate ? '' : laterDay(at, sail.departAt, zone)}`,
  });
  return [
    f('Crew call', sail.crewCallAt, true),
    f('Departure', sail.departAt),
    f('Sunset', sail.sunsetAt),
    f('Civil dusk', sail.civilDuskAt),
    f('Return', sail.returnAt),
  ];
}

/** One line of the sail's headline, used in lists and thread notes; `now` adds a year that is not this one. */
export function sailHeadline(sail: Sail, now?: Date): string {
  return `*${escapeMrkdwn(sail.title)}* (${sail.id}) · ${sailTime(sail.departAt, sailZone(sail), true, now)}`;
}

/** "1 guest", "6 guests". */
export function guestsWord(n: number): string {
  return `${n} guest${n === 1 ? '' : 's'}`;
}

/** Builds the card. */
export function sailCard({
  sail,
  slots,
  guests,
  vesselName,
  meet,
  showNames = true,
  crew,
}: CardInput): MessageBody {
  const closed = sail.status === 'cancelled';
  const status =
    sail.status === 'on_hold' && sail.holdReason
      ? `${statusLine.on_hold}: ${escapeMrkdwn(sail.holdReason)}`
      : sail.status === 'cancelled' && sail.cancelReason
        ? `${statusLine.cancelled}: ${escapeMrkdwn(sail.cancelReason)}`
        : statusLine[sail.status];
  const blocks: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: sail.title.slice(0, 150), emoji: false } },
    section(`*Vessel:* ${escapeMrkdwn(vesselName ?? sail.vesselId)}   *Status:* ${status}`),
    { type: 'section', fields: timingFields(sail) },
    ...(meet ? [context(`:round_pushpin: Meet: ${escapeMrkdwn(meet)}`)] : []),
    { type: 'divider' },
  ];
  for (const slot of slots) {
    const value = `${sail.id}:${slot.slotId}`;
    const who = slot.holder ? mention(slot.holder) : '_open_';
    const crewNote = crewSlotNote(sail, slot, crew);
    const block: types.SectionBlock = section(`*${slotLabel(slot.slotId)}* — ${crewNote?.who ?? who}`);
    if (crewNote?.held && !closed) {
      blocks.push(block);
      continue;
    }
    if (!closed) {
      block.accessory = slot.holder
        ? button('Release', actionIds.rosterRelease, value)
        : button('Claim', actionIds.rosterClaim, value, 'primary');
    }
    blocks.push(block);
  }
  const signedCount = guests?.filter((g) => g.signed).length ?? 0;
  if (!closed) blocks.push(...waitlistBlocks(sail, slots, crew));
  if (guests && guests.length > 0) {
    blocks.push({ type: 'divider' });
    const minors = guests.reduce((n, g) => n + (g.minors ?? 0), 0);
    const seats = minors > 0 ? ` · ${guests.length + minors} seats with minors` : '';
    const head = `*Guests* (${signedCount}/${guests.length} waivers signed${seats})`;
    if (!showNames) {
      // Names only where they belong: elsewhere a card says how many, not who.
      blocks.push(section(`${head}\n_Guest names are shown in the sail's home channel and to admins._`));
    } else {
      const lines = guests.map((g) =>
        g.signed
          ? `:white_check_mark: signed — ${g.signedName ? signedLine(g) : `${escapeMrkdwn(g.name)}${minorsNote(g.minors)}`}${dockNote(g)}`
          : `:hourglass_flowing_sand: waiting — ${escapeMrkdwn(g.name)} _(seat on hold until the waiver is signed)_${dockNote(g)}`,
      );
      // Ten guests to a section, so a long manifest is never cut off by the 3000-character limit.
      for (let i = 0; i < lines.length; i += GUESTS_PER_SECTION) {
        const first = i === 0 ? `${head}\n` : '';
        blocks.push(section(first + lines.slice(i, i + GUESTS_PER_SECTION).join('\n')));
      }
    }
  }
  const actions: types.Button[] = [];
  if (!closed && sail.guestCapacity > 0) actions.push(button('Add guest', actionIds.guestAdd, sail.id));
  // Admins only (checked on press): each signed waiver as a PDF, by DM.
  if (signedCount > 0) actions.push(button('Waivers', actionIds.guestWaivers, sail.id));
  if (actions.length > 0) blocks.push({ type: 'actions', elements: actions });
  blocks.push(context(`${sail.id} · ${sail.durationMinutes} min · up to ${guestsWord(sail.guestCapacity)}`));
  if (crew?.series && crew.series.length > 1) blocks.push(context(seriesLine(sail, crew.series)));
  const open = slots.filter((s) => !s.holder).map((s) => s.slotId);
  const text = `${escapeMrkdwn(sail.title)} (${sail.id}), ${formatLocal(sail.departAt, sailZone(sail))}: ${
    closed ? 'cancelled' : open.length ? `open: ${open.join(', ')}` : 'fully crewed'
  }`;
  return { text, blocks };
}
