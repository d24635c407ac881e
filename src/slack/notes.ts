/**
 * The words of effects' notes: what a card's thread says about a change, and what a DM tells the
 * person concerned. Rendered when the effect runs, from the note's ids (mentions, not names).
 */
import type { Note } from '../effects/types';
import { slotLabel } from '../sails/roster';
import type { Sail } from '../sails/types';
import { escapeMrkdwn, mention } from './escape';

/**
 * The thread line for a change on the card. Where the card may not name guests (`showNames`
 * false: not the home channel), a guest note says what happened without the name.
 */
export function threadNote(note: Note, opts: { showNames?: boolean } = {}): string {
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
      if (note.to === 'scheduled') return `${mention(note.by)} took this sail off hold.`;
      return `${mention(note.by)} cancelled this sail.`;
    }
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
    case 'text':
      return note.text;
  }
}

/** The DM for the person a change concerns; `sail` names it when the note is about one. */
export function dmText(note: Note, sail: Pick<Sail, 'id' | 'title'> | undefined): string {
  const name = sail ? `*${escapeMrkdwn(sail.title)}* (${sail.id})` : 'a sail';
  switch (note.kind) {
    case 'status': {
      const why = note.reason ? `: ${escapeMrkdwn(note.reason)}` : '';
      if (note.to === 'on_hold')
        return `${name} is on hold${why}. Your role is kept; watch the card for news.`;
      if (note.to === 'scheduled') return `${name} is back on. Your role is still yours.`;
      return `${name} is cancelled. You no longer need to keep the time free.`;
    }
    case 'designated':
      return `${mention(note.by)} made you ${slotLabel(note.slotId)} on ${name}. If you can't make it, \`/crew release ${note.sailId} ${note.slotId}\`.`;
    case 'released':
      return `${mention(note.by)} released you from ${slotLabel(note.slotId)} on ${name}. If that is a mistake, \`/crew claim ${note.sailId} ${note.slotId}\`.`;
    default:
      return threadNote(note);
  }
}
