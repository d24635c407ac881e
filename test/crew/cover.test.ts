/**
 * Cover requests through signed Slack requests on DynamoDB Local: `/crew cover` posts the request
 * in the card's thread and DMs the regulars free then; ten people pressing Take-over at once leave
 * exactly one taker; the requester is released and told; the request's message says who covers; a
 * withdrawn request cannot be taken; Captain goes only to listed captains; an uncovered request is
 * asked again by the sweep in the open-roles windows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrewRules } from '../../src/crew/rules';
import { renderBlocks } from '../../src/local/render-blocks';
import type { SinkCall } from '../../src/local/slack-sink';
import { replyText, startTestBosun, type TestBosun } from '../support/bosun';

const NOW = new Date('2026-12-01T20:00:00Z');
const clock = NOW;
/** The rules the app reads per vessel; each test sets what it needs. */
let rules: CrewRules = { captains: [], regulars: [] };
let t: TestBosun;

beforeAll(async () => {
  t = await startTestBosun({ now: () => clock, crewRules: async () => rules });
});
afterAll(() => t.stop());

function sailIdFrom(text: string): string {
  const m = /S-[0-9A-Z]{6}/.exec(text);
  if (!m) throw new Error(`no sail id in: ${text}`);
  return m[0];
}

async function createSail(date = '2026-12-12', extra = ''): Promise<string> {
  const res = await t.command(`/sail create ${date} sunset 2h crew=2 ${extra} Cover test force`);
  return sailIdFrom(replyText(res));
}

const dmsTo = (calls: SinkCall[], user: string) =>
  calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === user);
const replies = (calls: SinkCall[]) =>
  calls.filter((c) => c.method === 'response_url').map((c) => String(c.args.text));

