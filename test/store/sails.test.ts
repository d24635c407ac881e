import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SailDraft } from '../../src/sails/types';
import { countRequests, createDocumentClient } from '../../src/store/client';
import { keys } from '../../src/store/keys';
import { createSailStore, type SailStore } from '../../src/store/sails';
import { createSlackPostStore } from '../../src/store/slack-posts';
import { freshTable, WORKSPACE } from '../support/aws';
import { JADA_PLACE } from '../support/fleet';

const draft = (over: Partial<SailDraft> = {}): SailDraft => ({
  date: '2026-07-04',
  start: 'sunset',
  durationMinutes: 120,
  crewCount: 3,
  guestCapacity: 6,
  vesselId: 'jada',
  title: 'Fourth of July',
  ...over,
});

const clock = new Date('2026-06-01T12:00:00Z');
let env: Awaited<ReturnType<typeof freshTable>>;
let store: SailStore;

beforeAll(async () => {
  env = await freshTable();
  store = createSailStore({ workspace: WORKSPACE, doc: env.doc, table: env.table, now: () => clock });
});

async function newSail(over: Partial<SailDraft> = {}) {
  const r = await store.create(draft(over), 'UADMIN', JADA_PLACE);
  if (!r.ok) throw new Error(r.error);
  return r.sail;
}

describe('create and get', () => {
  it('writes META and one slot per role in one transaction, and reads them back in one query', async () => {
    const { doc, table } = await freshTable();
    const counted = createSailStore({ workspace: WORKSPACE, doc, table, now: () => clock });
    const tally = countRequests(doc);
    const r = await counted.create(draft({ crewCount: 11 }), 'UADMIN', JADA_PLACE);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Object.fromEntries(tally)).toEqual({ TransactWriteItemsCommand: 1 });
    expect(r.sail.id).toMatch(/^S-[0-9A-HJKMNP-TV-Z]{6}$/);
    expect(r.sail.status).toBe('scheduled');
    expect(r.sail.departAt.toISOString()).toBe('2026-07-05T01:30:00.000Z');

    tally.clear();
    const got = await counted.get(r.sail.id);
    expect(Object.fromEntries(tally)).toEqual({ QueryCommand: 1 });
    expect(got?.sail).toEqual(r.sail);
    expect(got?.slots.map((s) => s.slotId)).toEqual([
      'captain',
      ...Array.from({ length: 11 }, (_, i) => `crew-${i + 1}`),
    ]);
    expect(got?.slots.every((s) => s.holder === undefined)).toBe(true);
    expect(got?.members).toEqual([]);
    expect(await counted.get('S-000000')).toBeUndefined();
  });

  it('refuses a draft whose departure is already past, writing nothing', async () => {
    const { doc, table } = await freshTable();
    const s = createSailStore({
      workspace: WORKSPACE,
      doc,
      table,
      now: () => new Date('2026-07-05T02:00:00Z'),
    });
    const tally = countRequests(doc);
    const r = await s.create(draft(), 'UADMIN', JADA_PLACE);
    expect(r).toMatchObject({ ok: false, reason: 'invalid' });
    expect(tally.size).toBe(0);
  });

  it('draws a new id when the first one is taken', async () => {
    const { doc, table } = await freshTable();
    const ids = ['S-AAAAAA', 'S-AAAAAA', 'S-BBBBBB'];
    const s = createSailStore({
      workspace: WORKSPACE,
      doc,
      table,
      now: () => clock,
      newId: () => ids.shift() ?? 'S-CCCCCC',
    });
    const first = await s.create(draft(), 'UADMIN', JADA_PLACE);
    const second = await s.create(draft({ title: 'Second' }), 'UADMIN', JADA_PLACE);
    expect(first.ok && first.sail.id).toBe('S-AAAAAA');
    expect(second.ok && second.sail.id).toBe('S-BBBBBB');
    expect((await s.get('S-AAAAAA'))?.sail.title).toBe('Fourth of July');
  });

  it('the live card is a Slack-owned record: moving it returns the copy it replaced', async () => {
    const sail = await newSail();
    const posts = createSlackPostStore({ doc: env.doc, table: env.table, workspace: WORKSPACE });
    expect(await posts.get(sail.id, 'card')).toBeUndefined();
    expect(await posts.move(sail.id, 'card', { channel: 'C123', ts: '1700000000.000100' })).toBeUndefined();
    expect(await posts.move(sail.id, 'card', { channel: 'C456', ts: '1700000001.000100' })).toEqual({
      channel: 'C123',
      ts: '1700000000.000100',
    });
    expect(await posts.get(sail.id, 'card')).toEqual({ channel: 'C456', ts: '1700000001.000100' });
    // The sail itself carries no Slack fields.
    expect(Object.keys((await store.get(sail.id))?.sail ?? {})).not.toContain('cardTs');
  });
});

