/** The guest lines of a sail's card, from the sail's partition (read once, typed). */
import { ageOn, parseIsoDate } from '../guests/waiver-rules';
import type { CardGuest } from '../slack/blocks/sail-card';
import type { SailRecord } from '../store/sails';

/**
 * Guests in the order they were invited, with whether they signed, who signed and for which
 * minors (with their age on the sail's date), and what happened at the dock.
 */
export function cardGuestsOf(record: SailRecord): CardGuest[] {
  const waivers = new Map(record.waivers.map((w) => [w.guestId, w]));
  const sailDay = parseIsoDate(record.sail.date);
  return [...record.guests]
    .sort((a, b) => a.invitedAt.localeCompare(b.invitedAt))
    .map((g) => {
      const w = waivers.get(g.id);
      const line: CardGuest = { name: g.name, signed: g.status === 'signed', minors: g.minors };
      if (w) {
        line.signedName = w.signedName;
        line.minorsSigned = w.minors.map((m) => {
          const born = parseIsoDate(m.birthDate);
          return { name: m.fullName, ...(born && sailDay ? { age: ageOn(born, sailDay) } : {}) };
        });
      }
      if (g.checkedInAt) line.checkedIn = true;
      else if (g.noShowAt) line.noShow = true;
      return line;
    });
}
