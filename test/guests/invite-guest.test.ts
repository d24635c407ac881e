/**
 * The invite use case: outcomes as values, the guest added in one transaction, and the effects it
 * implies (the invitation email, the card note) with keys made from the request's change id. The
 * email itself is sent when the effects run, through the real runner and handlers.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../src/errors';
import { magicLink, sendInvitation } from '../../src/guests/invite';
import type { Sail } from '../../src/sails/types';
import type { Invocation } from '../../src/usecases/context';
import { inviteGuest } from '../../src/usecases/invite-guest';
import { resendLink } from '../../src/usecases/resend-link';
import { guestApiHarness, linkIn, mailTo, TEST_TEAM, uniqueEmail } from './fixtures';

let h: Awaited<ReturnType<typeof guestApiHarness>>;
let sail: Sail;
let cancelled: Sail;
let held: Sail;
let deps: Parameters<typeof inviteGuest>[0];

const admin = (change: string): Invocation => ({ actor: { userId: 'U1', isAdmin: true }, change });

beforeAll(async () => {
  h = await guestApiHarness({ effects: 'manual' });
  sail = await h.createSail({ guestCapacity: 2 });
  cancelled = await h.createSail({}, { status: 'cancelled' });
  held = await h.createSail({}, { status: 'on_hold', reason: 'Small craft advisory <b>until noon</b>' });
  deps = { guests: h.guests, sails: h.sails, now: () => h.clock.now };
});

/** Queues the effects as the adapter would, and runs them. */
async function runEffects(effects: Parameters<typeof h.effects.enqueue>[1]) {
  await h.effects.enqueue(TEST_TEAM, effects);
  return h.effects.run();
}

