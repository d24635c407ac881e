import { describe, expect, it } from 'vitest';
import { DeliveryError } from '../../src/errors';
import { tellGuestsOfStatus } from '../../src/guests/status-notice';
import type { Mailer } from '../../src/mail/types';
import { guestApiHarness, mailTo, uniqueEmail } from './fixtures';

describe('tellGuestsOfStatus (deprecated, for the Slack job until it moves to guest.status effects)', () => {
  it('emails every guest once; one unreachable address does not stop the others', async () => {
    const h = await guestApiHarness();
    const sail = await h.createSail({ guestCapacity: 10 });
    const emails = Array.from({ length: 7 }, (_, i) => uniqueEmail(`g${i}`));
    for (const email of emails) {
      const { outcome } = await h.invite({ sailId: sail.id, email, name: `Guest ${email}` });
      if (outcome.kind !== 'invited') throw new Error(outcome.kind);
    }
    const [bounced] = emails;
    const mailer: Mailer = {
      send: (mail) =>
        mail.to.includes(bounced ?? '')
          ? Promise.reject(new DeliveryError('Mailbox does not exist.', false))
          : h.mailer.send(mail),
    };
    const result = await tellGuestsOfStatus(
      { sail, to: 'cancelled' },
      { guests: h.guests, mailer, emails: h.templates.emails },
    );
    expect(result.told).toBe(6);
    expect(result.failed.map((f) => f.error.message)).toEqual(['Mailbox does not exist.']);
    for (const email of emails.slice(1)) {
      const cancelled = (await mailTo(email)).filter((m) => m.subject.startsWith('Cancelled:'));
      expect(cancelled).toHaveLength(1);
    }
  });

  it('a sail without guests sends nothing', async () => {
    const h = await guestApiHarness();
    const sail = await h.createSail();
    const before = h.mailer.sent;
    const result = await tellGuestsOfStatus(
      { sail, to: 'on_hold', reason: 'Fog' },
      { guests: h.guests, mailer: h.mailer, emails: h.templates.emails },
    );
    expect(result).toEqual({ told: 0, failed: [] });
    expect(h.mailer.sent).toBe(before);
  });
});
