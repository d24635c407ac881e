/**
 * The waitlist: joining a full sail's list ("Join the waitlist", `roster.waitlist`), leaving it,
 * letting a slot held for you pass, and — run by the sweep with its clock — moving a hold that ran
 * out on to the next in line. A freed slot is held for one person at a time (see
 * `src/crew/waitlist.ts`); the release that frees it makes the first hold (`releaseRole`).
 */
import {
  claimableBy,
  crewIsFull,
  defaultHoldPolicy,
  type HoldPolicy,
  hasLiveOffer,
  holdUntil,
  nextWaiter,
  placeInLine,
} from '../crew/waitlist';
import { type Done, type EffectInput, keyed, only } from '../effects/types';
import { checkClaimable } from '../sails/roster';
import type { CrewStore, HoldEntry } from '../store/crew';
import type { SailStore, SlotOffer } from '../store/sails';
import type { Invocation, NoSuchSail } from './context';
import { waitlistNotices } from './roster';

/** What the waitlist needs. */
export interface WaitlistDeps {
  sails: Pick<SailStore, 'get'>;
  crew: Pick<CrewStore, 'join' | 'leave' | 'endedHolds' | 'moveHold' | 'dropHoldEntry'>;
  now: () => Date;
  hold?: HoldPolicy | undefined;
}

/** What joining came to. */
export type JoinWaitlistOutcome =
  | NoSuchSail
  | { kind: 'closed'; message: string }
  | { kind: 'aboard'; sailId: string; slotId: string }
  | { kind: 'not_full'; sailId: string; free: string[] }
  | { kind: 'no_crew'; sailId: string }
  | { kind: 'already_waiting'; sailId: string; place: number }
  | { kind: 'joined'; sailId: string; place: number };

/** Puts the actor on a full sail's waitlist. */
export async function joinWaitlist(
  deps: WaitlistDeps,
  inv: Invocation,
  input: { sailId: string },
): Promise<Done<JoinWaitlistOutcome>> {
  const userId = inv.actor.userId;
  const now = deps.now();
  const record = await deps.sails.get(input.sailId);
  if (!record) return only({ kind: 'no_such_sail', sailId: input.sailId });
  const sailId = record.sail.id;
  const open = checkClaimable(record.sail, now);
  if (!open.ok) return only({ kind: 'closed', message: open.message });
  const mine = record.members.find((m) => m.userId === userId);
  if (mine) return only({ kind: 'aboard', sailId, slotId: mine.slotId });
  const waiting = placeInLine(record.waitlist, userId);
  if (waiting) return only({ kind: 'already_waiting', sailId, place: waiting });
  if (!record.slots.some((s) => s.slotId !== 'captain')) return only({ kind: 'no_crew', sailId });
  if (!crewIsFull(record.slots, now)) {
    const free = record.slots
      .filter((s) => s.slotId !== 'captain' && claimableBy(s, userId, now))
      .map((s) => s.slotId);
    return only({ kind: 'not_full', sailId, free });
  }
  const r = await deps.crew.join(sailId, userId);
  if (!r.ok) {
    if (r.reason === 'aboard') return only({ kind: 'aboard', sailId, slotId: r.slotId });
    if (r.reason === 'waiting')
      return only({ kind: 'already_waiting', sailId, place: record.waitlist.length });
    return only({
      kind: 'closed',
      message: `${sailId} is ${r.status === 'cancelled' ? 'cancelled' : 'closed'}.`,
    });
  }
  return {
    outcome: { kind: 'joined', sailId, place: record.waitlist.length + 1 },
    // The card shows how many wait.
    effects: keyed(inv.change, [{ type: 'card.refresh', sailId }]),
  };
}

/** What leaving (or letting a held slot pass) came to. */
export type LeaveWaitlistOutcome =
  | NoSuchSail
  | { kind: 'not_waiting'; sailId: string }
  | { kind: 'left'; sailId: string; passedOn?: string | undefined };

/** Takes the actor off the waitlist; a slot held for them goes to the next in line at once. */
export async function leaveWaitlist(
  deps: WaitlistDeps,
  inv: Invocation,
  input: { sailId: string },
): Promise<Done<LeaveWaitlistOutcome>> {
  const userId = inv.actor.userId;
  const now = deps.now();
  const record = await deps.sails.get(input.sailId);
  if (!record) return only({ kind: 'no_such_sail', sailId: input.sailId });
  const sailId = record.sail.id;
  const me = record.waitlist.find((w) => w.userId === userId);
  if (!me) return only({ kind: 'not_waiting', sailId });
  if (me.offeredSlot && me.offerUntil && hasLiveOffer(me, now)) {
    return passHold(deps, inv.change, sailId, me.offeredSlot, { userId, until: me.offerUntil }, 'declined');
  }
  await deps.crew.leave(sailId, userId);
  return {
    outcome: { kind: 'left', sailId },
    effects: keyed(inv.change, [{ type: 'card.refresh', sailId }]),
  };
}

