/**
 * The waiver reminder sender: a fresh magic code for the guest, then the reminder email with the
 * link. Built over the code store and the `Mailer`, so it runs the same on SES and the emulator.
 */

import { waiverReminderEmail } from '../guests/reminder-email';
import type { Mailer } from '../mail/types';
import type { Sail } from '../sails/types';
import type { CodeStore } from '../store/codes';
import type { NudgeSenders, SweepGuest } from './sweep';

/** Builds `send.waiverReminder` for `runSweep`. */
export function createWaiverReminder(deps: {
  codes: Pick<CodeStore, 'create'>;
  mailer: Mailer;
  /** Base of magic links (`Config.publicUrl`). */
  publicUrl: string;
  /** Audit copy (`Config.mail.auditBcc`). */
  auditBcc?: string;
}): NonNullable<NudgeSenders<unknown>['waiverReminder']> {
  return async ({ sail, guest }: { sail: Sail; guest: SweepGuest }) => {
    const { code, expiresAt } = await deps.codes.create({ guestId: guest.id, sailId: sail.id });
    const link = `${deps.publicUrl.replace(/\/+$/, '')}/g/${code}`;
    const mail = waiverReminderEmail(sail, guest, link, expiresAt);
    await deps.mailer.send({
      to: [guest.email],
      ...mail,
      ...(deps.auditBcc ? { bcc: [deps.auditBcc] } : {}),
    });
  };
}