describe('claim', () => {
  it('20 people claiming one slot at once: exactly one holder, 19 told who holds it', async () => {
    const sail = await newSail();
    const users = Array.from({ length: 20 }, (_, i) => `U${String(i).padStart(4, '0')}`);
    const results = await Promise.all(users.map((u) => store.claim(sail.id, 'crew-2', u)));
    const wins = results.filter((r) => r.ok);
    expect(wins).toHaveLength(1);
    const winner = wins[0]?.ok ? wins[0].holder : undefined;
    expect(winner).toBeDefined();
    const losses = results.filter((r) => !r.ok);
    expect(losses).toHaveLength(19);
    for (const r of losses)
      expect(r).toEqual({ ok: false, reason: 'taken', slotId: 'crew-2', holder: winner });
    const got = await store.get(sail.id);
    expect(got?.slots.find((s) => s.slotId === 'crew-2')?.holder).toBe(winner);
    expect(got?.members.map((m) => m.userId)).toEqual([winner]);
  });

  it('costs one read and one transaction when it succeeds', async () => {
    const { doc, table } = await freshTable();
    const s = createSailStore({ workspace: WORKSPACE, doc, table, now: () => clock });
    const created = await s.create(draft(), 'UADMIN', JADA_PLACE);
    if (!created.ok) throw new Error(created.error);
    const tally = countRequests(doc);
    const r = await s.claim(created.sail.id, 'captain', 'UCAPT');
    expect(r).toMatchObject({ ok: true, slotId: 'captain', holder: 'UCAPT' });
    expect(Object.fromEntries(tally)).toEqual({ GetItemCommand: 1, TransactWriteItemsCommand: 1 });
    tally.clear();
    const taken = await s.claim(created.sail.id, 'captain', 'UOTHER');
    expect(taken).toEqual({ ok: false, reason: 'taken', slotId: 'captain', holder: 'UCAPT' });
    expect(Object.fromEntries(tally)).toEqual({ GetItemCommand: 1, TransactWriteItemsCommand: 1 });
  });

  it('one person, one slot per sail', async () => {
    const sail = await newSail();
    expect((await store.claim(sail.id, 'captain', 'UALICE')).ok).toBe(true);
    expect(await store.claim(sail.id, 'crew-1', 'UALICE')).toEqual({
      ok: false,
      reason: 'already_member',
      slotId: 'captain',
    });
    expect(await store.claim(sail.id, 'captain', 'UALICE')).toMatchObject({
      ok: false,
      reason: 'already_member',
      slotId: 'captain',
    });
    const got = await store.get(sail.id);
    expect(got?.slots.find((s) => s.slotId === 'crew-1')?.holder).toBeUndefined();
  });

  it('answers no_such_slot and no_such_sail', async () => {
    const sail = await newSail({ crewCount: 1 });
    expect(await store.claim(sail.id, 'crew-2', 'UBOB')).toEqual({
      ok: false,
      reason: 'no_such_slot',
      slotId: 'crew-2',
    });
    expect(await store.claim('S-ZZZZZZ', 'captain', 'UBOB')).toEqual({ ok: false, reason: 'no_such_sail' });
    // The failed claim left no member behind, so Bob can still take a real slot.
    expect((await store.claim(sail.id, 'crew-1', 'UBOB')).ok).toBe(true);
  });
});

describe('release and designate', () => {
  it('a holder releases their own slot; someone else is refused; an admin may release anyone', async () => {
    const sail = await newSail();
    await store.claim(sail.id, 'crew-1', 'UCAROL');
    expect(await store.release(sail.id, 'crew-1', 'UDAVE')).toEqual({
      ok: false,
      reason: 'not_holder',
      holder: 'UCAROL',
    });
    expect(await store.release(sail.id, 'crew-1', 'UCAROL')).toEqual({
      ok: true,
      slotId: 'crew-1',
      holder: 'UCAROL',
    });
    expect(await store.release(sail.id, 'crew-1', 'UCAROL')).toEqual({ ok: false, reason: 'empty' });
    // Released: Carol is no longer a member, so she can claim again.
    expect((await store.claim(sail.id, 'crew-2', 'UCAROL')).ok).toBe(true);
    expect(await store.release(sail.id, 'crew-2', 'UADMIN', { isAdmin: true })).toEqual({
      ok: true,
      slotId: 'crew-2',
      holder: 'UCAROL',
    });
    const got = await store.get(sail.id);
    expect(got?.members).toEqual([]);
    expect(got?.slots.every((s) => !s.holder)).toBe(true);
    expect(await store.release(sail.id, 'crew-9', 'UADMIN', { isAdmin: true })).toEqual({
      ok: false,
      reason: 'no_such_slot',
    });
  });

  it('an admin designates someone into a free slot, but not over a holder', async () => {
    const sail = await newSail();
    const r = await store.designate(sail.id, 'captain', 'USKIPPER', 'UADMIN');
    expect(r).toMatchObject({ ok: true, slotId: 'captain', holder: 'USKIPPER' });
    const got = await store.get(sail.id);
    expect(got?.slots[0]).toMatchObject({ slotId: 'captain', holder: 'USKIPPER', designatedBy: 'UADMIN' });
    expect(await store.designate(sail.id, 'captain', 'UOTHER', 'UADMIN')).toEqual({
      ok: false,
      reason: 'taken',
      slotId: 'captain',
      holder: 'USKIPPER',
    });
    expect(await store.designate(sail.id, 'crew-1', 'USKIPPER', 'UADMIN')).toMatchObject({
      reason: 'already_member',
      slotId: 'captain',
    });
  });
});

