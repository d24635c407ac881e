/**
 * A guest on a sail: someone outside Slack who was invited by email and whose seat is on hold
 * until they sign the waiver. Plain data and rules; storage lives in `src/store/guests.ts`.
 */
import { z } from 'zod';
import { cleanName, letterCount, NAME_MIN_LETTERS } from './waiver-rules';

/** A guest's own status: the seat is held until the waiver is signed. */
export const guestStatuses = { onHold: 'on_hold', signed: 'signed' } as const;
/** One of the guest statuses. */
export type GuestStatus = (typeof guestStatuses)[keyof typeof guestStatuses];

/** A guest record as stored and returned by the guest store. */
export interface Guest {
  id: string;
  sailId: string;
  name: string;
  /** Lower-cased and trimmed, so the same person is never invited twice to one sail. */
  email: string;
  invitedAt: string;
  invitedBy?: string | undefined;
  status: GuestStatus;
  signedAt?: string | undefined;
  signedName?: string | undefined;
  minors?: number | undefined;
  /** The newest magic code emailed to the guest: only that one works (set by the code store). */
  latestCode?: string | undefined;
  /** When that code was issued. */
  linkIssuedAt?: string | undefined;
  /** When the guest was checked in at the dock, and by whom (a Slack user id). */
  checkedInAt?: string | undefined;
  checkedInBy?: string | undefined;
  /** Set at departure for a guest nobody checked in. */
  noShowAt?: string | undefined;
}

/** Longest name accepted for a guest or a signer. */
export const NAME_MAX = 120;

/** Lower-cases and trims an address; the domain part is case-insensitive and people type both. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** What an admin types to invite a guest, validated at the border. */
export const guestInvite = z.object({
  email: z
    .string()
    .trim()
    .pipe(z.email({ error: 'That is not an email address: write it like jane@example.com.' }))
    .transform(normalizeEmail),
  // Cleaned like a signer's name (`cleanName`): invisible characters go, and letters must remain.
  name: z
    .string()
    .transform(cleanName)
    .pipe(
      z
        .string()
        .min(1, 'Give the guest’s name after the email address.')
        .max(NAME_MAX, `Keep the guest’s name under ${NAME_MAX} characters.`)
        .refine((n) => letterCount(n) >= NAME_MIN_LETTERS, {
          error: 'Give the guest’s name in letters: at least two of them.',
        }),
    ),
});
/** A validated invitation's guest part. */
export type GuestInvite = z.infer<typeof guestInvite>;

/** True while the sail has a free guest seat. */
export function hasGuestSeat(currentGuests: number, capacity: number): boolean {
  return currentGuests < capacity;
}

/** Hides most of an address for messages shown to whoever holds a link, e.g. `ja…@example.com`. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '…';
  const local = email.slice(0, at);
  return `${local.slice(0, Math.min(2, local.length - 1) || 1)}…${email.slice(at)}`;
}
