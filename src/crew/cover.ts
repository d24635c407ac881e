/**
 * Cover requests: a crew member who can no longer make it asks someone to take over their slot.
 * The request lives until someone covers it, it is withdrawn, or its requester no longer holds the
 * slot (they released it: then there is nothing to cover). Plain data, no I/O.
 */
import type { Slot } from '../sails/types';

/** Where a cover request stands. */
export const coverStatuses = {
  open: 'open',
  covered: 'covered',
  withdrawn: 'withdrawn',
} as const;

/** One of the cover states. */
export type CoverStatus = (typeof coverStatuses)[keyof typeof coverStatuses];

/** A request to take over one slot of one sail. */
export interface CoverRequest {
  sailId: string;
  slotId: string;
  /** Who held the slot when asking (and is released when someone covers). */
  requester: string;
  /** Who asked: the requester, or an admin for them. */
  requestedBy: string;
  requestedAt: Date;
  status: CoverStatus;
  /** Who took over (covered), or who withdrew it (withdrawn). */
  closedBy?: string | undefined;
  closedAt?: Date | undefined;
}

/** Whether a request can still be taken: open, and its requester still holds the slot. */
export function isLiveCover(
  request: Pick<CoverRequest, 'status' | 'requester' | 'slotId'>,
  slots: readonly Pick<Slot, 'slotId' | 'holder'>[],
): boolean {
  if (request.status !== coverStatuses.open) return false;
  return slots.some((s) => s.slotId === request.slotId && s.holder === request.requester);
}

/** A short, stable name for one request, for nudge and effect keys: its time in epoch seconds, base 36. */
export function coverStamp(request: Pick<CoverRequest, 'requestedAt'>): string {
  return Math.floor(request.requestedAt.getTime() / 1000).toString(36);
}

/**
 * Whether two time ranges overlap: a person is free for a sail when none of their other sails is
 * on the water (departure to return) at the same time.
 */
export function overlaps(
  a: { departAt: Date; returnAt: Date },
  b: { departAt: Date; returnAt: Date },
): boolean {
  return a.departAt.getTime() < b.returnAt.getTime() && b.departAt.getTime() < a.returnAt.getTime();
}
