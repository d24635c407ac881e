/**
 * Telling a guest that their sail was put on hold, is back on, or was cancelled: one email, to the
 * address on file, in the vessel's zone. Plain domain code over the mailer; the `guest.status`
 * effect sends one per guest, so a retry never tells anyone twice.
 */
import { DeliveryError } from '../errors';
import type { Mailer } from '../mail/types';
import type { GuestStore } from '../store/guests';
import { type GuestEmailTemplates, type SailStatusChange, sailStatusEmail } from './emails';
import type { Guest } from './guest';
import { vesselPlace } from './invite';
import type { GuestSail, SailPlace } from './sail-view';

/** What telling a guest needs. The mailer must be the guests' one, without the audit copy. */
export interface StatusNoticeDeps {
  mailer: Mailer;
  emails: GuestEmailTemplates;
  /** The vessel's zone and name for a sail; defaults to what the lookup joined from the fleet (`vesselPlace`). */
  placeOf?: ((sail: GuestSail) => SailPlace) | undefined;
}

/** Emails one guest of `sail` that its status changed to `to` (with the hold's reason). */
export async function sendStatusNotice(
  deps: StatusNoticeDeps,
  input: {
    sail: GuestSail;
    guest: Guest;
    to: SailStatusChange;
    from?: SailStatusChange | undefined;
    reason?: string | undefined;
  },
): Promise<void> {
  const { sail, guest, to, from, reason } = input;
  const place = (deps.placeOf ?? vesselPlace)(sail);
  await deps.mailer.send(sailStatusEmail({ templates: deps.emails, sail, place, guest, to, from, reason }));
}

/** Emails sent at once: enough to tell a full sail in a few round trips, few enough for SES's rate. */
const CONCURRENCY = 5;

/** Who was told, and whose email could not be delivered. */
export interface StatusNoticeResult {
  told: number;
  failed: { guestId: string; error: DeliveryError }[];
}

/**
 * Emails every guest of `sail` that its status changed to `to` (with the hold's reason).
 * @deprecated One job for all guests cannot retry one guest alone. The `guest.status` effect (one per
 * guest, from `usecases/sail-status.ts`) replaces it. Kept only while `src/slack/guests.ts` still
 * calls it; delete it with that call.
 */
export async function tellGuestsOfStatus(
  input: { sail: GuestSail; to: SailStatusChange; reason?: string | undefined },
  deps: StatusNoticeDeps & { guests: Pick<GuestStore, 'list'> },
): Promise<StatusNoticeResult> {
  const queue = await deps.guests.list(input.sail.id);
  const result: StatusNoticeResult = { told: 0, failed: [] };
  async function worker() {
    for (let guest = queue.shift(); guest; guest = queue.shift()) {
      try {
        await sendStatusNotice(deps, { ...input, guest });
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
