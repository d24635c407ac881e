import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { isValidCodeShape } from '../../src/auth/codes';
import { createCodeStore } from '../../src/store/codes';
import { createGuestStore } from '../../src/store/guests';
import { keys } from '../../src/store/keys';
import { freshTable, WORKSPACE } from '../support/aws';

let env: Awaited<ReturnType<typeof freshTable>>;
beforeAll(async () => {
  env = await freshTable();
});

/** A guest on sail `S-1` (a claim checks its guest is still on the sail). */
async function guestId(name: string, sailId = 'S-1'): Promise<string> {
  const guests = createGuestStore({ workspace: WORKSPACE, doc: env.doc, table: env.table });
  const r = await guests.add({ sailId, name, email: `${name}@example.com`, capacity: 50 });
  if (!r.ok) throw new Error('add failed');
  return r.guest.id;
}

describe('magic code store', () => {
  it('creates a code that expires in 24 h (TTL in seconds) and claims it once', async () => {
    let now = new Date('2026-06-01T12:00:00Z');
    const codes = createCodeStore({ workspace: WORKSPACE, doc: env.doc, table: env.table, now: () => now });
    const g1 = await guestId('g1');
    const { code, expiresAt } = await codes.create({ guestId: g1, sailId: 'S-1' });
    expect(isValidCodeShape(code)).toBe(true);
    expect(expiresAt.toISOString()).toBe('2026-06-02T12:00:00.000Z');
    const raw = await env.doc.send(new GetCommand({ TableName: env.table, Key: keys.magicCode(code) }));
    expect(raw.Item?.expiresAt).toBe(Date.parse('2026-06-02T12:00:00Z') / 1000);

    now = new Date('2026-06-01T13:00:00Z');
    const first = await codes.claim(code);
    expect(first).toMatchObject({
      ok: true,
      code: { guestId: g1, sailId: 'S-1', usedAt: now.toISOString() },
    });
    const second = await codes.claim(code);
    expect(second).toMatchObject({ ok: false, reason: 'used' });
  });

  it('refuses an expired code even before DynamoDB deletes it', async () => {
    let now = new Date('2026-06-01T12:00:00Z');
    const codes = createCodeStore({ workspace: WORKSPACE, doc: env.doc, table: env.table, now: () => now });
    const g2 = await guestId('g2');
    const { code } = await codes.create({ guestId: g2, sailId: 'S-1' });
    now = new Date('2026-06-02T12:00:00Z');
    expect(await codes.claim(code)).toMatchObject({ ok: false, reason: 'expired', code: { guestId: g2 } });
    expect((await codes.get(code))?.usedAt).toBeUndefined();
  });

  it('says unknown for a code that was never issued', async () => {
    const codes = createCodeStore({ workspace: WORKSPACE, doc: env.doc, table: env.table });
    expect(await codes.claim('ZZZZZZZZ')).toEqual({ ok: false, reason: 'unknown' });
  });

  it('only one of many concurrent claims wins', async () => {
    const codes = createCodeStore({ workspace: WORKSPACE, doc: env.doc, table: env.table });
    const { code } = await codes.create({ guestId: await guestId('g3'), sailId: 'S-1' });
    const results = await Promise.all(Array.from({ length: 10 }, () => codes.claim(code)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.reason === 'used')).toHaveLength(9);
  });

  it('a claim of a code whose guest was removed says revoked', async () => {
    const codes = createCodeStore({ workspace: WORKSPACE, doc: env.doc, table: env.table });
    const { code } = await codes.create({ guestId: 'G-NOBODY', sailId: 'S-1' });
    expect(await codes.claim(code)).toMatchObject({ ok: false, reason: 'revoked' });
  });

  it('retries on a code collision', async () => {
    const seq = ['AAAAAAAA', 'AAAAAAAA', 'BBBBBBBB'];
    const codes = createCodeStore({
      workspace: WORKSPACE,
      doc: env.doc,
      table: env.table,
      generate: () => seq.shift() ?? 'CCCCCCCC',
    });
    expect((await codes.create({ guestId: 'G-4', sailId: 'S-1' })).code).toBe('AAAAAAAA');
    expect((await codes.create({ guestId: 'G-5', sailId: 'S-1' })).code).toBe('BBBBBBBB');
    expect((await codes.get('AAAAAAAA'))?.guestId).toBe('G-4');
  });
});

