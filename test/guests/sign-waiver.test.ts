/**
 * The sign-waiver use case: each outcome as a value, the one state change (the write-once
 * signature, minors seated in the same transaction), and its effects (the signer's copy, the card
 * note) with keys made from the change id.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Sail } from '../../src/sails/types';
import type { Invocation } from '../../src/usecases/context';
import { type SignWaiverInput, signWaiver } from '../../src/usecases/sign-waiver';
import { guestApiHarness, uniqueEmail } from './fixtures';

let h: Awaited<ReturnType<typeof guestApiHarness>>;
let sail: Sail;
let deps: Parameters<typeof signWaiver>[0];

beforeAll(async () => {
  h = await guestApiHarness({ effects: 'manual' });
  sail = await h.createSail({ guestCapacity: 10 });
  deps = { guests: h.guests, sails: h.sails, waivers: h.templates.waivers, now: () => h.clock.now };
});

async function guestOn(sailId: string, name: string) {
  const { outcome } = await h.invite({ sailId, email: uniqueEmail(name.toLowerCase()), name });
  if (outcome.kind !== 'invited') throw new Error(outcome.kind);
  return outcome.guest;
}

const inv = (guestId: string): Invocation => ({
  actor: { userId: guestId, isAdmin: false },
  change: `waiver:${guestId}`,
});

function input(sailId: string, guestId: string, body: unknown): SignWaiverInput {
  return { sailId, guestId, body, ip: '192.0.2.7', userAgent: 'x'.repeat(600), forwardedFor: '203.0.113.1' };
}

describe('signWaiver (use case)', () => {
  it('stores the signature and returns the copy and the card note as effects keyed by the change', async () => {
    const guest = await guestOn(sail.id, 'Ada');
    const done = await signWaiver(
      deps,
      inv(guest.id),
      input(sail.id, guest.id, {
        fullName: ' Ada Lovelace ',
        agree: true,
        minors: [{ fullName: 'Byron', birthDate: '2016-01-02' }],
      }),
    );
    const waiver = {
      sailId: sail.id,
      guestId: guest.id,
      version: h.templates.waivers.current.version,
      sha256: h.templates.waivers.current.sha256,
      signedName: 'Ada Lovelace',
      minors: [{ fullName: 'Byron', birthDate: '2016-01-02' }],
      signedAt: h.clock.now.toISOString(),
      ip: '192.0.2.7',
      userAgent: 'x'.repeat(512),
      forwardedFor: '203.0.113.1',
    };
    expect(done).toEqual({
      outcome: {
        kind: 'signed',
        waiver,
        signedAtLabel: 'Monday, June 1, 2026 at 10:00 AM PDT',
        message: 'Thank you — your waiver is signed and a copy is on its way to your email.',
      },
      effects: [
        {
          type: 'guest.waiver_copy',
          key: `guest.waiver_copy:${sail.id}:${guest.id}:waiver:${guest.id}`,
          sailId: sail.id,
          guestId: guest.id,
        },
        {
          type: 'card.refresh',
          key: `card.refresh:${sail.id}:waiver:${guest.id}`,
          sailId: sail.id,
          note: { kind: 'waiver_signed', sailId: sail.id, name: 'Ada' },
        },
      ],
    });
    expect(await h.guests.getWaiver(sail.id, guest.id)).toEqual(waiver);
    expect(await h.guests.seatsTaken(sail.id)).toBe(2);

    // Submitted again: already signed, nothing new to do.
    expect(
      await signWaiver(deps, inv(guest.id), input(sail.id, guest.id, { fullName: 'Ada', agree: true })),
    ).toEqual({
      outcome: {
        kind: 'already_signed',
        signedAt: h.clock.now.toISOString(),
        message: 'You already signed this waiver on Monday, June 1, 2026 at 10:00 AM PDT.',
      },
      effects: [],
    });
  });

  it('two guests signing the same sail make different keys (the change names the guest)', async () => {
    const a = await guestOn(sail.id, 'Kay');
    const b = await guestOn(sail.id, 'Lee');
    const da = await signWaiver(deps, inv(a.id), input(sail.id, a.id, { fullName: 'Kay', agree: true }));
    const db = await signWaiver(deps, inv(b.id), input(sail.id, b.id, { fullName: 'Lee', agree: true }));
    const keys = [...da.effects, ...db.effects].map((e) => e.key);
    expect(new Set(keys).size).toBe(4);
  });

  it('refusals are values with the page’s sentences, store nothing and imply no effects', async () => {
    const small = await h.createSail({ guestCapacity: 2 });
    const guest = await guestOn(small.id, 'Mo');
    await guestOn(small.id, 'Nell');
    const sign = (body: unknown, guestId = guest.id, sailId = small.id) =>
      signWaiver(deps, inv(guestId), input(sailId, guestId, body));

    expect(await sign({ fullName: 'Mo', agree: true }, 'G-NOBODY')).toEqual({
      outcome: {
        kind: 'not_found',
        message: 'We could not find your invitation. Ask the person who invited you.',
      },
      effects: [],
    });
    expect(await sign({ fullName: 'Mo', agree: true, version: '1999-01' })).toEqual({
      outcome: {
        kind: 'waiver_changed',
        message: 'The waiver text has changed. Reload the page to read and sign the current one.',
      },
      effects: [],
    });
    expect(await sign({ fullName: '', agree: false })).toEqual({
      outcome: {
        kind: 'invalid',
        fields: [
          { field: 'fullName', message: expect.any(String) },
          { field: 'agree', message: expect.any(String) },
        ],
        message: 'Please fix the 2 highlighted answers.',
      },
      effects: [],
    });
    expect(await sign(undefined)).toMatchObject({ outcome: { kind: 'invalid' }, effects: [] });
    const kid = { fullName: 'Kid', birthDate: '2016-03-02' };
    expect(await sign({ fullName: 'Mo', agree: true, minors: [kid] })).toEqual({
      outcome: {
        kind: 'no_seats',
        seatsLeft: 0,
        fields: [
          {
            field: 'minors',
            message: expect.stringMatching(/^This sail has no seats left; you listed 1 minor/),
          },
        ],
        message: expect.stringMatching(/^This sail has no seats left/),
      },
      effects: [],
    });
    expect(await h.guests.getWaiver(small.id, guest.id)).toBeUndefined();

    await h.sailStore.setStatus(small.id, 'cancelled');
    expect(await sign({ fullName: 'Mo', agree: true })).toEqual({
      outcome: {
        kind: 'sail_cancelled',
        message: 'This sail has been cancelled, so there is no waiver to sign.',
      },
      effects: [],
    });
    expect(await h.guests.getWaiver(small.id, guest.id)).toBeUndefined();
  });
});
