/**
 * The guest effect handlers against the SES emulator: an invitation sends one email whose link
 * works, a status effect tells one guest, the signer's copy quotes the text signed; a guest who is
 * gone is skipped; a non-retryable `DeliveryError` propagates as is, so the runner neither retries
 * it nor hides it.
 */

import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { sailUid } from '../../src/calendar/ics';
import { createGuestEffectHandlers, type GuestEffectHandlers } from '../../src/effects/guest-handlers';
import { type Effect, type EffectInput, keyed } from '../../src/effects/types';
import { DeliveryError } from '../../src/errors';
import type { Mailer } from '../../src/mail/types';
import type { Sail } from '../../src/sails/types';
import { parseIcs } from '../support/ical';
import { effectQueue, guestApiHarness, linkIn, mailTo, TEST_TEAM, uniqueEmail } from './fixtures';

let h: Awaited<ReturnType<typeof guestApiHarness>>;
let sail: Sail;
let handlers: GuestEffectHandlers;
const ctx = { team: TEST_TEAM };

beforeAll(async () => {
  h = await guestApiHarness({ effects: 'manual' });
  sail = await h.createSail({ guestCapacity: 10 });
  handlers = createGuestEffectHandlers(guestDeps(h.mailer));
});

function guestDeps(mailer: Mailer) {
  return {
    guests: h.guests,
    codes: h.codes,
    sails: h.sails,
    mailer,
    templates: h.templates,
    publicUrl: 'http://bosun.test',
    now: () => h.clock.now,
  };
}

/** A guest on `sailId` added straight through the store: no invitation sent. */
async function addGuest(sailId: string, name: string) {
  const email = uniqueEmail(name.toLowerCase());
  const added = await h.guests.add({ sailId, name, email, capacity: 10 });
  if (!added.ok) throw new Error('full');
  return { guest: added.guest, email };
}

/** One effect with its key, as a use case would have made it. */
function one<E extends EffectInput>(input: E): Extract<Effect, { type: E['type'] }> {
  const [effect] = keyed(`C-${randomUUID()}`, [input]);
  return effect as Extract<Effect, { type: E['type'] }>;
}

function claim(code: string) {
  return h.api.request(
    '/auth/claim',
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) },
    { event: {}, requestContext: { http: { sourceIp: '192.0.2.50' } }, lambdaContext: {} },
  );
}

describe('guest.invite', () => {
  it('makes a code and sends one email whose link claims', async () => {
    const { guest, email } = await addGuest(sail.id, 'Ivy');
    await handlers['guest.invite'](
      one({ type: 'guest.invite', sailId: sail.id, guestId: guest.id, resent: false, by: 'U1' }),
      ctx,
    );
    const mails = await mailTo(email);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toBe("You're invited: Sunset sail on the bay on Saturday, June 20, 2026");
    expect((await claim(linkIn(mails[0]).code)).status).toBe(200);
    // "Add to calendar": the invitation carries the sail as an .ics file, the same event (UID) as
    // the guest page's file and the crew's feed, read back with an independent parser.
    const sent = h.mailer.outbox.filter((m) => m.to.includes(email)).at(-1);
    const ics = sent?.attachments?.find((a) => a.filename.endsWith('.ics'));
    expect(ics?.contentType).toMatch(/^text\/calendar/);
    const cal = parseIcs(String(ics?.content ?? ''));
    expect(cal.events).toHaveLength(1);
    expect(cal.events[0]).toMatchObject({ uid: sailUid(sail.id, ctx.team), summary: sail.title });
  });

  it('skips a guest who no longer exists and a sail cancelled since', async () => {
    const sent = h.mailer.sent;
    await handlers['guest.invite'](
      one({ type: 'guest.invite', sailId: sail.id, guestId: 'G-GONE', resent: false }),
      ctx,
    );
    const doomed = await h.createSail();
    const { guest, email } = await addGuest(doomed.id, 'Doom');
    await h.sailStore.setStatus(doomed.id, 'cancelled');
    await handlers['guest.invite'](
      one({ type: 'guest.invite', sailId: doomed.id, guestId: guest.id, resent: false }),
      ctx,
    );
    expect(h.mailer.sent).toBe(sent);
    expect(await mailTo(email)).toEqual([]);
  });
});

describe('guest.invite refused by SES', () => {
  it('leaves the guest’s current link working (the old code still claims: 200) and tells the admins', async () => {
    const email = uniqueEmail('kept');
    const invited = await h.invite({ sailId: sail.id, email, name: 'Kept Link' });
    if (invited.outcome.kind !== 'invited') throw new Error(invited.outcome.kind);
    const current = linkIn((await mailTo(email))[0]).code;
    const refused = new DeliveryError('SES refused the message (MessageRejected: Sending paused).', false);
    const q = effectQueue({
      dynamo: h.env.dynamo,
      table: h.env.table,
      guest: guestDeps({ send: () => Promise.reject(refused) }),
      mode: 'manual',
      retry: { attempts: 3, baseMs: 1 },
    });
    const resend = one({
      type: 'guest.invite',
      sailId: sail.id,
      guestId: invited.outcome.guest.id,
      resent: true,
    });
    await q.enqueue(TEST_TEAM, [resend]);
    const [summary] = await q.run();
    // The admins' failure report (the runner's, once).
    expect(summary?.failed).toEqual([{ team: TEST_TEAM, effect: resend, error: refused.message }]);
    expect(await mailTo(email)).toHaveLength(1);
    expect((await h.guests.get(sail.id, invited.outcome.guest.id))?.latestCode).toBe(current);
    expect((await claim(current)).status).toBe(200);
  });
});

