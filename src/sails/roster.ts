/**
 * The roster: slot ids, resolving what a person typed to a slot, and the pure rules for who may
 * claim what. Holds still allow claims (the card shows the hold, so crew can line up for when it
 * lifts); a cancelled or departed sail cannot be claimed. The store enforces the same rules with
 * conditions; these checks give the friendly answer before any write.
 */
import { fail, ok, type Result } from './result';
import { hasDeparted } from './sail';
import { type Sail, type Slot, sailStatuses } from './types';

/** The captain's slot id. */
export const CAPTAIN = 'captain';

/** The role word meaning "the first free crew slot". */
export const ANY_CREW = 'crew';

/** The slot id of the n-th crew member (1-based). */
export function crewSlot(n: number): string {
  return `crew-${n}`;
}

/** The slots of a sail with `crewCount` crew besides the captain, in roster order. */
export function slotsFor(crewCount: number): string[] {
  return [CAPTAIN, ...Array.from({ length: crewCount }, (_, i) => crewSlot(i + 1))];
}

/** Whether `slotId` looks like a slot id (`captain` or `crew-<n>`). */
export function isSlotId(slotId: string): boolean {
  return slotId === CAPTAIN || /^crew-[1-9]\d*$/.test(slotId);
}

/** Roster order: captain first, then crew by number (not the string order DynamoDB sorts in). */
export function compareSlotIds(a: string, b: string): number {
  const rank = (s: string) =>
    s === CAPTAIN ? 0 : Number(s.slice('crew-'.length)) || Number.MAX_SAFE_INTEGER;
  return rank(a) - rank(b) || a.localeCompare(b);
}

/** A readable name for a slot: `Captain`, `Crew 2`. */
export function slotLabel(slotId: string): string {
  if (slotId === CAPTAIN) return 'Captain';
  const n = /^crew-(\d+)$/.exec(slotId)?.[1];
  return n ? `Crew ${n}` : slotId;
}

/** Who holds which slot (`slotId → userId`); a free slot is absent or undefined. */
export type Holders = Readonly<Record<string, string | undefined>>;

/** The holders map of a list of slots. */
export function holdersOf(slots: readonly Slot[]): Record<string, string | undefined> {
  return Object.fromEntries(slots.map((s) => [s.slotId, s.holder]));
}

/** Free slots, in roster order. */
export function freeSlots(slots: readonly string[], holders: Holders): string[] {
  return [...slots].sort(compareSlotIds).filter((s) => !holders[s]);
}

/**
 * Resolves a typed role to a slot: `captain`, `crew` (the first free crew slot) or a slot id
 * such as `crew-2` (case-insensitive). A specific slot resolves even when taken, so the claim
 * can report who holds it.
 */
export function resolveRole(role: string, slots: readonly string[], holders: Holders): Result<string> {
  const r = role.trim().toLowerCase();
  const crewSlots = slots.filter((s) => s !== CAPTAIN);
  if (r === ANY_CREW) {
    if (crewSlots.length === 0) return fail('This sail has no crew slots; only captain can be claimed.');
    const free = freeSlots(crewSlots, holders)[0];
    if (!free) return fail(`Every crew slot is taken (${crewSlots.join(', ')}).`);
    return ok(free);
  }
  if (slots.includes(r)) return ok(r);
  const choices = [CAPTAIN, ...(crewSlots.length > 0 ? [ANY_CREW, ...crewSlots] : [])];
  return fail(`"${role}" is not a role on this sail. Use one of: ${choices.join(', ')}.`);
}

/** Why a sail takes no claims. */
export const closedReasons = {
  cancelled: 'cancelled',
  departed: 'departed',
} as const;

/** One of the reasons a sail is closed to claims. */
export type ClosedReason = (typeof closedReasons)[keyof typeof closedReasons];

/** Whether a sail takes claims; open sails say whether they are on hold. */
export type Claimability =
  | { ok: true; onHold: boolean }
  | { ok: false; reason: ClosedReason; message: string };

/** Can anyone claim a slot on this sail now? Cancelled and departed sails cannot be claimed. */
export function checkClaimable(sail: Pick<Sail, 'id' | 'status' | 'departAt'>, now: Date): Claimability {
  if (sail.status === sailStatuses.cancelled) {
    return {
      ok: false,
      reason: closedReasons.cancelled,
      message: `${sail.id} is cancelled; its roles are closed.`,
    };
  }
  if (hasDeparted(sail, now)) {
    return {
      ok: false,
      reason: closedReasons.departed,
      message: `${sail.id} has already departed; its roles are closed. \`/sail list\` shows upcoming sails.`,
    };
  }
  return { ok: true, onHold: sail.status === sailStatuses.onHold };
}
