/**
 * The words of effects' notes: what a card's thread says about a change, and what a DM tells the
 * person concerned. Rendered when the effect runs, from the note's ids (mentions, not names).
 */
import type { Note } from '../effects/types';
import { slotLabel } from '../sails/roster';
import type { SailChange } from '../sails/sail';
import { formatLocal } from '../sails/timing';
import type { Sail } from '../sails/types';
import { coverRequestDm, muteBlocks, offerDm, slotOpenDm } from './blocks/crew';
import { type Block, section } from './blocks/types';
import { escapeMrkdwn, mention, slackDate } from './escape';

const changeLabels: Record<SailChange['field'], string> = {
  date: 'date',
  start: 'start',
  departure: 'departure',
  return: 'return',
  duration: 'duration',
  vessel: 'vessel',
  crew: 'crew slots',
  guests: 'guest seats',
  title: 'title',
};

function changeValue(c: SailChange, value: string, zone: string | undefined): string {
  if (c.field === 'departure' || c.field === 'return') {
    const at = new Date(value);
    return slackDate(
      at,
      '{date_short_pretty} {time}',
      formatLocal(at, zone ?? 'UTC', 'EEE d MMM, HH:mm zzz'),
    );
  }
  if (c.field === 'duration') {
    const m = Number(value);
    return `${Math.floor(m / 60) ? `${Math.floor(m / 60)}h` : ''}${m % 60 ? `${m % 60}m` : ''}`;
  }
  return escapeMrkdwn(value);
}

/** What an edit changed, `old → new`, one per line; times as `<!date>` tokens. */
export function changeLines(changes: readonly SailChange[], zone: string | undefined): string {
  return changes
    .map((c) => `• ${changeLabels[c.field]}: ${changeValue(c, c.from, zone)} → ${changeValue(c, c.to, zone)}`)
    .join('\n');
}

/**
 * The thread line for a change on the card. Where the card may not name guests (`showNames`
 * false: not the home channel), a guest note says what happened without the name. `sail` gives
 * the zone of an edit's times.
 */
export function threadNote(
  note: Note,
  opts: { showNames?: boolean; sail?: Pick<Sail, 'zone'> | undefined } = {},
): string {
  const named = opts.showNames !== false;
  switch (note.kind) {
    case 'claimed':
      return `${mention(note.by)} claimed ${slotLabel(note.slotId)}.`;
    case 'designated':
      return `${mention(note.by)} designated ${mention(note.holder)} as ${slotLabel(note.slotId)}.`;
    case 'released': {
      const whose = note.holder !== note.by ? ` (held by ${mention(note.holder)})` : '';
      return `${mention(note.by)} released ${slotLabel(note.slotId)}${whose}.`;
    }
    case 'status': {
      const why = note.reason ? `: ${escapeMrkdwn(note.reason)}` : '';
      if (note.to === 'on_hold') return `${mention(note.by)} put this sail on hold${why}.`;
      if (note.to === 'scheduled' && note.from === 'cancelled')
        return `${mention(note.by)} uncancelled this sail: it is back on.`;
      if (note.to === 'scheduled') return `${mention(note.by)} took this sail off hold.`;
      return `${mention(note.by)} cancelled this sail${why}.`;
    }
    case 'edited':
      return `${mention(note.by)} changed this sail:\n${changeLines(note.changes, opts.sail?.zone)}`;
    case 'guest_invited':
      return named
        ? `${mention(note.by)} invited ${escapeMrkdwn(note.name)}.`
        : `${mention(note.by)} invited a guest.`;
    case 'waiver_signed':
      return named ? `${escapeMrkdwn(note.name)} signed the waiver.` : 'A guest signed the waiver.';
    case 'guest_removed':
      return named
        ? `${mention(note.by)} removed ${escapeMrkdwn(note.name)} from the sail.`
        : `${mention(note.by)} removed a guest.`;
    case 'guest_checked_in':
      return named
        ? `${mention(note.by)} checked ${escapeMrkdwn(note.name)} in at the dock.`
        : `${mention(note.by)} checked a guest in at the dock.`;
    case 'covered':
      return `${mention(note.holder)} took over ${slotLabel(note.slotId)} from ${mention(note.from)}.`;
    case 'cover_request':
      return `${mention(note.requester)} asked for cover as ${slotLabel(note.slotId)}.`;
    case 'offer':
    case 'slot_open':
      return `${slotLabel(note.slotId)} was offered to the waitlist.`;
    case 'offer_lapsed':
      return `The hold on ${slotLabel(note.slotId)} ended.`;
    case 'text':
      return note.text;
  }
}

