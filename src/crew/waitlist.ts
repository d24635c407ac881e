/**
 * The waitlist's rules, as plain data: when every crew slot is taken people line up; a slot that
 * frees is held for the first in line alone for a while (`holdUntil`), and offered to the next one
 * when they let it pass. No I/O.
 */
import { CAPTAIN } from '../sails/roster';
import type { Slot } from '../sails/types';

/** One person waiting for a crew slot on a sail. */
export interface Waiter {
  sailId: string;
  userId: string;
  joinedAt: Date;
  /** The slot held for them right now, if any (see `offerUntil`). */
  offeredSlot?: string | undefined;
  offerUntil?: Date | undefined;
}

/** How long a freed slot is held for the person it is offered to. */
export interface HoldPolicy {
  /** The hold lasts this long… */
  holdMinutes: number;
  /** …but ends this many hours before crew call, whichever is sooner. */
  cutoffHours: number;
  /** A hold shorter than this is not worth making: the slot is open to all instead. */
  minimumMinutes: number;
}

/** 2 hours, or until 6 hours before crew call (issue 13); never less than 15 minutes. */
export const defaultHoldPolicy: Readonly<HoldPolicy> = Object.freeze({
  holdMinutes: 120,
  cutoffHours: 6,
  minimumMinutes: 15,
});

const MINUTE = 60_000;

/**
 * Until when a slot freed at `now` is held for one person: `holdMinutes` from now or `cutoffHours`
 * before crew call, whichever is sooner; undefined when that leaves less than `minimumMinutes`
 * (then the slot is open to everyone at once).
 */
export function holdUntil(
  now: Date,
  crewCallAt: Date,
  policy: HoldPolicy = defaultHoldPolicy,
): Date | undefined {
  const until = Math.min(
    now.getTime() + policy.holdMinutes * MINUTE,
    crewCallAt.getTime() - policy.cutoffHours * 60 * MINUTE,
  );
  return until - now.getTime() >= policy.minimumMinutes * MINUTE ? new Date(until) : undefined;
}

/** Whether a free slot is held for someone at `now`. */
export function isHeld(slot: Pick<Slot, 'holder' | 'heldFor' | 'heldUntil'>, now: Date): boolean {
  return !slot.holder && !!slot.heldFor && !!slot.heldUntil && slot.heldUntil.getTime() > now.getTime();
}

/** Whether `userId` may claim `slot` now: free, and not held for someone else. */
export function claimableBy(
  slot: Pick<Slot, 'holder' | 'heldFor' | 'heldUntil'>,
  userId: string,
  now: Date,
): boolean {
  return !slot.holder && (!isHeld(slot, now) || slot.heldFor === userId);
}

/** Whether a waiter has a slot held for them at `now`. */
export function hasLiveOffer(w: Pick<Waiter, 'offerUntil'>, now: Date): boolean {
  return !!w.offerUntil && w.offerUntil.getTime() > now.getTime();
}

/** The waitlist in order: first come, first served (ties by user id, so the order is stable). */
export function inLine(waitlist: readonly Waiter[]): Waiter[] {
  return [...waitlist].sort(
    (a, b) => a.joinedAt.getTime() - b.joinedAt.getTime() || a.userId.localeCompare(b.userId),
  );
}

/** The first in line with nothing held for them, other than the people in `skip`. */
export function nextWaiter(
  waitlist: readonly Waiter[],
  now: Date,
  skip: ReadonlySet<string> = new Set(),
): Waiter | undefined {
  return inLine(waitlist).find((w) => !skip.has(w.userId) && !hasLiveOffer(w, now));
}

/** A person's place in line (1-based), or undefined when not on it. */
export function placeInLine(waitlist: readonly Waiter[], userId: string): number | undefined {
  const i = inLine(waitlist).findIndex((w) => w.userId === userId);
  return i < 0 ? undefined : i + 1;
}

/** Whether the waitlist is for this slot: crew slots only (Captain has its own rules). */
export function isWaitlistSlot(slotId: string): boolean {
  return slotId !== CAPTAIN;
}

/**
 * Whether every crew slot is taken for someone who is not aboard: held by a crew member, or held
 * for a person the slot was offered to. A sail without crew slots has no waitlist.
 */
export function crewIsFull(
  slots: readonly Pick<Slot, 'slotId' | 'holder' | 'heldFor' | 'heldUntil'>[],
  now: Date,
): boolean {
  const crew = slots.filter((s) => isWaitlistSlot(s.slotId));
  return crew.length > 0 && crew.every((s) => !!s.holder || isHeld(s, now));
}
