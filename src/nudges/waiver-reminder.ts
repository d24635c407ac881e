/**
 * The waiver reminder sender: a fresh magic link for the guest, emailed with the reminder. The code
 * is made on the sweep's clock, so `bosun nudge --now <time>` states (and stores) the expiry of that
 * moment; the link retires the guest's earlier ones only once SES accepted the email (`issueLink`).
 * Built over the code store and the guests' `Mailer` (no audit copy: links are credentials).
 */

import { issueLink } from '../guests/links';
import { waiverReminderEmail } from '../guests/reminder-email';
import type { GuestSail, SailPlace } from '../guests/sail-view';
import type { Mailer } from '../mail/types';
import type { Sail } from '../sails/types';
import type { CodeStore } from '../store/codes';
import type { NudgeSenders, SweepGuest } from './sweep';

/** Builds `send.waiverReminder` for `runSweep`. */
export function createWaiverReminder(deps: {
  codes: Pick<CodeStore, 'create' | 'activate'>;
  mailer: Mailer;
  /** Base of magic links (`Config.publicUrl`). */
  publicUrl: string;
  /** Zone, name and directions of a sail's vessel; defaults to what the lookup joined from the fleet. */
  placeOf?: ((sail: GuestSail) => SailPlace) | undefined;
}): NonNullable<NudgeSenders<unknown>['waiverReminder']> {
  return async ({ sail, guest, now }: { sail: Sail; guest: SweepGuest; now?: Date | undefined }) => {
    await issueLink(deps, { guestId: guest.id, sailId: sail.id, at: now }, async ({ url, expiresAt }) => {
      const mail = waiverReminderEmail(sail, guest, url, expiresAt, deps.placeOf?.(sail));
      await deps.mailer.send({ to: [guest.email], ...mail });
    });
  };
}
