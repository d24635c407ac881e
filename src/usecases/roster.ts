/**
 * Claim, release and designate: one transaction each. The card's buttons and `/crew` give the same
 * answers because both call these. Effects: the card is redrawn with a note in its thread.
 */
import { type Done, keyed, only } from '../effects/types';
import { holdersOf, resolveRole } from '../sails/roster';
import type { Slot } from '../sails/types';
import type { SailStore } from '../store/sails';
import type { Invocation, NoSuchSail, NotAdmin } from './context';

/** What claiming needs. */
export interface RosterDeps {
  sails: Pick<SailStore, 'get' | 'claim' | 'designate' | 'release'>;
}

/** What a claim (or designation) came to. */
export type ClaimOutcome =
  | NoSuchSail
  | NotAdmin
  | { kind: 'bad_role'; message: string }
  | { kind: 'taken'; sailId: string; slotId: string; holder: string; slots: Slot[] }
  | { kind: 'already_member'; sailId: string; slotId: string; holder: string; self: boolean }
  | { kind: 'closed'; message: string }
  | { kind: 'no_such_slot'; sailId: string; slotId: string }
  | { kind: 'claimed'; sailId: string; slotId: string; holder: string; designatedBy?: string };

/**
 * Claims `role` (`captain`, `crew` or a slot id) for the actor, or, with `forUser`, designates
 * someone else (admins only).
 */
export async function claimRole(
  deps: RosterDeps,
  inv: Invocation,
  input: { sailId: string; role: string; forUser?: string | undefined },
): Promise<Done<ClaimOutcome>> {
  const { actor } = inv;
  if (input.forUser && !actor.isAdmin) return only({ kind: 'not_admin', what: 'designate crew' });
  const holder = input.forUser ?? actor.userId;
  const view = await deps.sails.get(input.sailId);
  if (!view) return only({ kind: 'no_such_sail', sailId: input.sailId });
  const slot = resolveRole(
    input.role,
    view.slots.map((s) => s.slotId),
    holdersOf(view.slots),
  );
  if (!slot.ok) return only({ kind: 'bad_role', message: slot.error });
  const sailId = view.sail.id;
  const result = input.forUser
    ? await deps.sails.designate(sailId, slot.value, holder, actor.userId, { sail: view.sail })
    : await deps.sails.claim(sailId, slot.value, holder, { sail: view.sail });
  if (!result.ok) {
    switch (result.reason) {
      case 'taken':
        return only({ kind: 'taken', sailId, slotId: slot.value, holder: result.holder, slots: view.slots });
      case 'already_member':
        return only({
          kind: 'already_member',
          sailId,
          slotId: result.slotId,
          holder,
          self: holder === actor.userId,
        });
      case 'closed':
        return only({ kind: 'closed', message: result.message });
      case 'no_such_slot':
        return only({ kind: 'no_such_slot', sailId, slotId: slot.value });
      default:
        return only({ kind: 'no_such_sail', sailId });
    }
  }
  const note = input.forUser
    ? ({ kind: 'designated', sailId, slotId: slot.value, holder, by: actor.userId } as const)
    : ({ kind: 'claimed', sailId, slotId: slot.value, by: holder } as const);
  return {
    outcome: {
      kind: 'claimed',
      sailId,
      slotId: slot.value,
      holder,
      ...(input.forUser ? { designatedBy: actor.userId } : {}),
    },
    effects: keyed(inv.change, [{ type: 'card.refresh', sailId, note }]),
  };
}

/** What a release came to. */
export type ReleaseOutcome =
  | NoSuchSail
  | { kind: 'no_crew_slot'; sailId: string }
  | { kind: 'no_such_slot'; sailId: string; role: string; slots: string[] }
  | { kind: 'already_open'; sailId: string; slotId: string }
  | { kind: 'not_holder'; sailId: string; slotId: string; holder?: string | undefined }
  | { kind: 'released'; sailId: string; slotId: string; holder: string; by: string };

/** Releases a slot: your own, or anyone's if you are an admin (`crew` = your crew slot). */
export async function releaseRole(
  deps: RosterDeps,
  inv: Invocation,
  input: { sailId: string; role: string },
): Promise<Done<ReleaseOutcome>> {
  const { actor } = inv;
  const view = await deps.sails.get(input.sailId);
  if (!view) return only({ kind: 'no_such_sail', sailId: input.sailId });
  const sailId = view.sail.id;
  let slotId = input.role.trim().toLowerCase();
  if (slotId === 'crew') {
    const mine = view.slots.find((s) => s.holder === actor.userId && s.slotId !== 'captain');
    if (!mine) return only({ kind: 'no_crew_slot', sailId });
    slotId = mine.slotId;
  }
  if (!view.slots.some((s) => s.slotId === slotId)) {
    return only({
      kind: 'no_such_slot',
      sailId,
      role: input.role,
      slots: view.slots.map((s) => s.slotId),
    });
  }
  const result = await deps.sails.release(sailId, slotId, actor.userId, { isAdmin: actor.isAdmin });
  if (!result.ok) {
    if (result.reason === 'empty') return only({ kind: 'already_open', sailId, slotId });
    if (result.reason === 'not_holder')
      return only({ kind: 'not_holder', sailId, slotId, holder: result.holder });
    return only({ kind: 'no_such_sail', sailId });
  }
  return {
    outcome: { kind: 'released', sailId, slotId, holder: result.holder, by: actor.userId },
    effects: keyed(inv.change, [
      {
        type: 'card.refresh',
        sailId,
        note: { kind: 'released', sailId, slotId, holder: result.holder, by: actor.userId },
      },
    ]),
  };
}
