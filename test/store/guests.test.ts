import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { createGuestStore, type GuestStore, type SignedWaiver } from '../../src/store/guests';
import { keys } from '../../src/store/keys';
import { freshTable, WORKSPACE } from '../support/aws';

const t0 = new Date('2026-06-01T12:00:00Z');
let store: GuestStore;
let env: Awaited<ReturnType<typeof freshTable>>;

beforeAll(async () => {
  env = await freshTable();
  store = createGuestStore({ workspace: WORKSPACE, doc: env.doc, table: env.table, now: () => t0 });
});

function waiverFor(sailId: string, guestId: string, name = 'Jane Doe'): SignedWaiver {
  return {
    sailId,
    guestId,
    version: '2026-01',
    sha256: 'ab'.repeat(32),
    signedName: name,
    minors: [{ fullName: 'Sam Doe', birthDate: '2015-04-23' }],
    signedAt: t0.toISOString(),
    ip: '203.0.113.7',
    userAgent: 'test',
  };
}

describe('guest store', () => {
  it('adds a guest on hold, lists and gets it', async () => {
    const r = await store.add({
      sailId: 'S-AAAAAA',
      name: 'Jane Doe',
      email: 'Jane@Example.com',
      capacity: 4,
      invitedBy: 'U1',
    });
    expect(r.ok && r.created).toBe(true);
    if (!r.ok) return;
    expect(r.guest).toMatchObject({
      sailId: 'S-AAAAAA',
      email: 'jane@example.com',
      status: 'on_hold',
      invitedBy: 'U1',
    });
    expect(await store.get('S-AAAAAA', r.guest.id)).toEqual(r.guest);
    expect(await store.list('S-AAAAAA')).toEqual([r.guest]);
    expect(await store.findByEmail('S-AAAAAA', ' JANE@example.com')).toEqual(r.guest);
  });

  it('returns the existing guest for the same address instead of adding twice', async () => {
    const a = await store.add({ sailId: 'S-BBBBBB', name: 'Jane', email: 'jane@example.com', capacity: 4 });
    const b = await store.add({
      sailId: 'S-BBBBBB',
      name: 'Jane D.',
      email: 'JANE@example.com ',
      capacity: 4,
    });
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(b.created).toBe(false);
    expect(b.guest.id).toBe(a.guest.id);
    expect(await store.list('S-BBBBBB')).toHaveLength(1);
  });

  it('never goes over capacity, even with concurrent adds', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        store.add({ sailId: 'S-CCCCCC', name: `G${i}`, email: `g${i}@example.com`, capacity: 3 }),
      ),
    );
    expect(results.filter((r) => r.ok && r.created)).toHaveLength(3);
    expect(results.filter((r) => !r.ok)).toEqual(
      Array.from({ length: 7 }, () => ({ ok: false, reason: 'full', capacity: 3 })),
    );
    expect(await store.list('S-CCCCCC')).toHaveLength(3);
    // A re-invite of someone already on a full sail is still a re-send, not "full".
    const again = await store.add({
      sailId: 'S-CCCCCC',
      name: 'x',
      email: (await store.list('S-CCCCCC'))[0]?.email ?? '',
      capacity: 3,
    });
    expect(again.ok && !again.created).toBe(true);
  });

  it('records a waiver once and flips the guest to signed', async () => {
    const r = await store.add({ sailId: 'S-DDDDDD', name: 'Jane', email: 'jane@example.com', capacity: 2 });
    if (!r.ok) throw new Error('add failed');
    const w = waiverFor('S-DDDDDD', r.guest.id);
    expect(await store.recordWaiver(w, { capacity: 2 })).toEqual({ ok: true, waiver: w });
    expect(await store.getWaiver('S-DDDDDD', r.guest.id)).toEqual(w);
    expect(await store.get('S-DDDDDD', r.guest.id)).toMatchObject({
      status: 'signed',
      signedAt: t0.toISOString(),
      signedName: 'Jane Doe',
      minors: 1,
    });
    const second = await store.recordWaiver(
      { ...w, signedName: 'Someone Else', minors: [] },
      { capacity: 2 },
    );
    expect(second).toEqual({ ok: false, reason: 'already_signed', waiver: w });
    expect(await store.getWaiver('S-DDDDDD', r.guest.id)).toEqual(w);
    // Waiver items never show up as guests.
    expect(await store.list('S-DDDDDD')).toHaveLength(1);
  });

  it('refuses a waiver for a guest that does not exist, and stores nothing', async () => {
    const w = waiverFor('S-EEEEEE', 'G-NOPE');
    expect(await store.recordWaiver(w, { capacity: 2 })).toEqual({ ok: false, reason: 'no_guest' });
    const raw = await env.doc.send(
      new GetCommand({ TableName: env.table, Key: keys.waiver(WORKSPACE, 'S-EEEEEE', 'G-NOPE') }),
    );
    expect(raw.Item).toBeUndefined();
  });

  it('minors on a waiver take seats in the same transaction, and are refused beyond capacity', async () => {
    const sailId = 'S-FFFFFF';
    const add = async (n: string) => {
      const r = await store.add({ sailId, name: n, email: `${n}@example.com`, capacity: 4 });
      if (!r.ok) throw new Error('add failed');
      return r.guest;
    };
    const [ann, bob] = [await add('ann'), await add('bob')];
    expect(await store.seatsTaken(sailId)).toBe(2);
    const kids = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ fullName: `Kid ${i}`, birthDate: '2016-01-01' }));

    // Two guests on a 4-seat sail leave 2 seats: three minors do not fit, and nothing is stored.
    const tooMany = { ...waiverFor(sailId, ann.id), minors: kids(3) };
    expect(await store.recordWaiver(tooMany, { capacity: 4 })).toEqual({
      ok: false,
      reason: 'no_seats',
      seatsLeft: 2,
      capacity: 4,
    });
    expect(await store.getWaiver(sailId, ann.id)).toBeUndefined();
    expect((await store.get(sailId, ann.id))?.status).toBe('on_hold');
    expect(await store.seatsTaken(sailId)).toBe(2);

    const fits = { ...waiverFor(sailId, ann.id), minors: kids(2) };
    expect(await store.recordWaiver(fits, { capacity: 4 })).toEqual({ ok: true, waiver: fits });
    expect(await store.seatsTaken(sailId)).toBe(4);
    expect((await store.get(sailId, ann.id))?.minors).toBe(2);
    // The sail is full now: another minor is refused, a waiver with none still signs.
    const bobWithKid = { ...waiverFor(sailId, bob.id), minors: kids(1) };
    expect(await store.recordWaiver(bobWithKid, { capacity: 4 })).toMatchObject({
      ok: false,
      reason: 'no_seats',
      seatsLeft: 0,
    });
    expect((await store.recordWaiver({ ...bobWithKid, minors: [] }, { capacity: 4 })).ok).toBe(true);
    expect(await store.seatsTaken(sailId)).toBe(4);
    expect(await store.add({ sailId, name: 'cy', email: 'cy@example.com', capacity: 4 })).toEqual({
      ok: false,
      reason: 'full',
      capacity: 4,
    });
  });

  it('concurrent guardians never push the seats over capacity', async () => {
    const sailId = 'S-GGGGGG';
    const guests = [];
    for (const n of ['a', 'b', 'c', 'd']) {
      const r = await store.add({ sailId, name: n, email: `${n}@example.com`, capacity: 6 });
      if (!r.ok) throw new Error('add failed');
      guests.push(r.guest);
    }
    // Four guests on six seats: of four guardians with one minor each, exactly two fit.
    const results = await Promise.all(
      guests.map((g) =>
        store.recordWaiver(
          { ...waiverFor(sailId, g.id), minors: [{ fullName: 'Kid', birthDate: '2016-01-01' }] },
          { capacity: 6 },
        ),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(2);
    expect(results.filter((r) => !r.ok && r.reason === 'no_seats')).toHaveLength(2);
    expect(await store.seatsTaken(sailId)).toBe(6);
  });
});
