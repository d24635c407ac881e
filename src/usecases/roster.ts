/**
 * Claim, release and designate: one transaction each. The card's buttons and `/crew` give the same
 * answers because both call these. Captain is for the vessel's captains (`/fleet captains`) when
 * it lists any: anyone else is refused and told whom to ask; an admin may still designate anyone
 * (or take it), with a warning. Effects: the card is redrawn with a note in its thread; a person
 * an admin designated or released is DM'd; a freed crew slot is offered to the first on the
 * waitlist (held for them in the release's own transaction).
 */
import { isLiveCover } from '../crew/cover';
import {
  defaultHoldPolicy,
  type HoldPolicy,
  holdUntil,
  isHeld,
  isWaitlistSlot,
  nextWaiter,
} from '../crew/waitlist';
import { type Done, type EffectInput, keyed, only } from '../effects/types';
import { mayCaptain } from '../fleet/vessel';
import { CAPTAIN, holdersOf, resolveRole } from '../sails/roster';
import type { Slot } from '../sails/types';
import type { FleetStore } from '../store/fleet';
import type { ReleaseResult, SailRecord, SailStore, SlotOffer } from '../store/sails';
import type { Invocation, NoSuchSail, NotAdmin } from './context';

/** What claiming needs. */
export interface RosterDeps {
  sails: Pick<SailStore, 'get' | 'claim' | 'designate' | 'release'>;
  now: () => Date;
  /** How long a freed slot is held for the first on the waitlist. */
  hold?: HoldPolicy | undefined;
  /** Who may claim Captain on each vessel. */
  fleet: Pick<FleetStore, 'get'>;
}

/** A vessel's captains, for a refusal or a warning. */
export interface CaptainsOf {
  vesselName: string;
  captains: string[];
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
  /** The free slot is held for someone on the waitlist until `until`. */
  | { kind: 'held'; sailId: string; slotId: string; heldFor: string; until: Date }
  /** `crew` asked for, and every crew slot is taken (or held): the waitlist is what is left. */
  | { kind: 'full'; sailId: string; waiting: number }
  /** Captain on a vessel that lists its captains, and the person is not one of them. */
  | ({ kind: 'not_captain'; sailId: string; holder: string; self: boolean } & CaptainsOf)
  | {
      kind: 'claimed';
      sailId: string;
      slotId: string;
      holder: string;
      designatedBy?: string;
      /** An admin made someone Captain who is not among the vessel's captains. */
      captainWarning?: CaptainsOf;
    };

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
  // A slot held for someone else counts as taken when picking "the first free crew slot".
  const now = deps.now();
  const holders = holdersOf(view.slots);
  for (const s of view.slots) if (isHeld(s, now) && s.heldFor !== holder) holders[s.slotId] = s.heldFor;
  const crewSlots = view.slots.filter((s) => isWaitlistSlot(s.slotId));
  if (
    input.role.trim().toLowerCase() === 'crew' &&
    crewSlots.length > 0 &&
    crewSlots.every((s) => holders[s.slotId])
  ) {
    return only({ kind: 'full', sailId: view.sail.id, waiting: view.waitlist.length });
  }
  const slot = resolveRole(
    input.role,
    view.slots.map((s) => s.slotId),
    holders,
  );
  if (!slot.ok) return only({ kind: 'bad_role', message: slot.error });
  const sailId = view.sail.id;
  let captainWarning: CaptainsOf | undefined;
  if (slot.value === CAPTAIN) {
    const vessel = await deps.fleet.get(view.sail.vesselId);
    if (vessel && !mayCaptain(vessel, holder)) {
      const of = { vesselName: vessel.name, captains: vessel.captains };
      if (!actor.isAdmin)
        return only({ kind: 'not_captain', sailId, holder, self: holder === actor.userId, ...of });
      captainWarning = of;
    }
  }
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
      case 'held':
        return only({
          kind: 'held',
          sailId,
          slotId: slot.value,
          heldFor: result.heldFor,
          until: result.until,
        });
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
      ...(captainWarning ? { captainWarning } : {}),
    },
    effects: keyed(inv.change, [
      { type: 'card.refresh', sailId, note },
      // The person designated hears it from Bosun, with how to undo it.
      ...(input.forUser && holder !== actor.userId ? [{ type: 'dm' as const, userId: holder, note }] : []),
    ]),
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
  const now = deps.now();
  const policy = deps.hold ?? defaultHoldPolicy;
  let record: SailRecord = view;
  let result: ReleaseResult | undefined;
  // A freed crew slot is held for the first on the waitlist in the same transaction. Two slots
  // freed at once cannot go to one person: the second finds them taken and offers to the next.
  for (let attempt = 0; attempt < 4; attempt++) {
    const offer = attempt < 3 && isWaitlistSlot(slotId) ? offerFor(record, now, policy) : undefined;
    result = await deps.sails.release(sailId, slotId, actor.userId, { isAdmin: actor.isAdmin, offer });
    if (result.ok || result.reason !== 'offer_taken') break;
    record = (await deps.sails.get(sailId)) ?? record;
  }
  if (!result?.ok) {
    if (result?.reason === 'empty') return only({ kind: 'already_open', sailId, slotId });
    if (result?.reason === 'not_holder')
      return only({ kind: 'not_holder', sailId, slotId, holder: result.holder });
    return only({ kind: 'no_such_sail', sailId });
  }
  const holder = result.holder;
  const note = { kind: 'released', sailId, slotId, holder, by: actor.userId } as const;
  const effects: EffectInput[] = [{ type: 'card.refresh', sailId, note }];
  // Released by an admin: the person hears it, with how to undo it.
  if (holder !== actor.userId) effects.push({ type: 'dm', userId: holder, note });
  effects.push(...waitlistNotices(record, slotId, result.offer, now));
  // An open request to cover this slot has nothing left to cover: its message says so.
  if (record.covers.some((c) => c.slotId === slotId && isLiveCover(c, record.slots))) {
    effects.push({ type: 'cover.refresh', sailId, slotId });
  }
  return {
    outcome: { kind: 'released', sailId, slotId, holder, by: actor.userId },
    effects: keyed(inv.change, effects),
  };
}

/** Who a freed slot is held for, and until when: the first in line, if a hold is worth making. */
export function offerFor(record: SailRecord, now: Date, policy: HoldPolicy): SlotOffer | undefined {
  const next = nextWaiter(record.waitlist, now);
  if (!next) return undefined;
  const until = holdUntil(now, record.sail.crewCallAt, policy);
  return until ? { userId: next.userId, until } : undefined;
}

/**
 * Who hears about a freed crew slot: the person it is held for; or, when it is too close to crew
 * call to hold, everyone waiting (first come, first served).
 */
export function waitlistNotices(
  record: SailRecord,
  slotId: string,
  offer: SlotOffer | undefined,
  now: Date,
  skip: ReadonlySet<string> = new Set(),
): EffectInput[] {
  const sailId = record.sail.id;
  if (offer) {
    return [
      {
        type: 'dm',
        userId: offer.userId,
        note: { kind: 'offer', sailId, slotId, until: offer.until.toISOString() },
      },
    ];
  }
  if (!isWaitlistSlot(slotId)) return [];
  return record.waitlist
    .filter((w) => !skip.has(w.userId) && !(w.offerUntil && w.offerUntil.getTime() > now.getTime()))
    .map((w) => ({
      type: 'dm' as const,
      userId: w.userId,
      note: { kind: 'slot_open' as const, sailId, slotId },
    }));
}