describe('/crew cover', () => {
  it('posts the request in the card thread with Take-over and DMs the regulars free then', async () => {
    rules = { captains: [], regulars: ['UREG00001', 'UREG00002', 'UBUSY0001'] };
    const busyElsewhere = await createSail('2026-12-12');
    const id = await createSail('2026-12-12');
    await t.command(`/crew claim ${busyElsewhere} crew`, 'UBUSY0001');
    await t.command(`/crew claim ${id} crew`, 'UASKER001');
    const card = t.sink
      .calls()
      .filter((c) => c.method === 'chat.postMessage' && c.args.channel !== 'UASKER001');
    const cardTs = card.find((c) => String(c.args.text).includes(id))?.ts;

    const res = await t.command(`/crew cover ${id} crew`, 'UASKER001');
    expect(replyText(res)).toMatch(/Asked for cover of Crew 1/);
    expect(replyText(res)).toMatch(/2 people free then/);
    expect(res.callsBeforeAnswer).toEqual([]);
    const request = res.calls.find((c) => c.method === 'chat.postMessage' && c.args.thread_ts);
    expect(request?.args.thread_ts).toBe(cardTs);
    expect(renderBlocks(request?.args.blocks)).toContain(`(roster.cover ${id}:crew-1)`);
    for (const u of ['UREG00001', 'UREG00002']) {
      expect(renderBlocks(dmsTo(res.calls, u)[0]?.args.blocks)).toContain(`(roster.cover ${id}:crew-1)`);
    }
    // On the water at the same time on another sail: not free then, not asked.
    expect(dmsTo(res.calls, 'UBUSY0001')).toEqual([]);
    // The card marks the holder as looking for cover; the holder keeps the slot meanwhile.
    const update = res.calls.find((c) => c.method === 'chat.update');
    expect(renderBlocks(update?.args.blocks)).toContain('@UASKER001 _(looking for cover');
    expect((await t.bosun.stores.sails.get(id))?.slots.find((s) => s.slotId === 'crew-1')?.holder).toBe(
      'UASKER001',
    );
    // Asking twice points at the open request.
    expect(replyText(await t.command(`/crew cover ${id} crew-1`, 'UASKER001'))).toMatch(/asked already/);
    // Only the holder (or an admin) may ask.
    expect(replyText(await t.command(`/crew cover ${id} crew-1`, 'USOMEONE1'))).toMatch(
      /only they or an admin/,
    );
  });

  it('10 people pressing Take-over at once: exactly one taker, the requester released and told, the others told it is covered', async () => {
    rules = { captains: [], regulars: [] };
    const id = await createSail();
    await t.command(`/crew claim ${id} crew-2`, 'UASKER002');
    await t.command(`/crew cover ${id} crew-2`, 'UASKER002');
    const takers = Array.from({ length: 10 }, (_, i) => `UTAKE${String(i).padStart(4, '0')}`);
    const before = t.sink.calls().length;
    await Promise.all(takers.map((u) => t.click('roster.cover', `${id}:crew-2`, u)));
    // Each press's own list overlaps the others' (they ran at once): read the sink once.
    const all = t.sink.calls().slice(before);
    const texts = replies(all);
    expect(texts).toHaveLength(10);
    const won = texts.filter((x) => x.startsWith('You are now Crew 2'));
    expect(won).toHaveLength(1);
    expect(texts.filter((x) => /already covered by <@UTAKE\d{4}>/.test(x))).toHaveLength(9);

    const view = await t.bosun.stores.sails.get(id);
    const holder = view?.slots.find((s) => s.slotId === 'crew-2')?.holder ?? '';
    expect(takers).toContain(holder);
    expect(won[0]).toContain('taking over from <@UASKER002>');
    // The requester is released: no member item, no slot.
    expect(view?.members.map((m) => m.userId)).toEqual([holder]);
    expect(view?.covers.find((c) => c.slotId === 'crew-2')).toMatchObject({
      status: 'covered',
      closedBy: holder,
    });
    // The requester is told who covers, once.
    const told = dmsTo(all, 'UASKER002');
    expect(told).toHaveLength(1);
    expect(String(told[0]?.args.text)).toContain(`<@${holder}> is covering your Crew 2`);
    // The request's message now says who covers it, with no button left.
    const redrawn = all.filter(
      (c) => c.method === 'chat.update' && renderBlocks(c.args.blocks).includes('is covered by'),
    );
    expect(redrawn.length).toBeGreaterThanOrEqual(1);
    expect(renderBlocks(redrawn.at(-1)?.args.blocks)).toContain(`covered by @${holder} (was @UASKER002)`);
    expect(renderBlocks(redrawn.at(-1)?.args.blocks)).not.toContain('roster.cover');
    // A later press is told too.
    const late = await t.click('roster.cover', `${id}:crew-2`, 'ULATE0001');
    expect(replies(late.calls)[0]).toMatch(/Too late: Crew 2 on S-\w+ is already covered by/);
  });

  it('a withdrawn request cannot be taken; the requester keeps the slot', async () => {
    rules = { captains: [], regulars: [] };
    const id = await createSail();
    await t.command(`/crew claim ${id} crew-1`, 'UASKER003');
    await t.command(`/crew cover ${id} crew-1`, 'UASKER003');
    expect(replyText(await t.command(`/crew cover ${id} crew-1 withdraw`, 'USTRANGER'))).toMatch(
      /Only <@UASKER003> \(who asked\) or an admin/,
    );
    const res = await t.command(`/crew cover ${id} crew-1 withdraw`, 'UASKER003');
    expect(replyText(res)).toMatch(/Withdrawn: <@UASKER003> keeps Crew 1/);
    const redrawn = res.calls
      .filter((c) => c.method === 'chat.update')
      .map((c) => renderBlocks(c.args.blocks));
    expect(redrawn.some((b) => b.includes('withdrew the request: @UASKER003 keeps *Crew 1*'))).toBe(true);
    const press = await t.click('roster.cover', `${id}:crew-1`, 'UTAKER003');
    expect(replies(press.calls)[0]).toMatch(/withdrawn/);
    expect((await t.bosun.stores.sails.get(id))?.slots.find((s) => s.slotId === 'crew-1')?.holder).toBe(
      'UASKER003',
    );
    // The Withdraw button does the same for a new request.
    await t.command(`/crew cover ${id} crew-1`, 'UASKER003');
    const viaButton = await t.click('cover.withdraw', `${id}:crew-1`, 'UASKER003');
    expect(replies(viaButton.calls)[0]).toMatch(/Withdrawn/);
    expect(replies((await t.click('roster.cover', `${id}:crew-1`, 'UTAKER003')).calls)[0]).toMatch(
      /withdrawn/,
    );
  });

  it('Captain is covered only by a listed captain', async () => {
    rules = { captains: ['UCAPTAIN1'], regulars: ['UCAPTAIN1', 'UNOTCAPT1'] };
    const id = await createSail();
    await t.command(`/crew claim ${id} captain`, 'UCAPTAIN0');
    const asked = await t.command(`/crew cover ${id} captain`, 'UCAPTAIN0');
    // Only the listed captain is asked by DM.
    expect(dmsTo(asked.calls, 'UCAPTAIN1')).toHaveLength(1);
    expect(dmsTo(asked.calls, 'UNOTCAPT1')).toEqual([]);
    const refused = await t.click('roster.cover', `${id}:captain`, 'UNOTCAPT1');
    expect(replies(refused.calls)[0]).toMatch(
      /Only the vessel's listed captains can take over Captain \(<@UCAPTAIN1>\)/,
    );
    expect((await t.bosun.stores.sails.get(id))?.slots.find((s) => s.slotId === 'captain')?.holder).toBe(
      'UCAPTAIN0',
    );
    const taken = await t.click('roster.cover', `${id}:captain`, 'UCAPTAIN1');
    expect(replies(taken.calls)[0]).toMatch(/You are now Captain/);
  });

  it('someone already aboard cannot take over a second slot', async () => {
    rules = { captains: [], regulars: [] };
    const id = await createSail();
    await t.command(`/crew claim ${id} crew-1`, 'UASKER005');
    await t.command(`/crew claim ${id} crew-2`, 'UABOARD05');
    await t.command(`/crew cover ${id} crew-1`, 'UASKER005');
    const press = await t.click('roster.cover', `${id}:crew-1`, 'UABOARD05');
    expect(replies(press.calls)[0]).toMatch(/already hold crew-2/);
  });

  it('an uncovered request is asked again by the sweep in the open-roles windows, once', async () => {
    rules = { captains: [], regulars: ['UREG00009'] };
    // Departs 2026-12-05 around 16:00 PST; asked on 2026-12-01: the 72h and 24h windows are ahead.
    const id = await createSail('2026-12-05');
    await t.command(`/crew claim ${id} captain`, 'UCAPT0009');
    await t.command(`/crew claim ${id} crew-1`, 'UCREW0009');
    await t.command(`/crew claim ${id} crew-2`, 'UASKER009');
    await t.command(`/crew cover ${id} crew-2`, 'UASKER009');
    const sail = (await t.bosun.stores.sails.get(id))?.sail;
    if (!sail) throw new Error('no sail');
    const at = new Date(sail.departAt.getTime() - 23 * 3_600_000);
    const before = t.sink.calls().length;
    await t.bosun.sweep(at);
    await t.bosun.sweep(at);
    const calls = t.sink.calls().slice(before);
    const again = calls.filter((c) =>
      renderBlocks(c.args.blocks).includes('Still looking for someone to take over'),
    );
    expect(again).toHaveLength(1);
    expect(renderBlocks(again[0]?.args.blocks)).toContain(`(roster.cover ${id}:crew-2)`);
    expect(renderBlocks(again[0]?.args.blocks)).toContain('24h reminder');
    expect(dmsTo(calls, 'UREG00009').filter((c) => String(c.args.text).includes('needs cover'))).toHaveLength(
      1,
    );
    // Covered: nothing more is asked.
    await t.click('roster.cover', `${id}:crew-2`, 'UREG00009');
    const later = t.sink.calls().length;
    await t.bosun.sweep(new Date(sail.departAt.getTime() - 5 * 3_600_000));
    expect(
      t.sink
        .calls()
        .slice(later)
        .filter((c) => renderBlocks(c.args.blocks).includes('Still looking')),
    ).toEqual([]);
  });
});