/** "Let it pass" on a slot held for the actor: it goes to the next in line now. */
export async function declineOffer(
  deps: WaitlistDeps,
  inv: Invocation,
  input: { sailId: string; slotId: string },
): Promise<Done<LeaveWaitlistOutcome | { kind: 'no_hold'; sailId: string; slotId: string }>> {
  const userId = inv.actor.userId;
  const record = await deps.sails.get(input.sailId);
  if (!record) return only({ kind: 'no_such_sail', sailId: input.sailId });
  const sailId = record.sail.id;
  const slot = record.slots.find((s) => s.slotId === input.slotId);
  if (!slot || slot.holder || slot.heldFor !== userId || !slot.heldUntil) {
    return only({ kind: 'no_hold', sailId, slotId: input.slotId });
  }
  return passHold(deps, inv.change, sailId, slot.slotId, { userId, until: slot.heldUntil }, 'declined');
}

/**
 * Moves the holds that ran out by `now` on to the next in line (the sweep, with its clock). Each
 * move is keyed by the hold it ends, so a sweep run twice tells nobody twice.
 */
export async function moveHoldsOn(deps: WaitlistDeps, now: Date): Promise<Done<{ moved: number }>> {
  const ended = await deps.crew.endedHolds(now);
  const effects = [];
  let moved = 0;
  for (const entry of ended) {
    const done = await moveOne(deps, entry, now);
    if (done.effects.length > 0) moved++;
    effects.push(...done.effects);
  }
  return { outcome: { moved }, effects };
}

async function moveOne(deps: WaitlistDeps, entry: HoldEntry, now: Date): Promise<Done<unknown>> {
  const change = `hold:${entry.sailId}:${entry.slotId}:${entry.until.toISOString()}`;
  const done = await passHold(
    { ...deps, now: () => now },
    change,
    entry.sailId,
    entry.slotId,
    { userId: entry.userId, until: entry.until },
    'ended',
  );
  if (done.outcome.kind !== 'left') await deps.crew.dropHoldEntry(entry);
  return done;
}

/**
 * Ends `from`'s hold on a free slot and holds it for the next in line (or for nobody: then, if
 * people still wait and a hold is no longer worth making, each is told it is open). `from` leaves
 * the list. One transaction; if the next person was taken meanwhile, the one after is tried.
 */
async function passHold(
  deps: WaitlistDeps,
  change: string,
  sailId: string,
  slotId: string,
  from: SlotOffer,
  why: 'ended' | 'declined',
): Promise<Done<LeaveWaitlistOutcome>> {
  const now = deps.now();
  const policy = deps.hold ?? defaultHoldPolicy;
  const skip = new Set([from.userId]);
  for (let attempt = 0; attempt < 4; attempt++) {
    const record = await deps.sails.get(sailId);
    if (!record) return only({ kind: 'no_such_sail', sailId });
    const slot = record.slots.find((s) => s.slotId === slotId);
    const stands =
      !!slot &&
      !slot.holder &&
      slot.heldFor === from.userId &&
      slot.heldUntil?.getTime() === from.until.getTime();
    if (!stands) return only({ kind: 'not_waiting', sailId });
    const open = checkClaimable(record.sail, now).ok;
    const next = open ? nextWaiter(record.waitlist, now, skip) : undefined;
    const until = next ? holdUntil(now, record.sail.crewCallAt, policy) : undefined;
    const to = next && until ? { userId: next.userId, until } : undefined;
    const r = await deps.crew.moveHold(sailId, slotId, from, to);
    if (!r.ok && r.reason === 'stale') return only({ kind: 'not_waiting', sailId });
    if (!r.ok) continue;
    const effects: EffectInput[] = [{ type: 'card.refresh', sailId }];
    if (why === 'ended')
      effects.push({ type: 'dm', userId: from.userId, note: { kind: 'offer_lapsed', sailId, slotId } });
    if (open) effects.push(...waitlistNotices(record, slotId, to, now, skip));
    return { outcome: { kind: 'left', sailId, passedOn: to?.userId }, effects: keyed(change, effects) };
  }
  return only({ kind: 'not_waiting', sailId });
}
