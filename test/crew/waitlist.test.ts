/**
 * The waitlist through signed Slack requests on DynamoDB Local, with a pinned clock: a full card
 * offers "Join the waitlist" and shows the list's length; a freed slot is held for the first in
 * line alone and DM'd to them; when the hold runs out the sweep offers it to the next; two slots
 * freed at once go to two people.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderBlocks } from '../../src/local/render-blocks';
import type { SinkCall } from '../../src/local/slack-sink';
import { replyText, startTestBosun, type TestBosun } from '../support/bosun';

const START = new Date('2026-12-01T20:00:00Z');
let clock = START;
let t: TestBosun;

beforeAll(async () => {
  t = await startTestBosun({ now: () => clock });
});
afterAll(() => t.stop());

function sailIdFrom(text: string): string {
  const m = /S-[0-9A-Z]{6}/.exec(text);
  if (!m) throw new Error(`no sail id in: ${text}`);
  return m[0];
}

/** A sail on 12 December with both crew slots taken by `a` and `b`. */
async function fullSail(a: string, b: string): Promise<string> {
  const id = sailIdFrom(
    replyText(await t.command('/sail create 2026-12-12 sunset 2h crew=2 Waitlist test force')),
  );
  await t.command(`/crew claim ${id} crew-1`, a);
  await t.command(`/crew claim ${id} crew-2`, b);
  return id;
}

const dmsTo = (calls: SinkCall[], user: string) =>
  calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === user);
const replies = (calls: SinkCall[]) =>
  calls.filter((c) => c.method === 'response_url').map((c) => String(c.args.text));
const lastCard = (calls: SinkCall[]) =>
  renderBlocks(
    calls.filter((c) => c.method === 'chat.update' && String(c.args.text).includes('Waitlist test')).at(-1)
      ?.args.blocks,
  );

