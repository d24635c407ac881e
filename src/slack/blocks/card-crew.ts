/**
 * The crew workflow's part of the sail card, kept apart from the card's own layout: a slot held for
 * someone on the waitlist (no Claim button for anyone else), a holder looking for cover, the
 * "Join the waitlist" button (`roster.waitlist`, value `<sailId>`) with the list's length once every
 * crew slot is taken, and the other dates of a weekly series.
 */
import { crewIsFull, isHeld } from '../../crew/waitlist';
import type { Sail, SailStatus, Slot } from '../../sails/types';
import { mention } from '../escape';
import { actionIds } from '../ids';
import { sailTime, sailZone } from './sail-card';
import { type Block, button, context } from './types';

/** What the card shows of the crew workflow. */
export interface CardCrew {
  /** The clock holds are read against. */
  now: Date;
  /** How many are on the waitlist. */
  waitlist: number;
  /** Slots whose holder has an open, live cover request. */
  coverWanted: readonly string[];
  /** Every date of the sail's weekly series (this one included), in order. */
  series?: readonly { date: string; sailId: string; status: SailStatus }[] | undefined;
}

/** How one slot reads when the workflow has something to say about it. */
export function crewSlotNote(
  sail: Sail,
  slot: Slot,
  crew: CardCrew | undefined,
): { who: string; held: boolean } | undefined {
  if (!crew) return undefined;
  if (slot.holder && crew.coverWanted.includes(slot.slotId)) {
    return { who: `${mention(slot.holder)} _(looking for cover: see the thread)_`, held: false };
  }
  if (isHeld(slot, crew.now) && slot.heldFor && slot.heldUntil) {
    return {
      who: `_held for ${mention(slot.heldFor)} from the waitlist until ${sailTime(slot.heldUntil, sailZone(sail))}_`,
      held: true,
    };
  }
  return undefined;
}

/** The waitlist's line and button, once every crew slot is taken (or while people wait). */
export function waitlistBlocks(sail: Sail, slots: readonly Slot[], crew: CardCrew | undefined): Block[] {
  if (!crew) return [];
  const full = crewIsFull(slots, crew.now);
  if (!full && crew.waitlist === 0) return [];
  const waiting =
    crew.waitlist === 0
      ? 'Nobody is waiting yet.'
      : `${crew.waitlist} ${crew.waitlist === 1 ? 'person is' : 'people are'} on the waitlist.`;
  const blocks: Block[] = [];
  if (full) {
    blocks.push({
      type: 'actions',
      elements: [button('Join the waitlist', actionIds.rosterWaitlist, sail.id)],
    });
  }
  blocks.push(
    context(
      `${full ? 'Every crew slot is taken. ' : ''}${waiting} A freed slot is held for the first in line for a while.`,
    ),
  );
  return blocks;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2026-10-05` → `5 Oct`. */
function shortDate(date: string): string {
  const [, m, d] = date.split('-');
  return `${Number(d)} ${MONTHS[Number(m) - 1] ?? m}`;
}

/** The series' dates in one line, this sail's in bold, cancelled ones struck through. */
export function seriesLine(sail: Sail, series: NonNullable<CardCrew['series']>): string {
  const dates = series.map((s) => {
    const d = shortDate(s.date);
    if (s.sailId === sail.id) return `*${d}*`;
    return s.status === 'cancelled' ? `~${d}~ (${s.sailId}, cancelled)` : `${d} (${s.sailId})`;
  });
  return `:repeat: Weekly series: ${dates.join(' · ')}`;
}
