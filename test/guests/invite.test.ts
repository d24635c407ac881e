import { beforeAll, describe, expect, it } from 'vitest';
import { inviteGuest, magicLink, resendLink } from '../../src/guests/invite';
import type { Sail } from '../../src/sails/types';
import { guestApiHarness, linkIn, mailTo, uniqueEmail } from './fixtures';

let h: Awaited<ReturnType<typeof guestApiHarness>>;
let sail: Sail;
let cancelled: Sail;
let held: Sail;

beforeAll(async () => {
  h = await guestApiHarness();
  sail = await h.createSail({ guestCapacity: 2 });
  cancelled = await h.createSail({}, { status: 'cancelled' });
  held = await h.createSail({}, { status: 'on_hold', reason: 'Small craft advisory <b>until noon</b>' });
});

describe('inviteGuest', () => {
  it('adds the guest and emails HTML + text with the link, date and times in the vessel zone', async () => {
    const email = uniqueEmail('jane');
    const r = await inviteGuest(
      { sailId: sail.id, email: email.toUpperCase(), name: 'Jane <Doe>', by: 'U1' },
      h.inviteDeps,
    );
    expect(r).toMatchObject({
      ok: true,
      outcome: 'invited',
      guest: { email, name: 'Jane <Doe>', status: 'on_hold' },
    });
    const [mail] = await mailTo(email);
    expect(mail?.subject).toBe("You're invited: Sunset sail on the bay on Saturday, June 20, 2026");
    const { url, code } = linkIn(mail);
    expect(url).toBe(magicLink('http://bosun.test', code));
    // 2026-06-20 in San Diego: sunset 7:59 PM PDT; a 2 h sunset sail departs at 7:59 − 1:30 rounded
    // down to 6:15 PM, guests meet 30 minutes earlier, and it is back at 8:15 PM.
    expect(mail?.body.text).toMatch(/Departure\s+6:15 PM/);
    expect(mail?.body.text).toMatch(/Sunset\s+7:59 PM/);
    expect(mail?.body.text).toMatch(/Meet at the dock\s+5:45 PM/);
    expect(mail?.body.text).toMatch(/Return\s+8:15 PM/);
    expect(mail?.body.text).toContain('(PDT)');
    expect(mail?.body.html).toContain('Hello Jane &lt;Doe&gt;,');
    expect(mail?.body.html).not.toContain('<Doe>');
    expect(mail?.body.html).toContain(`href="${url}"`);
  });

  it('re-sends instead of adding the same address twice', async () => {
    const email = uniqueEmail('twice');
    const first = await inviteGuest({ sailId: sail.id, email, name: 'Twice' }, h.inviteDeps);
    const again = await inviteGuest(
      { sailId: sail.id, email: ` ${email} `, name: 'Twice Again' },
      h.inviteDeps,
    );
    expect(again).toMatchObject({ ok: true, outcome: 'resent' });
    if (!first.ok || !again.ok) return;
    expect(again.guest.id).toBe(first.guest.id);
    const mails = await mailTo(email);
    expect(mails).toHaveLength(2);
    expect(mails[1]?.subject).toBe('Your new link for Sunset sail on the bay');
    expect(linkIn(mails[1]).code).not.toBe(linkIn(mails[0]).code);
  });

  it('enforces capacity with a clear message', async () => {
    const full = await inviteGuest(
      { sailId: sail.id, email: uniqueEmail('third'), name: 'Third' },
      h.inviteDeps,
    );
    expect(full).toMatchObject({ ok: false, reason: 'full' });
    if (full.ok) return;
    expect(full.message).toMatch(/full: all 2 guest seats are taken/);
    expect(await h.guests.list(sail.id)).toHaveLength(2);
  });

  it('refuses a malformed address, an unknown sail, a cancelled sail; nothing stored or sent', async () => {
    const bad = await inviteGuest({ sailId: held.id, email: 'jane@', name: 'Jane' }, h.inviteDeps);
    expect(bad).toMatchObject({ ok: false, reason: 'invalid_input' });
    if (!bad.ok) expect(bad.message).toMatch(/not an email address/);
    expect(
      await inviteGuest({ sailId: 'S-NOPE00', email: uniqueEmail(), name: 'J' }, h.inviteDeps),
    ).toMatchObject({
      ok: false,
      reason: 'not_found',
    });
    const email = uniqueEmail('cancel');
    expect(await inviteGuest({ sailId: cancelled.id, email, name: 'J' }, h.inviteDeps)).toMatchObject({
      ok: false,
      reason: 'cancelled',
    });
    expect(await h.guests.list(held.id)).toHaveLength(0);
    expect(await h.guests.list(cancelled.id)).toHaveLength(0);
    expect(await mailTo(email)).toHaveLength(0);
  });

  it('refuses a sail that has departed, saying when; nothing stored or sent', async () => {
    const email = uniqueEmail('late');
    const saved = h.clock.now;
    h.clock.now = held.departAt;
    try {
      const r = await inviteGuest({ sailId: held.id, email, name: 'Too Late' }, h.inviteDeps);
      expect(r).toMatchObject({ ok: false, reason: 'departed' });
      if (!r.ok) {
        expect(r.message).toBe(
          `${held.id} departed on Saturday, June 20, 2026 at 6:15 PM PDT, so no guests can be invited to it. Invite them to an upcoming sail instead (/sail list).`,
        );
      }
    } finally {
      h.clock.now = saved;
    }
    expect(await mailTo(email)).toHaveLength(0);
    // A minute before departure the same invitation goes out.
    h.clock.now = new Date(held.departAt.getTime() - 60_000);
    try {
      expect(await inviteGuest({ sailId: held.id, email, name: 'Just In Time' }, h.inviteDeps)).toMatchObject(
        { ok: true, outcome: 'invited' },
      );
    } finally {
      h.clock.now = saved;
    }
  });

  it('mentions an on-hold sail and its reason, escaped', async () => {
    const email = uniqueEmail('held');
    expect(await inviteGuest({ sailId: held.id, email, name: 'Held' }, h.inviteDeps)).toMatchObject({
      ok: true,
    });
    const [mail] = await mailTo(email);
    expect(mail?.body.text).toContain('This sail is on hold: Small craft advisory <b>until noon</b>');
    expect(mail?.body.html).toContain('Small craft advisory &lt;b&gt;until noon&lt;/b&gt;');
  });

  it('resendLink mails the address on file a fresh link', async () => {
    const email = uniqueEmail('resend');
    const r = await inviteGuest({ sailId: held.id, email, name: 'Resend' }, h.inviteDeps);
    if (!r.ok) throw new Error(r.message);
    const again = await resendLink({ sailId: held.id, guestId: r.guest.id }, h.inviteDeps);
    expect(again).toMatchObject({ ok: true, outcome: 'resent' });
    if (again.ok) expect(again.message).toMatch(/re…@example\.com/);
    expect(await mailTo(email)).toHaveLength(2);
  });
});
