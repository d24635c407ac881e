/**
 * Telling a sail's guests that it was put on hold, is back on, or was cancelled: one email each, to
 * the address on file, in the vessel's zone. Plain domain code over the guest store and the mailer.
 */
import { DeliveryError } from '../errors';
import type { Mailer } from '../mail/types';
import type { GuestStore } from '../store/guests';
import { type GuestEmailTemplates, type SailStatusChange, sailStatusEmail } from './emails';
import { vesselPlace } from './invite';
import type { GuestSail, SailPlace } from './sail-view';

/** Emails sent at once: enough to tell a full sail in a few round trips, few enough for SES's rate. */
const CONCURRENCY = 5;

/** What telling guests needs. The mailer must be the guests' one, without the audit copy. */
export interface StatusNoticeDeps {
  guests: Pick<GuestStore, 'list'>;
  mailer: Mailer;
  emails: GuestEmailTemplates;
  /** The vessel's zone and name for a sail; defaults to the fleet registry (`vesselPlace`). */
  placeOf?: (sail: GuestSail) => SailPlace;
}

/** Who was told, and whose email could not be delivered. */
export interface StatusNoticeResult {
  told: number;
  failed: { guestId: string; error: DeliveryError }[];
}

/** Emails every guest of `sail` that its status changed to `to` (with the hold's reason). */
export async function tellGuestsOfStatus(
  input: { sail: GuestSail; to: SailStatusChange; reason?: string | undefined },
  deps: StatusNoticeDeps,
): Promise<StatusNoticeResult> {
  const { sail, to, reason } = input;
  const place = (deps.placeOf ?? vesselPlace)(sail);
  const queue = await deps.guests.list(sail.id);
  const result: StatusNoticeResult = { told: 0, failed: [] };
  async function worker() {
    for (let guest = queue.shift(); guest; guest = queue.shift()) {
      try {
        await deps.mailer.send(sailStatusEmail({ templates: deps.emails, sail, place, guest, to, reason }));
        result.told++;
      } catch (err) {
        // One unreachable guest must not keep the others from being told.
        if (!(err instanceof DeliveryError)) throw err;
        result.failed.push({ guestId: guest.id, error: err });
      }
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return result;
}
