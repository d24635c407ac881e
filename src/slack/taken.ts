/** The reply to a claim on a taken slot, in Slack's words (a mention of the holder). */
import { freeSlots, holdersOf } from '../sails/roster';
import type { Slot } from '../sails/types';
import { mention } from './escape';

/**
 * The answer to a claim on a taken slot: `crew-2 is taken by <@U123> — crew-3 is still free.`
 * Lists up to three free slots, or says that every slot is taken.
 */
export function describeTaken(slotId: string, holder: string, slots: readonly Slot[]): string {
  const free = freeSlots(
    slots.map((s) => s.slotId),
    holdersOf(slots),
  ).filter((s) => s !== slotId);
  const head = `${slotId} is taken by ${mention(holder)}`;
  if (free.length === 0) return `${head} — every slot on this sail is taken.`;
  const shown = free.slice(0, 3);
  const list = shown.length === 1 ? shown[0] : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
  const more = free.length > shown.length ? ` (and ${free.length - shown.length} more)` : '';
  return `${head} — ${list}${more} ${shown.length === 1 ? 'is' : 'are'} still free.`;
}
