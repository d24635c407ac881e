/**
 * "Email me a new link" from the guest page, for the guest behind a used or expired code. Unlike
 * every other guest email this one is sent before the answer: the page must tell the guest whether
 * it went. The mail goes to the address on file (never a typed one) through the injected sender,
 * whose SES client has a timeout, so the wait is bounded. No effects.
 */

import { type Done, only } from '../effects/types';
import { DeliveryError } from '../errors';
import { type Guest, maskEmail } from '../guests/guest';
import type { GuestSail, GuestSailLookup } from '../guests/sail-view';
import { logger } from '../log';
import type { GuestStore } from '../store/guests';
import type { Invocation } from './context';

/** What re-sending needs. */
export interface ResendLinkDeps {
  guests: Pick<GuestStore, 'get'>;
  sails: GuestSailLookup;
  /**
   * Makes a fresh code and emails the link now (`sendInvitation` over the guests' mailer); throws
   * `DeliveryError` when the mail cannot go.
   */
  sendInvitation: (input: { guest: Guest; sail: GuestSail; resent: true }) => Promise<void>;
}

/** What a re-send came to; `message` is a sentence the page shows as is. */
export type ResendLinkOutcome =
  | { kind: 'not_found'; message: string }
  | { kind: 'cancelled'; message: string }
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
  if (sail.status === 'cancelled') {
    return only({
      kind: 'cancelled',
      message: 'This sail has been cancelled, so there is no new link to send.',
    });
  }
  try {
    await deps.sendInvitation({ guest, sail, resent: true });
  } catch (err) {
    if (!(err instanceof DeliveryError)) throw err;
    logger.warn('new link not delivered', { sailId: sail.id, guestId: guest.id, error: err.message });
    return only({
      kind: 'delivery_failed',
      message: 'We could not send the email just now. Please try again in a few minutes.',
    });
  }
  return only({
    kind: 'sent',
    guestId: guest.id,
    message: `We emailed a new link to ${maskEmail(guest.email)}. It works once, for 24 hours.`,
  });
}