describe('status', () => {
  it('a hold keeps claims open and lists the holders; cancel closes the sail for good', async () => {
    const sail = await newSail();
    await store.claim(sail.id, 'captain', 'UCAPT');
    const held = await store.setStatus(sail.id, 'on_hold', '  small-craft advisory ');
    expect(held).toMatchObject({
      ok: true,
      sail: { status: 'on_hold', holdReason: 'small-craft advisory', version: 2 },
    });
    expect(held.ok && held.holders).toEqual([{ slotId: 'captain', userId: 'UCAPT' }]);
    expect((await store.claim(sail.id, 'crew-1', 'UCREW')).ok).toBe(true);

    const unheld = await store.setStatus(sail.id, 'scheduled');
    expect(unheld).toMatchObject({ ok: true, sail: { status: 'scheduled', version: 3 } });
    expect(unheld.ok && unheld.sail.holdReason).toBeUndefined();
    expect(await store.setStatus(sail.id, 'scheduled')).toMatchObject({ ok: false, reason: 'not_on_hold' });

    const cancelled = await store.setStatus(sail.id, 'cancelled');
    expect(cancelled.ok && cancelled.holders.map((h) => h.userId).sort()).toEqual(['UCAPT', 'UCREW']);
    expect(await store.claim(sail.id, 'crew-2', 'ULATE')).toMatchObject({
      ok: false,
      reason: 'closed',
      closed: 'cancelled',
    });
    expect(await store.setStatus(sail.id, 'scheduled')).toMatchObject({ ok: false, reason: 'cancelled' });
    expect(await store.setStatus(sail.id, 'on_hold', 'x')).toMatchObject({ ok: false, reason: 'cancelled' });
    expect(await store.setStatus('S-ZZZZZZ', 'cancelled')).toEqual({ ok: false, reason: 'no_such_sail' });
  });

  it('a sail that has departed cannot be claimed or changed', async () => {
    const { doc, table } = await freshTable();
    let t = new Date('2026-06-01T12:00:00Z');
    const s = createSailStore({ workspace: WORKSPACE, doc, table, now: () => t });
    const created = await s.create(draft(), 'UADMIN', JADA_PLACE);
    if (!created.ok) throw new Error(created.error);
    t = new Date(created.sail.departAt.getTime() + 60_000);
    expect(await s.claim(created.sail.id, 'captain', 'UCAPT')).toMatchObject({
      ok: false,
      reason: 'closed',
      closed: 'departed',
    });
    expect(await s.setStatus(created.sail.id, 'cancelled')).toMatchObject({ ok: false, reason: 'departed' });
    const slot = await doc.send(
      new GetCommand({ TableName: table, Key: keys.slot(WORKSPACE, created.sail.id, 'captain') }),
    );
    expect(slot.Item?.holder).toBeUndefined();
  });

  it('the transaction itself refuses a claim on a sail cancelled after the claim read it', async () => {
    const { doc, table, dynamo } = await freshTable();
    const s = createSailStore({ workspace: WORKSPACE, doc, table, now: () => clock });
    const created = await s.create(draft(), 'UADMIN', JADA_PLACE);
    if (!created.ok) throw new Error(created.error);
    const sailId = created.sail.id;
    // An admin cancels (through another client) between the claim's read and its transaction.
    const admin = createSailStore({
      workspace: WORKSPACE,
      doc: createDocumentClient(dynamo),
      table,
      now: () => clock,
    });
    let raced = false;
    doc.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'TransactWriteItemsCommand' && !raced) {
          raced = true;
          expect(await admin.setStatus(sailId, 'cancelled')).toMatchObject({ ok: true });
        }
        return next(args);
      },
      { step: 'initialize', name: 'cancelBeforeClaim' },
    );
    const r = await s.claim(sailId, 'captain', 'UCAPT');
    expect(raced).toBe(true);
    expect(r).toMatchObject({
      ok: false,
      reason: 'closed',
      closed: 'cancelled',
      sail: { status: 'cancelled' },
    });
    const got = await admin.get(sailId);
    expect(got?.members).toEqual([]);
    expect(got?.slots[0]?.holder).toBeUndefined();
  });
});

