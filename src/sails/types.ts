/**
 * The sail's plain data. In the domain every instant is a UTC `Date`; the store keeps ISO-8601
 * strings (`toISOString()`, so they sort) and converts at its boundary.
 */
import type { SailStart } from './timing';

/** A sail's lifecycle states. */
export const sailStatuses = {
  scheduled: 'scheduled',
  onHold: 'on_hold',
  cancelled: 'cancelled',
} as const;

/** One of the sail states. */
export type SailStatus = (typeof sailStatuses)[keyof typeof sailStatuses];

/** What a person asked for: a validated sail, not yet given an id or times. */
export interface SailDraft {
  /** The local date in the vessel's zone, `YYYY-MM-DD`. */
  date: string;
  /** `sunset` or a local `HH:MM`. */
  start: SailStart;
  durationMinutes: number;
  /** Crew slots besides the captain. */
  crewCount: number;
  guestCapacity: number;
  vesselId: string;
  title: string;
}

/** A planned sail. */
export interface Sail extends SailDraft {
  id: string;
  status: SailStatus;
  holdReason?: string | undefined;
  /** Why it was cancelled, when the admin said; shown to crew and guests. */
  cancelReason?: string | undefined;
  /**
   * The IANA zone the sail's date and start time were read in, and its times are shown in: its
   * vessel's zone when it was planned (or last edited).
   */
  zone: string;
  crewCallAt: Date;
  departAt: Date;
  sunsetAt: Date;
  civilDuskAt: Date;
  returnAt: Date;
  /** Slack user id of the admin who created it. */
  createdBy: string;
  createdAt: Date;
  /** Bumped on every change to the sail itself (not on claims). */
  version: number;
  /** The weekly series the sail was created in (`/sail create … every=`), if any. */
  seriesId?: string | undefined;
}

/** One role on a sail and who holds it. */
export interface Slot {
  sailId: string;
  /** `captain` or `crew-<n>`. */
  slotId: string;
  /** Slack user id of the holder; absent when free. */
  holder?: string | undefined;
  claimedAt?: Date | undefined;
  /** Admin who designated the holder, when it was not a self-claim. */
  designatedBy?: string | undefined;
  /** A free slot offered to someone on the waitlist is held for them alone… */
  heldFor?: string | undefined;
  /** …until then. */
  heldUntil?: Date | undefined;
}

/** A person's membership of a sail: the one slot they hold. */
export interface Member {
  sailId: string;
  userId: string;
  slotId: string;
  departAt: Date;
}