describe('inviteGuest (use case)', () => {
  it('adds the guest and answers before any email; its effects then send HTML + text with the link, date and times in the vessel zone', async () => {
    const email = uniqueEmail('jane');
    const { outcome, effects } = await inviteGuest(deps, admin('C-jane'), {
      sailId: sail.id,
      email: email.toUpperCase(),
      name: 'Jane <Doe>',
    });
    if (outcome.kind !== 'invited') throw new Error(outcome.kind);
    expect(outcome).toEqual({
      kind: 'invited',
      sailId: sail.id,
      guest: expect.objectContaining({ email, name: 'Jane <Doe>', status: 'on_hold', invitedBy: 'U1' }),
      message: `Invited Jane <Doe> (${email}) to ${sail.id}; the magic link is on its way. Their seat is on hold until they sign the waiver.`,
    });
    const guestId = outcome.guest.id;
    expect(effects).toEqual([
      {
        type: 'guest.invite',
        key: `guest.invite:${sail.id}:${guestId}:C-jane`,
        sailId: sail.id,
        guestId,
        resent: false,
        by: 'U1',
      },
      {
        type: 'card.refresh',
        key: `card.refresh:${sail.id}:C-jane`,
        sailId: sail.id,
        note: { kind: 'guest_invited', sailId: sail.id, name: 'Jane <Doe>', by: 'U1' },
      },
    ]);
    expect(await h.guests.get(sail.id, guestId)).toMatchObject({ email });
    expect(await mailTo(email)).toEqual([]);

    expect(await runEffects(effects)).toEqual([
      { ran: 2, skipped: 0, inProgress: 0, deferred: 0, failed: [] },
    ]);
    const mails = await mailTo(email);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail?.subject).toBe("You're invited: Sunset sail on the bay on Saturday, June 20, 2026");
    const { url, code } = linkIn(mail);
    expect(url).toBe(magicLink('http://bosun.test', code));
    // 2026-06-20 in San Diego: sunset 7:59 PM PDT; a 2 h sunset sail departs at 7:59 − 1:30 rounded
    // down to 6:15 PM, guests meet 30 minutes earlier, and it is back at 8:15 PM.
    expect(mail?.body.text).toMatch(/Departure\s+6:15 PM/);
    // One time format in every guest text: "7:59 PM PDT".
    expect(mail?.body.text).toMatch(/Sunset\s+7:59 PM PDT\n/);
    expect(mail?.body.text).toMatch(/Meet at the dock\s+5:45 PM PDT\n/);
    expect(mail?.body.text).toMatch(/Return\s+8:15 PM PDT\n/);
    // And what a guest needs to arrive.
    expect(mail?.body.text).toMatch(/^Where to meet: Shelter Island Marina/m);
    expect(mail?.body.text).toMatch(/^Parking: /m);
    expect(mail?.body.text).toMatch(/^What to bring: .*warm layer/m);
    expect(mail?.body.html).toContain('<strong>Where to meet:</strong> Shelter Island Marina');
    expect(mail?.body.html).toContain('Hello Jane &lt;Doe&gt;,');
    expect(mail?.body.html).not.toContain('<Doe>');
    expect(mail?.body.html).toContain(`href="${url}"`);
    expect(h.effects.others.at(-1)?.effect.type).toBe('card.refresh');
  });

  it('the same address again adds nobody and re-sends; the same change makes the same keys, so a retried request sends nothing new', async () => {
    const email = uniqueEmail('twice');
    const first = await inviteGuest(deps, admin('C-twice-1'), { sailId: sail.id, email, name: 'Twice' });
    await runEffects(first.effects);
    const again = await inviteGuest(deps, admin('C-twice-2'), {
      sailId: sail.id,
      email: ` ${email} `,
      name: 'Twice Again',
    });
    if (first.outcome.kind !== 'invited' || again.outcome.kind !== 'already_invited') {
      throw new Error(`${first.outcome.kind} / ${again.outcome.kind}`);
    }
    const guestId = first.outcome.guest.id;
    expect(again.outcome).toEqual({
      kind: 'already_invited',
      sailId: sail.id,
      guest: expect.objectContaining({ id: guestId, name: 'Twice' }),
      message: `Twice (${email}) was already invited to ${sail.id}; a fresh link is on its way instead of adding them twice.`,
    });
    // No card note: nobody new is on the card.
    expect(again.effects).toEqual([
      {
        type: 'guest.invite',
        key: `guest.invite:${sail.id}:${guestId}:C-twice-2`,
        sailId: sail.id,
        guestId,
        resent: true,
        by: 'U1',
      },
    ]);
    expect(await runEffects(again.effects)).toEqual([
      { ran: 1, skipped: 0, inProgress: 0, deferred: 0, failed: [] },
    ]);
    const mails = await mailTo(email);
    expect(mails).toHaveLength(2);
    expect(mails[1]?.subject).toBe('Your new link for Sunset sail on the bay');
    expect(linkIn(mails[1]).code).not.toBe(linkIn(mails[0]).code);

    // Slack retries the second request: same change id, same keys, nothing sent again.
    const retried = await inviteGuest(deps, admin('C-twice-2'), { sailId: sail.id, email, name: 'Twice' });
    expect(retried.effects.map((e) => e.key)).toEqual(again.effects.map((e) => e.key));
    expect(await runEffects(retried.effects)).toEqual([
      { ran: 0, skipped: 1, inProgress: 0, deferred: 0, failed: [] },
    ]);
    expect(await mailTo(email)).toHaveLength(2);
  });

  it('enforces capacity with a clear message and no effects', async () => {
    const full = await inviteGuest(deps, admin('C-full'), {
      sailId: sail.id,
      email: uniqueEmail('third'),
      name: 'Third',
    });
    expect(full).toEqual({
      outcome: {
        kind: 'refused',
        reason: 'full',
        message: `${sail.id} is full: all 2 guest seats are taken. Raise the sail's guest capacity to add more.`,
      },
      effects: [],
    });
    expect(await h.guests.list(sail.id)).toHaveLength(2);
  });

  it('refuses a non-admin, a malformed address, an unknown sail, a cancelled sail; nothing stored, no effects', async () => {
    const email = uniqueEmail('refused');
    const crew: Invocation = { actor: { userId: 'U2', isAdmin: false }, change: 'C-crew' };
    expect(await inviteGuest(deps, crew, { sailId: held.id, email, name: 'Jane' })).toEqual({
      outcome: { kind: 'not_admin', what: 'add guests' },
      effects: [],
    });
    expect(
      await inviteGuest(deps, admin('C-bad'), { sailId: held.id, email: 'jane@', name: 'Jane' }),
    ).toEqual({
      outcome: {
        kind: 'refused',
        reason: 'invalid_input',
        message: 'That is not an email address: write it like jane@example.com.',
      },
      effects: [],
    });
    expect(await inviteGuest(deps, admin('C-noname'), { sailId: held.id, email, name: ' ' })).toMatchObject({
      outcome: { kind: 'refused', reason: 'invalid_input', message: expect.stringMatching(/name/) },
      effects: [],
    });
    expect(
      await inviteGuest(deps, admin('C-zw'), { sailId: held.id, email, name: '\u200B\u200C\u200D' }),
    ).toMatchObject({ outcome: { kind: 'refused', reason: 'invalid_input' }, effects: [] });
    expect(await inviteGuest(deps, admin('C-nope'), { sailId: 'S-NOPE00', email, name: 'Jo' })).toEqual({
      outcome: {
        kind: 'refused',
        reason: 'not_found',
        message: "There is no sail S-NOPE00. Check the id on the sail's card or in /sail list.",
      },
      effects: [],
    });
    expect(await inviteGuest(deps, admin('C-cancel'), { sailId: cancelled.id, email, name: 'Jo' })).toEqual({
      outcome: {
        kind: 'refused',
        reason: 'cancelled',
        message: `${cancelled.id} is cancelled, so no guests can be invited to it.`,
      },
      effects: [],
    });
    expect(await h.guests.list(held.id)).toHaveLength(0);
    expect(await h.guests.list(cancelled.id)).toHaveLength(0);
  });

  it('refuses a sail that has departed, saying when; a minute before departure it invites', async () => {
    const email = uniqueEmail('late');
    const saved = h.clock.now;
    h.clock.now = held.departAt;
    try {
      expect(await inviteGuest(deps, admin('C-late'), { sailId: held.id, email, name: 'Too Late' })).toEqual({
        outcome: {
          kind: 'refused',
          reason: 'departed',
          message: `${held.id} departed on Saturday, June 20, 2026 at 6:15 PM PDT, so no guests can be invited to it. Invite them to an upcoming sail instead (/sail list).`,
        },
        effects: [],
      });
      h.clock.now = new Date(held.departAt.getTime() - 60_000);
      const r = await inviteGuest(deps, admin('C-just'), { sailId: held.id, email, name: 'Just In Time' });
      expect(r.outcome.kind).toBe('invited');
      await runEffects(r.effects);
    } finally {
      h.clock.now = saved;
    }
    expect(await mailTo(email)).toHaveLength(1);
  });

  it('mentions an on-hold sail and its reason in the email, escaped', async () => {
    const email = uniqueEmail('held');
    const r = await inviteGuest(deps, admin('C-held'), { sailId: held.id, email, name: 'Held' });
    expect(r.outcome.kind).toBe('invited');
    await runEffects(r.effects);
    const [mail] = await mailTo(email);
    expect(mail?.body.text).toContain('This sail is on hold: Small craft advisory <b>until noon</b>');
    expect(mail?.body.html).toContain('Small craft advisory &lt;b&gt;until noon&lt;/b&gt;');
  });
});