describe('lists', () => {
  it('upcoming returns sails between now and the horizon, in departure order, never past or far ones', async () => {
    const { doc, table } = await freshTable();
    let t = new Date('2026-06-01T12:00:00Z');
    const s = createSailStore({ workspace: WORKSPACE, doc, table, now: () => t });
    const make = async (date: string, title: string) => {
      const r = await s.create(draft({ date, start: '10:00', title }), 'UADMIN', JADA_PLACE);
      if (!r.ok) throw new Error(r.error);
      return r.sail;
    };
    await make('2026-06-05', 'past');
    const soon = await make('2026-06-12', 'soon');
    const later = await make('2026-07-01', 'later');
    await make('2026-09-01', 'far');
    const cancelled = await make('2026-06-20', 'cancelled');
    await s.setStatus(cancelled.id, 'cancelled');
    t = new Date('2026-06-10T00:00:00Z');
    const tally = countRequests(doc);
    const list = await s.upcoming();
    expect(tally.get('ScanCommand')).toBeUndefined();
    expect(list.map((x) => x.title)).toEqual(['soon', 'cancelled', 'later']);
    expect((await s.upcoming({ includeCancelled: false })).map((x) => x.id)).toEqual([soon.id, later.id]);
    expect((await s.upcoming({ days: 5 })).map((x) => x.title)).toEqual(['soon']);
    expect((await s.upcoming({ limit: 1 })).map((x) => x.title)).toEqual(['soon']);
  });

  it('rolesFor lists only upcoming roles, in departure order, with the sails as they are now', async () => {
    const { doc, table } = await freshTable();
    let t = new Date('2026-06-01T12:00:00Z');
    const s = createSailStore({ workspace: WORKSPACE, doc, table, now: () => t });
    const ids: string[] = [];
    for (const date of ['2026-08-01', '2026-06-03', '2026-07-01']) {
      const r = await s.create(draft({ date, title: date }), 'UADMIN', JADA_PLACE);
      if (!r.ok) throw new Error(r.error);
      ids.push(r.sail.id);
    }
    const [aug, jun, jul] = ids as [string, string, string];
    await s.claim(aug, 'crew-1', 'UERIN');
    await s.claim(jun, 'captain', 'UERIN');
    await s.claim(jul, 'crew-2', 'UERIN');
    await s.claim(jul, 'crew-1', 'UFRANK');
    await s.setStatus(aug, 'on_hold', 'rigging repair');
    t = new Date('2026-06-10T00:00:00Z');
    const tally = countRequests(doc);
    const roles = await s.rolesFor('UERIN');
    expect(roles.map((r) => [r.sail.id, r.slotId])).toEqual([
      [jul, 'crew-2'],
      [aug, 'crew-1'],
    ]);
    expect(roles[1]?.sail).toMatchObject({ status: 'on_hold', holdReason: 'rigging repair' });
    expect(tally.get('QueryCommand')).toBe(1);
    expect(tally.get('ScanCommand')).toBeUndefined();
    expect(await s.rolesFor('UNOBODY')).toEqual([]);
  });
});

describe('checklist ticks', () => {
  it('records who ticked an item and when, visible through get', async () => {
    const sail = await newSail();
    const r = await store.tickChecklist(sail.id, 'life-jackets', 'UCREW', true);
    expect(r).toEqual({ ok: true, tick: { itemId: 'life-jackets', checked: true, by: 'UCREW', at: clock } });
    await store.tickChecklist(sail.id, 'fuel', 'UCAPT', true);
    await store.tickChecklist(sail.id, 'fuel', 'UCAPT', false);
    const got = await store.get(sail.id);
    expect(got?.checklist.sort((a, b) => a.itemId.localeCompare(b.itemId))).toEqual([
      { itemId: 'fuel', checked: false, by: 'UCAPT', at: clock },
      { itemId: 'life-jackets', checked: true, by: 'UCREW', at: clock },
    ]);
    expect(await store.tickChecklist('S-ZZZZZZ', 'fuel', 'UCAPT', true)).toEqual({
      ok: false,
      reason: 'no_such_sail',
    });
  });
});