describe('the waitlist', () => {
  it('join, a slot frees, the first is offered it alone; after the hold time the next one is offered it', async () => {
    clock = START;
    const id = await fullSail('UHOLDA001', 'UHOLDB001');
    // A card whose crew slots are all taken offers the waitlist.
    const shown = await t.command(`/sail show ${id}`);
    expect(renderBlocks(shown.calls.find((c) => c.method === 'chat.postMessage')?.args.blocks)).toContain(
      `[Join the waitlist] (roster.waitlist ${id})`,
    );
    const joined = [];
    for (const u of ['UWAIT0001', 'UWAIT0002', 'UWAIT0003'])
      joined.push(await t.click('roster.waitlist', id, u));
    expect(replies(joined[0]?.calls ?? [])[0]).toMatch(/number 1 in line/);
    expect(replies(joined[2]?.calls ?? [])[0]).toMatch(/number 3 in line/);
    expect(lastCard(joined[2]?.calls ?? [])).toContain('3 people are on the waitlist');
    // Someone with a role is told so; someone already waiting is told their place.
    expect(replies((await t.click('roster.waitlist', id, 'UHOLDA001')).calls)[0]).toMatch(
      /already hold crew-1/,
    );
    expect(replies((await t.click('roster.waitlist', id, 'UWAIT0002')).calls)[0]).toMatch(/number 2 in line/);

    // crew-1 frees: held for the first in line alone, who gets a DM with a Claim button.
    const released = await t.command(`/crew release ${id} crew-1`, 'UHOLDA001');
    const offer = dmsTo(released.calls, 'UWAIT0001');
    expect(offer).toHaveLength(1);
    expect(renderBlocks(offer[0]?.args.blocks)).toContain(`[Claim] (roster.claim ${id}:crew-1)`);
    expect(renderBlocks(offer[0]?.args.blocks)).toContain('held for you alone until');
    expect(dmsTo(released.calls, 'UWAIT0002')).toEqual([]);
    expect(lastCard(released.calls)).toContain('held for @UWAIT0001 from the waitlist');
    expect(lastCard(released.calls)).not.toContain(`roster.claim ${id}:crew-1`);
    const slot = (await t.bosun.stores.sails.get(id))?.slots.find((s) => s.slotId === 'crew-1');
    expect(slot?.heldFor).toBe('UWAIT0001');
    expect(slot?.heldUntil?.toISOString()).toBe(new Date(START.getTime() + 2 * 3_600_000).toISOString());
    // Nobody else can take it meanwhile, by button or by command.
    expect(replies((await t.click('roster.claim', `${id}:crew-1`, 'UWAIT0002')).calls)[0]).toMatch(
      /held for <@UWAIT0001> from the waitlist/,
    );
    expect(replyText(await t.command(`/crew claim ${id} crew`, 'UOUTSIDE1'))).toMatch(
      /Every crew slot on S-\w+ is taken and 3 people are waiting. Join the waitlist/,
    );

    // An hour later nothing moves; after the hold time the sweep offers it to the next.
    clock = new Date(START.getTime() + 60 * 60_000);
    expect((await t.bosun.sweep(clock)).holdsMoved).toBe(0);
    clock = new Date(START.getTime() + 2 * 3_600_000 + 60_000);
    const before = t.sink.calls().length;
    expect((await t.bosun.sweep(clock)).holdsMoved).toBe(1);
    expect((await t.bosun.sweep(clock)).holdsMoved).toBe(0);
    await t.bosun.drainJobs();
    const moved = t.sink.calls().slice(before);
    expect(dmsTo(moved, 'UWAIT0002')).toHaveLength(1);
    expect(renderBlocks(dmsTo(moved, 'UWAIT0002')[0]?.args.blocks)).toContain(`(roster.claim ${id}:crew-1)`);
    expect(String(dmsTo(moved, 'UWAIT0001')[0]?.args.text)).toMatch(/Your hold on Crew 1 .* ended/);
    expect(dmsTo(moved, 'UWAIT0003')).toEqual([]);
    // The first one's hold is over: their press now finds it held for the next.
    expect(replies((await t.click('roster.claim', `${id}:crew-1`, 'UWAIT0001')).calls)[0]).toMatch(
      /held for <@UWAIT0002>/,
    );
    // The second one claims it from the DM and leaves the list.
    expect(replies((await t.click('roster.claim', `${id}:crew-1`, 'UWAIT0002')).calls)[0]).toMatch(
      /You are Crew 1/,
    );
    const after = await t.bosun.stores.sails.get(id);
    expect(after?.slots.find((s) => s.slotId === 'crew-1')).toMatchObject({ holder: 'UWAIT0002' });
    expect(after?.slots.find((s) => s.slotId === 'crew-1')?.heldFor).toBeUndefined();
    expect(after?.waitlist.map((w) => w.userId)).toEqual(['UWAIT0003']);
    // Nothing is left for the sweep.
    clock = new Date(START.getTime() + 6 * 3_600_000);
    expect((await t.bosun.sweep(clock)).holdsMoved).toBe(0);
  });

  it('two leaving at once offer two people, each their own slot', async () => {
    clock = START;
    const id = await fullSail('UHOLDA002', 'UHOLDB002');
    for (const u of ['UWAIT0011', 'UWAIT0012', 'UWAIT0013']) await t.click('roster.waitlist', id, u);
    const before = t.sink.calls().length;
    await Promise.all([
      t.command(`/crew release ${id} crew-1`, 'UHOLDA002'),
      t.command(`/crew release ${id} crew-2`, 'UHOLDB002'),
    ]);
    const calls = t.sink.calls().slice(before);
    const offered = ['UWAIT0011', 'UWAIT0012', 'UWAIT0013'].filter((u) => dmsTo(calls, u).length > 0);
    expect(offered).toEqual(['UWAIT0011', 'UWAIT0012']);
    for (const u of offered) expect(dmsTo(calls, u)).toHaveLength(1);
    const slots = (await t.bosun.stores.sails.get(id))?.slots ?? [];
    const heldFor = slots.filter((s) => s.slotId !== 'captain').map((s) => s.heldFor);
    expect(new Set(heldFor)).toEqual(new Set(['UWAIT0011', 'UWAIT0012']));
    // Letting it pass hands it to the next in line at once.
    const mine = slots.find((s) => s.heldFor === 'UWAIT0011')?.slotId ?? '';
    const passed = await t.click('waitlist.decline', `${id}:${mine}`, 'UWAIT0011');
    expect(replies(passed.calls)[0]).toMatch(/went to <@UWAIT0013>/);
    expect(dmsTo(passed.calls, 'UWAIT0013')).toHaveLength(1);
  });

  it('too close to crew call to hold: every waiter hears the slot is open', async () => {
    // Six hours and a bit before crew call: a hold would last under 15 minutes.
    const id = await fullSail('UHOLDA003', 'UHOLDB003');
    for (const u of ['UWAIT0021', 'UWAIT0022']) await t.click('roster.waitlist', id, u);
    const sail = (await t.bosun.stores.sails.get(id))?.sail;
    if (!sail) throw new Error('no sail');
    clock = new Date(sail.crewCallAt.getTime() - 6 * 3_600_000 - 5 * 60_000);
    const released = await t.command(`/crew release ${id} crew-2`, 'UHOLDB003');
    for (const u of ['UWAIT0021', 'UWAIT0022']) {
      expect(String(dmsTo(released.calls, u)[0]?.args.text)).toMatch(/first come, first served/);
    }
    expect(
      (await t.bosun.stores.sails.get(id))?.slots.find((s) => s.slotId === 'crew-2')?.heldFor,
    ).toBeUndefined();
    clock = START;
  });
});