describe('resendLink (use case)', () => {
  const guestInv: Invocation = { actor: { userId: 'G-x', isAdmin: false }, change: 'resend' };

  it('mails the address on file a fresh link before answering, and says where (masked)', async () => {
    const email = uniqueEmail('resend');
    const { outcome } = await h.invite({ sailId: held.id, email, name: 'Resend' });
    if (outcome.kind !== 'invited') throw new Error(outcome.kind);
    const resendDeps = {
      guests: h.guests,
      sails: h.sails,
      now: () => h.clock.now,
      quota: async () => ({ ok: true as const, giveBack: async () => {} }),
      sendInvitation: (input: Parameters<typeof sendInvitation>[1]) =>
        sendInvitation(
          { codes: h.codes, mailer: h.mailer, emails: h.templates.emails, publicUrl: 'http://bosun.test' },
          input,
        ),
    };
    const again = await resendLink(resendDeps, guestInv, { sailId: held.id, guestId: outcome.guest.id });
    expect(again).toEqual({
      outcome: {
        kind: 'sent',
        guestId: outcome.guest.id,
        message: expect.stringMatching(
          /^We emailed a new link to re…@example\.com\. It works once, for 24 hours\.$/,
        ),
      },
      effects: [],
    });
    const mails = await mailTo(email);
    expect(mails).toHaveLength(2);
    expect(mails[1]?.body.text).toMatch(/Earlier links no longer work/);
  });

  it('says so when the mail cannot go, when the sail is cancelled, and when the guest is gone', async () => {
    const email = uniqueEmail('bounce');
    const { outcome } = await h.invite({ sailId: held.id, email, name: 'Bounce' });
    if (outcome.kind !== 'invited') throw new Error(outcome.kind);
    let givenBack = 0;
    const failing = {
      guests: h.guests,
      sails: h.sails,
      now: () => h.clock.now,
      quota: async () => ({
        ok: true as const,
        giveBack: async () => {
          givenBack++;
        },
      }),
      sendInvitation: () => Promise.reject(new DeliveryError('SES timed out.', true)),
    };
    expect(
      (await resendLink(failing, guestInv, { sailId: held.id, guestId: outcome.guest.id })).outcome,
    ).toEqual({
      kind: 'delivery_failed',
      message:
        'We could not send the email just now, so nothing has changed: any link we sent you before still works. Please try again in a few minutes.',
    });
    // A send that did not go does not count against the guest's daily cap.
    expect(givenBack).toBe(1);
    expect(
      (await resendLink(failing, guestInv, { sailId: held.id, guestId: 'G-GONE' })).outcome,
    ).toMatchObject({
      kind: 'not_found',
    });
    const doomed = await h.createSail();
    const c = await h.invite({ sailId: doomed.id, email: uniqueEmail('doomed'), name: 'Doomed' });
    if (c.outcome.kind !== 'invited') throw new Error(c.outcome.kind);
    await h.sailStore.setStatus(doomed.id, 'cancelled');
    expect(
      (await resendLink(failing, guestInv, { sailId: doomed.id, guestId: c.outcome.guest.id })).outcome,
    ).toEqual({
      kind: 'cancelled',
      message: 'This sail has been cancelled, so there is no new link to send.',
    });
    // Departed, and past the daily cap: refused before any email.
    const gone = await h.createSail({ date: '2026-06-20' });
    const d = await h.invite({ sailId: gone.id, email: uniqueEmail('late'), name: 'Late Comer' });
    if (d.outcome.kind !== 'invited') throw new Error(d.outcome.kind);
    const later = { ...failing, now: () => new Date(gone.departAt.getTime() + 60_000) };
    expect(
      (await resendLink(later, guestInv, { sailId: gone.id, guestId: d.outcome.guest.id })).outcome,
    ).toEqual({
      kind: 'departed',
      message: 'This sail has already left the dock, so there is no new link to send.',
    });
    const capped = { ...failing, quota: async () => ({ ok: false as const, retryAfterSeconds: 3600 }) };
    expect(
      (await resendLink(capped, guestInv, { sailId: held.id, guestId: outcome.guest.id })).outcome,
    ).toMatchObject({ kind: 'too_many', retryAfterSeconds: 3600 });
    // Anything but a delivery failure is not an outcome: it propagates.
    const broken = { ...failing, sendInvitation: () => Promise.reject(new Error('table down')) };
    await expect(
      resendLink(broken, guestInv, { sailId: held.id, guestId: outcome.guest.id }),
    ).rejects.toThrow('table down');
  });
});