describe('magic codes: only the newest link of a guest works', () => {
  it('a code issued later supersedes every earlier unused code of the same guest, and no other guest’s', async () => {
    const now = () => new Date('2026-06-01T12:00:00Z');
    const guests = createGuestStore({ workspace: WORKSPACE, doc: env.doc, table: env.table, now });
    const codes = createCodeStore({ workspace: WORKSPACE, doc: env.doc, table: env.table, now });
    const added = await Promise.all(
      ['ann', 'bob'].map((n) =>
        guests.add({ sailId: 'S-SUPERS', name: n, email: `${n}@example.com`, capacity: 4 }),
      ),
    );
    const [ann, bob] = added.map((r) => {
      if (!r.ok) throw new Error('add failed');
      return r.guest;
    });
    if (!ann || !bob) throw new Error('no guests');
    const first = await codes.create({ guestId: ann.id, sailId: 'S-SUPERS' });
    const second = await codes.create({ guestId: ann.id, sailId: 'S-SUPERS' });
    const bobs = await codes.create({ guestId: bob.id, sailId: 'S-SUPERS' });
    // Each is activated once its email went.
    await codes.activate(first);
    await codes.activate(second);
    await codes.activate(bobs);
    // Same clock reading for all three: the newest is told by the code itself, not by time.
    const raw = await env.doc.send(
      new GetCommand({ TableName: env.table, Key: keys.guest(WORKSPACE, 'S-SUPERS', ann.id) }),
    );
    expect(raw.Item).toMatchObject({ latestCode: second.code, linkIssuedAt: now().toISOString() });

    expect(await codes.claim(first.code)).toMatchObject({
      ok: false,
      reason: 'superseded',
      code: { guestId: ann.id },
    });
    expect((await codes.get(first.code))?.usedAt).toBeUndefined();
    expect((await codes.claim(bobs.code)).ok).toBe(true);
    expect((await codes.claim(second.code)).ok).toBe(true);
    // Used beats superseded, so a spent newest link says "used".
    expect(await codes.claim(second.code)).toMatchObject({ ok: false, reason: 'used' });
    // The guest item is still a guest (the record adds fields, it does not replace the item), and
    // the guest read back says which link is the live one.
    expect(await guests.get('S-SUPERS', ann.id)).toEqual({
      ...ann,
      latestCode: second.code,
      linkIssuedAt: now().toISOString(),
    });
  });

  it('a code whose email did not go (never activated) retires nothing: the earlier link still claims', async () => {
    let at = new Date('2026-06-01T12:00:00Z');
    const codes = createCodeStore({ workspace: WORKSPACE, doc: env.doc, table: env.table, now: () => at });
    const guests = createGuestStore({ workspace: WORKSPACE, doc: env.doc, table: env.table, now: () => at });
    const cy = await guests.add({ sailId: 'S-PEND', name: 'cy', email: 'cy@example.com', capacity: 4 });
    if (!cy.ok) throw new Error('add failed');
    const sent = await codes.create({ guestId: cy.guest.id, sailId: 'S-PEND' });
    await codes.activate(sent);
    at = new Date('2026-06-01T13:00:00Z');
    const refused = await codes.create({ guestId: cy.guest.id, sailId: 'S-PEND' });
    // SES refused `refused`'s email, so it was never activated.
    expect((await guests.get('S-PEND', cy.guest.id))?.latestCode).toBe(sent.code);
    expect((await codes.claim(sent.code)).ok).toBe(true);
    // Had it gone after all (an unknown outcome, a timeout), it would open too: it is newer.
    expect((await codes.claim(refused.code)).ok).toBe(true);
    // An older code activated late (its email's answer came back last) retires nothing newer.
    at = new Date('2026-06-01T14:00:00Z');
    const newest = await codes.create({ guestId: cy.guest.id, sailId: 'S-PEND' });
    await codes.activate(newest);
    await codes.activate(refused);
    expect((await guests.get('S-PEND', cy.guest.id))?.latestCode).toBe(newest.code);
  });
});
