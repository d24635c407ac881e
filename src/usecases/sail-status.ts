/**
 * Hold, unhold and cancel a sail (admins): one conditional update. Effects: the card is redrawn
 * with a note, each crew member is DM'd and each guest emailed (one effect each, so a retry never
 * tells anyone twice).
 */
import { type Done, keyed, only } from '../effects/types';
import type { Sail, SailStatus } from '../sails/types';
import type { GuestStore } from '../store/guests';
import type { SailStore } from '../store/sails';
import type { Invocation, NoSuchSail, NotAdmin } from './context';

/** A hold's reason is shown on the card, the guests' page and their email. */
export const MAX_REASON = 300;

/** What a status change needs. */
export interface SailStatusDeps {
  sails: Pick<SailStore, 'setStatus'>;
  guests: Pick<GuestStore, 'list'>;
}

/** What a status change came to. */
export type SailStatusOutcome =
  | NotAdmin
  | NoSuchSail
  | { kind: 'reason_too_long'; length: number; max: number }
  | { kind: 'refused'; message: string }
  | {
      kind: 'changed';
      sail: Sail;
      to: SailStatus;
      crewTold: number;
      guestsTold: number;
      /** It was in that status already (a hold again, e.g. with a new reason): nobody is told again. */
      repeated?: boolean;
    };

const verbs: Record<SailStatus, string> = { on_hold: 'hold', scheduled: 'unhold', cancelled: 'cancel' };

/** Moves a sail to `to` (with a reason for a hold). */
export async function changeSailStatus(
  deps: SailStatusDeps,
  inv: Invocation,
  input: { sailId: string; to: SailStatus; reason?: string | undefined },
): Promise<Done<SailStatusOutcome>> {
  if (!inv.actor.isAdmin) return only({ kind: 'not_admin', what: `${verbs[input.to]} sails` });
  const reason = input.to === 'on_hold' ? input.reason?.trim() || undefined : undefined;
  if (reason && reason.length > MAX_REASON) {
    return only({ kind: 'reason_too_long', length: reason.length, max: MAX_REASON });
  }
  const changed = await deps.sails.setStatus(input.sailId, input.to, reason);
  if (!changed.ok) {
    return changed.reason === 'no_such_sail'
      ? only({ kind: 'no_such_sail', sailId: input.sailId })
      : only({ kind: 'refused', message: changed.message });
  }
  const { sail } = changed;
  if (changed.previous === input.to) {
    // Holding a held sail changes at most its reason: the card shows it; nobody is messaged again.
    return {
      outcome: { kind: 'changed', sail, to: input.to, crewTold: 0, guestsTold: 0, repeated: true },
      effects: keyed(inv.change, [{ type: 'card.refresh', sailId: sail.id }]),
    };
  }
  const holders = [...new Set(changed.holders.map((h) => h.userId))];
  const guests = await deps.guests.list(sail.id);
  const note = {
    kind: 'status',
    sailId: sail.id,
    to: input.to,
    by: inv.actor.userId,
    ...(reason ? { reason } : {}),
  } as const;
  return {
    outcome: { kind: 'changed', sail, to: input.to, crewTold: holders.length, guestsTold: guests.length },
    effects: keyed(inv.change, [
      { type: 'card.refresh', sailId: sail.id, note },
      ...holders.map((userId) => ({ type: 'dm' as const, userId, note })),
      ...guests.map((g) => ({
        type: 'guest.status' as const,
        sailId: sail.id,
        guestId: g.id,
        to: input.to,
        ...(reason ? { reason } : {}),
      })),
    ]),
  };
}
