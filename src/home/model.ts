/**
 * What a person's App Home shows, as plain data: their upcoming roles, the open roles they may
 * claim, their calendar link and, for admins, the upcoming sails with fill and waiver status and
 * the fleet. Built by the `readHome` use case and drawn by `slack/blocks/home.ts`.
 *
 * Long lists are paged: each page shows at most `homePage` items of each list, so the view stays
 * well inside Block Kit's 100 blocks, and a "More" button publishes the next page.
 */
import { claimableBy } from '../crew/waitlist';
import { CAPTAIN, holdersOf } from '../sails/roster';
import type { Sail, Slot } from '../sails/types';

/** Items of each list per page. With headers and buttons a page stays under ~75 blocks. */
export const homePage = {
  roles: 15,
  openRoles: 15,
  adminSails: 15,
  vessels: 20,
} as const;

/** How far ahead the home looks for open roles and (for admins) upcoming sails. */
export const HOME_DAYS = 90;

/** Most sails read from the by-departure index for one home (one Query page). */
export const HOME_SAIL_LIMIT = 200;

/** A vessel as the home lists it; read from the fleet store (`storedFleet`). */
export interface HomeVessel {
  id: string;
  name: string;
  kind?: string | undefined;
  homePort: string;
  zone: string;
  guestCapacity: number;
  maxCrew: number;
  /** Where guests and crew meet (dock, slip). */
  meetingPlace?: string | undefined;
  /** Who may claim Captain; empty or absent: anyone. */
  captains?: readonly string[] | undefined;
  retired?: boolean | undefined;
}

/** One of the person's roles. */
export interface HomeRole {
  sail: Sail;
  slotId: string;
}

/** An open role the person may claim: the first free crew slot of a sail, or its captain slot. */
export interface OpenRole {
  sail: Sail;
  /** The slot a Claim button takes (`captain`, or the first free `crew-<n>`). */
  slotId: string;
  /** Free slots of this kind on the sail (crew: all free crew slots). */
  free: number;
}

/** An upcoming sail as an admin sees it on the home. */
export interface AdminSail {
  sail: Sail;
  crew: { held: number; total: number };
  guests: { seatsTaken: number; capacity: number; invited: number; signed: number };
}

/** Everything one page of the home shows. */
export interface HomeModel {
  userId: string;
  isAdmin: boolean;
  /** 0-based. */
  page: number;
  roles: HomeRole[];
  moreRoles: boolean;
  openRoles: OpenRole[];
  moreOpenRoles: boolean;
  /** The person's feed URL, when they have asked for one. */
  calendarUrl?: string | undefined;
  admin?: { sails: AdminSail[]; moreSails: boolean; fleet: HomeVessel[] } | undefined;
  /** A line shown at the top: the answer to the person's last action from the home. */
  notice?: string | undefined;
}

/** Whether any list has a next page. */
export function hasMore(home: HomeModel): boolean {
  return home.moreRoles || home.moreOpenRoles || Boolean(home.admin?.moreSails);
}

/**
 * The roles `userId` may claim on one sail: none if they already crew it; else Captain when it is
 * free and they may (a vessel with captains listed lets only those claim it), and the first free
 * crew slot.
 */
export function openRolesOn(
  sail: Sail,
  slots: readonly Slot[],
  userId: string,
  captains: readonly string[] | undefined,
  now: Date = new Date(),
): OpenRole[] {
  const holders = holdersOf(slots);
  if (Object.values(holders).includes(userId)) return [];
  const out: OpenRole[] = [];
  const captainFree = slots.some((s) => s.slotId === CAPTAIN && !s.holder);
  if (captainFree && (!captains || captains.length === 0 || captains.includes(userId))) {
    out.push({ sail, slotId: CAPTAIN, free: 1 });
  }
  // A slot held for someone on the waitlist is theirs alone until the hold ends.
  const freeCrew = slots.filter((s) => s.slotId !== CAPTAIN && claimableBy(s, userId, now));
  const first = freeCrew[0];
  if (first) out.push({ sail, slotId: first.slotId, free: freeCrew.length });
  return out;
}

/** The slice of a list for a page, and whether more follow it. */
export function pageOf<T>(items: readonly T[], page: number, size: number): { items: T[]; more: boolean } {
  const start = page * size;
  return { items: items.slice(start, start + size), more: items.length > start + size };
}
