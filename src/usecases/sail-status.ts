/**
 * Hold, unhold, cancel and uncancel a sail (admins): one conditional update. A hold's or cancel's
 * reason reaches crew and guests. Uncancel restores a cancelled sail before its departure, unless
 * its vessel is out then on another sail (`force` restores it anyway). Effects: the card is redrawn
 * with a note, each crew member is DM'd and each guest emailed (one effect each, so a retry never
 * tells anyone twice).
 */
import { type Done, keyed, only } from '../effects/types';
import type { Sail, SailStatus } from '../sails/types';
import type { FleetStore } from '../store/fleet';
import type { GuestStore } from '../store/guests';
import type { SailStore } from '../store/sails';
import type { Invocation, NoSuchSail, NotAdmin } from './context';
import { overlapping } from './create-sail';

/** A hold's reason is shown on the card, the guests' page and their email. */
export const MAX_REASON = 300;

/** What a status change needs. */
export interface SailStatusDeps {
  sails: Pick<SailStore, 'setStatus' | 'get' | 'upcoming'>;
  guests: Pick<GuestStore, 'list'>;
  fleet: Pick<FleetStore, 'get'>;
}

/** What a status change came to. */
export type SailStatusOutcome =
  | NotAdmin
  | NoSuchSail
  | { kind: 'reason_too_long'; length: number; max: number }
  | { kind: 'refused'; message: string }
  /** Uncancel: the vessel is out then on other sails (`force` restores it anyway). */
  | { kind: 'double_booked'; sailId: string; vesselName: string; clashes: Sail[] }
  | {
      kind: 'changed';
      sail: Sail;
      to: SailStatus;
      uncancelled: boolean;
      crewTold: number;
      guestsTold: number;
      clashes: Sail[];
      /** It was in that status already (a hold again, e.g. with a new reason): nobody is told again. */
      repeated?: boolean;
    };

const verbs: Record<SailStatus, string> = { on_hold: 'hold', scheduled: 'unhold', cancelled: 'cancel' };

/** Moves a sail to `to` (with a reason for a hold or a cancel); `uncancel` restores a cancelled one. */
export async function changeSailStatus(
  deps: SailStatusDeps,
  inv: Invocation,
  input: {
    sailId: string;
    to: SailStatus;
    reason?: string | undefined;
    uncancel?: boolean | undefined;
    force?: boolean | undefined;
  },
): Promise<Done<SailStatusOutcome>> {
  const uncancel = input.uncancel === true && input.to === 'scheduled';
  if (!inv.actor.isAdmin)
    return only({ kind: 'not_admin', what: `${uncancel ? 'uncancel' : verbs[input.to]} sails` });
  const reason =
    input.to === 'on_hold' || input.to === 'cancelled' ? input.reason?.trim() || undefined : undefined;
  if (reason && reason.length > MAX_REASON) {
    return only({ kind: 'reason_too_long', length: reason.length, max: MAX_REASON });
  }
  let clashes: Sail[] = [];
  if (uncancel) {
    // Another sail may have taken the vessel's time while this one was cancelled.
    const record = await deps.sails.get(input.sailId);
    if (!record) return only({ kind: 'no_such_sail', sailId: input.sailId });
    if (record.sail.status === 'cancelled') {
      clashes = await overlapping(deps.sails, record.sail);
      if (clashes.length > 0 && !input.force) {
        const vessel = await deps.fleet.get(record.sail.vesselId);
        return only({
          kind: 'double_booked',
          sailId: record.sail.id,
          vesselName: vessel?.name ?? record.sail.vesselId,
          clashes,
        });
      }
    }
  }
  const changed = await deps.sails.setStatus(input.sailId, input.to, reason, { uncancel });
  if (!changed.ok) {
    return changed.reason === 'no_such_sail'
      ? only({ kind: 'no_such_sail', sailId: input.sailId })
      : only({ kind: 'refused', message: changed.message });
  }
  const { sail } = changed;
  if (changed.previous === input.to) {
    // Holding a held sail changes at most its reason: the card shows it; nobody is messaged again.
    return {
      outcome: {
        kind: 'changed',
        sail,
        to: input.to,
        uncancelled: false,
        crewTold: 0,
        guestsTold: 0,
        clashes: [],
        repeated: true,
      },
      effects: keyed(inv.change, [{ type: 'card.refresh', sailId: sail.id }]),
    };
  }
  const holders = [...new Set(changed.holders.map((h) => h.userId))];
  // The guests came back with the sail's partition, read once after the change.
  const { guests } = changed;
  const note = {
    kind: 'status',
    sailId: sail.id,
    to: input.to,
    ...(uncancel ? { from: 'cancelled' as const } : {}),
    by: inv.actor.userId,
    ...(reason ? { reason } : {}),
  } as const;
  return {
    outcome: {
      kind: 'changed',
      sail,
      to: input.to,
      uncancelled: uncancel,
      crewTold: holders.length,
      guestsTold: guests.length,
      clashes,
    },
    effects: keyed(inv.change, [
      { type: 'card.refresh', sailId: sail.id, note },
      ...holders.map((userId) => ({ type: 'dm' as const, userId, note })),
      ...guests.map((g) => ({
        type: 'guest.status' as const,
        sailId: sail.id,
        guestId: g.id,
        to: input.to,
        ...(uncancel ? { from: 'cancelled' as const } : {}),
        ...(reason ? { reason } : {}),
      })),
    ]),
  };
}
