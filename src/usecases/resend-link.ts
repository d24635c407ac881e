/**
 * "Email me a new link" from the guest page, for the guest behind a used or expired code. Unlike
 * every other guest email this one is sent before the answer: the page must tell the guest whether
 * it went. The mail goes to the address on file (never a typed one) through the injected sender,
 * whose SES client has a timeout, so the wait is bounded. No effects.
 *
 * Refused, with no email: for a guest who has signed (they are done), for a cancelled or departed
 * sail, and past a daily cap per guest. A refused send (SES said no) leaves the guest's earlier link
 * working, and does not count against the cap.
 */

import { type Done, only } from '../effects/types';
import { DeliveryError } from '../errors';
import { type Guest, maskEmail } from '../guests/guest';
import { vesselPlace } from '../guests/invite';
import {
  type GuestSail,
  type GuestSailLookup,
  localDateTimeLabel,
  type SailPlace,
} from '../guests/sail-view';
import { logger } from '../log';
import type { GuestStore } from '../store/guests';
import type { Invocation } from './context';

/** One send taken from a guest's daily allowance, or why not. */
export type QuotaTake =
  | { ok: true; giveBack: () => Promise<void> }
  | { ok: false; retryAfterSeconds: number };

/** What re-sending needs. */
export interface ResendLinkDeps {
  guests: Pick<GuestStore, 'get'>;
  sails: GuestSailLookup;
  /** Says whether the sail has departed. */
  now: () => Date;
  /** Takes one new link from the guest's daily cap (`giveBack` when the email did not go). */
  quota: (guestId: string) => Promise<QuotaTake>;
  /**
   * Makes a fresh code and emails the link now (`sendInvitation` over the guests' mailer); throws
   * `DeliveryError` when the mail cannot go.
   */
  sendInvitation: (input: { guest: Guest; sail: GuestSail; resent: true }) => Promise<void>;
  /** The vessel's zone; defaults to what the lookup joined from the fleet. */
  placeOf?: ((sail: GuestSail) => SailPlace) | undefined;
}

/** What a re-send came to; `message` is a sentence the page shows as is. */
export type ResendLinkOutcome =
  | { kind: 'not_found'; message: string }
  | { kind: 'signed'; signedAt?: string | undefined; signedAtLabel?: string | undefined; message: string }
  | { kind: 'cancelled'; message: string }
  | { kind: 'departed'; message: string }
  | { kind: 'too_many'; retryAfterSeconds: number; message: string }
  | { kind: 'delivery_failed'; message: string }
  | { kind: 'sent'; guestId: string; message: string };

/** Emails a fresh magic link to the address on file for a guest. */
export async function resendLink(
  deps: ResendLinkDeps,
  _inv: Invocation,
  input: { sailId: string; guestId: string },
): Promise<Done<ResendLinkOutcome>> {
  const [sail, guest] = await Promise.all([
    deps.sails.get(input.sailId),
    deps.guests.get(input.sailId, input.guestId),
  ]);
  if (!sail || !guest) {
    return only({
      kind: 'not_found',
      message: 'We could not find this invitation any more. Ask the person who invited you.',
    });
  }
  if (guest.status === 'signed') {
    const label = guest.signedAt
      ? localDateTimeLabel(new Date(guest.signedAt), (deps.placeOf ?? vesselPlace)(sail).zone)
      : undefined;
    return only({
      kind: 'signed',
      signedAt: guest.signedAt,
      signedAtLabel: label,
      message: label
        ? `You signed the waiver on ${label}; you are all set, so there is no new link to send.`
        : 'You have signed the waiver; you are all set, so there is no new link to send.',
    });
  }
  if (sail.status === 'cancelled') {
    return only({
      kind: 'cancelled',
      message: 'This sail has been cancelled, so there is no new link to send.',
    });
  }
  if (sail.departAt.getTime() <= deps.now().getTime()) {
    return only({
      kind: 'departed',
      message: 'This sail has already left the dock, so there is no new link to send.',
    });
  }
  const quota = await deps.quota(guest.id);
  if (!quota.ok) {
    return only({
      kind: 'too_many',
      retryAfterSeconds: quota.retryAfterSeconds,
      message:
        'We have already sent you several new links today. Check your inbox and spam folder for the newest one, or ask the person who invited you.',
    });
  }
  try {
    await deps.sendInvitation({ guest, sail, resent: true });
  } catch (err) {
    if (!(err instanceof DeliveryError)) throw err;
    await quota.giveBack();
    logger.warn('new link not delivered', { sailId: sail.id, guestId: guest.id, error: err.message });
    return only({
      kind: 'delivery_failed',
      message:
        'We could not send the email just now, so nothing has changed: any link we sent you before still works. Please try again in a few minutes.',
    });
  }
  return only({
    kind: 'sent',
    guestId: guest.id,
    message: `We emailed a new link to ${maskEmail(guest.email)}. It works once, for 24 hours.`,
  });
}