/** The DM for the person a change concerns; `sail` names it when the note is about one. */
export function dmText(note: Note, sail: Pick<Sail, 'id' | 'title' | 'zone'> | undefined): string {
  const name = sail ? `*${escapeMrkdwn(sail.title)}* (${sail.id})` : 'a sail';
  switch (note.kind) {
    case 'status': {
      const why = note.reason ? `: ${escapeMrkdwn(note.reason)}` : '';
      if (note.to === 'on_hold')
        return `${name} is on hold${why}. Your role is kept; watch the card for news.`;
      if (note.to === 'scheduled' && note.from === 'cancelled')
        return `${name} was cancelled, but it is back on: ${mention(note.by)} uncancelled it. Your role is still yours; if you can no longer make it, \`/crew release ${note.sailId} <slot>\`.`;
      if (note.to === 'scheduled') return `${name} is back on. Your role is still yours.`;
      return `${name} is cancelled${why}. You no longer need to keep the time free.`;
    }
    case 'edited':
      return `${mention(note.by)} changed ${name}, where you hold a role:\n${changeLines(note.changes, sail?.zone)}\nIf you can no longer make it, \`/crew release ${note.sailId} <slot>\`.`;
    case 'designated':
      return `${mention(note.by)} made you ${slotLabel(note.slotId)} on ${name}. If you can't make it, \`/crew release ${note.sailId} ${note.slotId}\`.`;
    case 'covered':
      return `${mention(note.holder)} is covering your ${slotLabel(note.slotId)} on ${name}: you are released. Thanks for finding cover!`;
    case 'offer_lapsed':
      return `Your hold on ${slotLabel(note.slotId)} on ${name} ended, so it went to the next person and you are off its waitlist. Join again from the card if you still want to come.`;
    case 'released':
      return `${mention(note.by)} released you from ${slotLabel(note.slotId)} on ${name}. If that is a mistake, \`/crew claim ${note.sailId} ${note.slotId}\`.`;
    default:
      return threadNote(note, { sail });
  }
}

/**
 * The DM as a message: the words of `dmText`, with the buttons some notes carry (Take over, Claim,
 * Mute reminders for this sail). Needs the sail for those; without it, the words alone.
 */
export function dmMessage(note: Note, sail: Sail | undefined): { text: string; blocks?: Block[] } {
  if (sail && 'sailId' in note) {
    switch (note.kind) {
      case 'cover_request':
        return coverRequestDm(sail, note.slotId, note.requester);
      case 'offer':
        return offerDm(sail, note.slotId, new Date(note.until));
      case 'slot_open':
        return slotOpenDm(sail, note.slotId);
      case 'designated':
      case 'status': {
        const text = dmText(note, sail);
        // Their role's reminders: they may mute them (a cancellation has nothing left to remind).
        if (note.kind === 'status' && note.to === 'cancelled') return { text };
        return { text, blocks: [section(text), ...muteBlocks(sail.id)] };
      }
      default:
        break;
    }
  }
  return { text: dmText(note, sail) };
}

/**
 * Whether a person who muted the sail's reminders should not get this DM: hold and unhold news and
 * cover requests are reminders; a change to their own role, a cancellation, a slot held for them are
 * not (and crew call, sent by the sweep, never is).
 */
export function isMutable(note: Note): boolean {
  return (note.kind === 'status' && note.to !== 'cancelled') || note.kind === 'cover_request';
}