describe('guest.status', () => {
  it('tells the one guest it names, with the reason', async () => {
    const a = await addGuest(sail.id, 'Stat');
    const b = await addGuest(sail.id, 'Other');
    await handlers['guest.status'](
      one({ type: 'guest.status', sailId: sail.id, guestId: a.guest.id, to: 'on_hold', reason: 'Fog' }),
      ctx,
    );
    const mails = await mailTo(a.email);
    expect(mails.map((m) => m.subject)).toEqual([
      'On hold: Sunset sail on the bay on Saturday, June 20, 2026',
    ]);
    expect(mails[0]?.body.text).toContain('Reason: Fog');
    expect(await mailTo(b.email)).toEqual([]);
  });

  it('skips a guest who no longer exists', async () => {
    const sent = h.mailer.sent;
    await handlers['guest.status'](
      one({ type: 'guest.status', sailId: sail.id, guestId: 'G-GONE', to: 'cancelled' }),
      ctx,
    );
    expect(h.mailer.sent).toBe(sent);
  });

  it('a non-retryable DeliveryError propagates as is: the runner tries once and reports it', async () => {
    const { guest, email } = await addGuest(sail.id, 'Bounce');
    const refused = new DeliveryError(
      'SES refused the message (MessageRejected: Address blacklisted).',
      false,
    );
    let calls = 0;
    const bouncing: Mailer = {
      send: async () => {
        calls++;
        throw refused;
      },
    };
    const failing = createGuestEffectHandlers(guestDeps(bouncing));
    const effect = one({ type: 'guest.status', sailId: sail.id, guestId: guest.id, to: 'cancelled' });
    await expect(failing['guest.status'](effect, ctx)).rejects.toBe(refused);
    expect(calls).toBe(1);

    // Through the runner: no retry, reported once for the admins, the batch counts as handled.
    calls = 0;
    const q = effectQueue({
      dynamo: h.env.dynamo,
      table: h.env.table,
      guest: guestDeps(bouncing),
      mode: 'manual',
      retry: { attempts: 4, baseMs: 1 },
    });
    await q.enqueue(TEST_TEAM, [effect]);
    const [summary] = await q.run();
    expect(summary).toMatchObject({ ran: 0, failed: [{ team: TEST_TEAM, effect, error: refused.message }] });
    expect(calls).toBe(1);
    expect(q.failures).toHaveLength(1);
    expect(await mailTo(email)).toEqual([]);
  });

  it('a retryable DeliveryError is retried by the runner until it goes', async () => {
    const { guest, email } = await addGuest(sail.id, 'Flaky');
    let calls = 0;
    const flaky: Mailer = {
      send: async (mail) => {
        calls++;
        if (calls < 3) throw new DeliveryError('SES kept failing after 3 attempts (TimeoutError).', true);
        return h.mailer.send(mail);
      },
    };
    const q = effectQueue({
      dynamo: h.env.dynamo,
      table: h.env.table,
      guest: guestDeps(flaky),
      mode: 'manual',
      retry: { attempts: 4, baseMs: 1 },
    });
    const effect = one({ type: 'guest.status', sailId: sail.id, guestId: guest.id, to: 'scheduled' });
    await q.enqueue(TEST_TEAM, [effect]);
    expect(await q.run()).toMatchObject([{ ran: 1, failed: [] }]);
    expect(calls).toBe(3);
    expect((await mailTo(email)).map((m) => m.subject)).toEqual([
      'Back on: Sunset sail on the bay on Saturday, June 20, 2026',
    ]);
  });
});

describe('guest.waiver_copy', () => {
  it('sends the signer the text they signed, and refuses (for good) a version no longer deployed', async () => {
    const { guest, email } = await addGuest(sail.id, 'Copy');
    const waiver = {
      sailId: sail.id,
      guestId: guest.id,
      version: h.templates.waivers.current.version,
      sha256: h.templates.waivers.current.sha256,
      signedName: 'Copy Cat',
      minors: [],
      signedAt: h.clock.now.toISOString(),
      ip: '192.0.2.1',
      userAgent: 'test',
    };
    expect((await h.guests.recordWaiver(waiver, { capacity: 10 })).ok).toBe(true);
    const effect = one({ type: 'guest.waiver_copy', sailId: sail.id, guestId: guest.id });
    await handlers['guest.waiver_copy'](effect, ctx);
    const mails = await mailTo(email);
    expect(mails.map((m) => m.subject)).toEqual(['Your signed waiver: Sunset sail on the bay']);
    expect(mails[0]?.body.text).toContain('Signed by:       Copy Cat');
    expect(mails[0]?.body.text).toContain(h.templates.waivers.current.sha256);

    const withoutText = createGuestEffectHandlers({
      ...guestDeps(h.mailer),
      templates: { ...h.templates, waivers: { current: h.templates.waivers.current, get: () => undefined } },
    });
    const err = await withoutText['guest.waiver_copy'](effect, ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeliveryError);
    expect(err).toMatchObject({ retryable: false, message: expect.stringMatching(/is not deployed/) });
    expect(await mailTo(email)).toHaveLength(1);
  });

  it('skips a guest who has no signature', async () => {
    const { guest, email } = await addGuest(sail.id, 'Unsigned');
    await handlers['guest.waiver_copy'](
      one({ type: 'guest.waiver_copy', sailId: sail.id, guestId: guest.id }),
      ctx,
    );
    expect(await mailTo(email)).toEqual([]);
  });
});
