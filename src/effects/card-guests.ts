/** The guest lines of a sail's card, from the sail's partition (read once, typed). */
import type { CardGuest } from '../slack/blocks/sail-card';
import type { SailRecord } from '../store/sails';

/** Guests in the order they were invited, with whether they signed and for how many minors. */
export function cardGuestsOf(record: SailRecord): CardGuest[] {
  return [...record.guests]
    .sort((a, b) => a.invitedAt.localeCompare(b.invitedAt))
    .map((g) => ({ name: g.name, signed: g.status === 'signed', minors: g.minors }));
}
