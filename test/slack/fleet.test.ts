/**
 * `/fleet` end to end, through signed requests against DynamoDB Local: add, set (every key, and each
 * bad value refused with nothing written), show with its history, retire, regulars (DM'd by the
 * sweep for open roles) and captains (a claim of Captain by anyone else is refused; an admin may
 * still designate, with a warning); the form; the card and checklist read the vessel from the fleet.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderBlocks } from '../../src/local/render-blocks';
import { ADMIN, replyText, startTestBosun, type TestBosun } from '../support/bosun';

const NOW = new Date('2026-12-01T20:00:00Z');
let t: TestBosun;

beforeAll(async () => {
  t = await startTestBosun({ now: () => NOW });
});
afterAll(() => t.stop());

const text = (a: { body: unknown }) => replyText(a as Parameters<typeof replyText>[0]);
const shown = (a: { body: unknown }) =>
  renderBlocks((a.body as { blocks?: unknown[] }).blocks ?? []) || text(a);

function sailIdFrom(s: string): string {
  const m = /S-[0-9A-Z]{6}/.exec(s);
  if (!m) throw new Error(`no sail id in: ${s}`);
  return m[0];
}

describe('/fleet add, set, show, retire', () => {
  it('adds a vessel with defaults; it takes no sails until its home port and zone are set', async () => {
    const res = await t.command('/fleet add sea-fever Sea Fever');
    expect(res.callsBeforeAnswer).toEqual([]);
    expect(text(res)).toMatch(
      /^Added: \*Sea Fever\* \(`sea-fever`\), sailing-yacht, up to 6 guests and 2 crew\./,
    );
    expect(text(res)).toMatch(
      /takes no sails until it has a home port and time zone: `\/fleet set sea-fever port=… lat=… lng=… zone=…`/,
    );
    const v = await t.bosun.stores.fleet.get('sea-fever');
    expect(v).toMatchObject({
      name: 'Sea Fever',
      guestCapacity: 6,
      maxCrew: 2,
      createdBy: ADMIN,
      demo: false,
    });
    expect(v?.checklist.map((i) => i.id)).toContain('rigging-check');
    // No port yet: planning a sail on it says what to set.
    const sail = await t.command('/sail create 2026-12-20 sunset vessel=sea-fever Trial');
    expect(text(sail)).toMatch(/Sea Fever has no home port and time zone yet.*\/fleet set sea-fever port=…/);
    // The same id again is refused.
    expect(text(await t.command('/fleet add SEA-FEVER Another'))).toMatch(
      /already has `sea-fever` \(Sea Fever\)/,
    );
    expect(text(await t.command('/fleet add Bad_Id! Name'))).toMatch(/cannot be a vessel id/);
    expect(text(await t.command('/fleet add lonely'))).toMatch(/Give the vessel a name/);
  });

  it('sets every key at once, recorded with who and when', async () => {
    const res = await t.command(
      '/fleet set sea-fever name="Sea Fever II" kind=motor guests=8 crew=3 port="Shelter Island" lat=32.714 lng=-117.229 zone=america/los_angeles meet="Dock B, slip 12" parking=“Lot C, free” bring="Soft shoes & a jacket"',
    );
    expect(text(res)).toMatch(/^Changed \*Sea Fever II\* \(`sea-fever`\):/);
    const v = await t.bosun.stores.fleet.get('sea-fever');
    expect(v).toMatchObject({
      name: 'Sea Fever II',
      kind: 'motor-yacht',
      guestCapacity: 8,
      maxCrew: 3,
      port: 'Shelter Island',
      lat: 32.714,
      lng: -117.229,
      zone: 'America/Los_Angeles',
      meet: 'Dock B, slip 12',
      parking: 'Lot C, free',
      bring: 'Soft shoes & a jacket',
      updatedBy: ADMIN,
      version: 2,
    });
    // An untouched default checklist follows the kind.
    expect(v?.checklist.map((i) => i.id)).toContain('engine-check');
    expect(v?.checklist.map((i) => i.id)).not.toContain('rigging-check');
    // The escaped echo: what was typed is text, not markup.
    expect(text(res)).toContain('"Soft shoes &amp; a jacket"');
  });

  it.each([
    ['name=""', /name= needs a value/],
    [`name="${'x'.repeat(61)}"`, /61 characters; keep it to 60/],
    ['kind=submarine', /"submarine" is not a kind of vessel/],
    ['guests=151', /not a guest capacity\. Give a whole number from 0 to 150/],
    ['guests=-2', /not a guest capacity/],
    ['crew=21', /not a crew count\. Give a whole number from 0 to 20/],
    ['crew=two', /not a crew count/],
    ['lat=91', /not a latitude/],
    ['lat=north', /not a latitude/],
    ['lng=-181', /not a longitude/],
    ['zone=Mars/Olympus_Mons', /not an IANA time zone/],
    ['zone=EST5EDT', /not an IANA time zone/],
    [`port="${'p'.repeat(81)}"`, /keep it to 80/],
    [`meet="${'m'.repeat(301)}"`, /meet= is 301 characters; keep it to 300/],
    [`parking="${'m'.repeat(301)}"`, /parking= is 301 characters/],
    [`bring="${'m'.repeat(301)}"`, /bring= is 301 characters/],
    ['check-=no-such-item', /The checklist has no item "no-such-item"/],
    ['colour=blue', /"colour" is not something a vessel has/],
    ['guests=8 guests=9', /guests= is given twice/],
    ['meet="never closed', /opens a quote that is never closed/],
    ['guests=7 crew=99', /not a crew count/],
  ])('refuses %s and writes nothing', async (settings, message) => {
    const before = await t.bosun.stores.fleet.get('sea-fever');
    const res = await t.command(`/fleet set sea-fever ${settings}`);
    expect(text(res)).toMatch(message);
    expect(text(res)).toMatch(/Nothing was changed/);
    expect(res.calls).toEqual([]);
    expect(await t.bosun.stores.fleet.get('sea-fever')).toEqual(before);
  });

  it('adds and removes checklist items; clears a text key with an empty value; says when nothing changes', async () => {
    const res = await t.command(
      '/fleet set sea-fever check+="Anchor windlass tested" check-=blower parking=""',
    );
    expect(text(res)).toMatch(/checklist \+ "Anchor windlass tested \(anchor-windlass-tested\)"/);
    const v = await t.bosun.stores.fleet.get('sea-fever');
    expect(v?.checklist.map((i) => i.id)).toContain('anchor-windlass-tested');
    expect(v?.checklist.map((i) => i.id)).not.toContain('blower');
    expect(v?.parking).toBeUndefined();
    expect(text(await t.command('/fleet set sea-fever guests=8'))).toMatch(/already has those values/);
    expect(text(await t.command('/fleet set titanic guests=8'))).toMatch(
      /There is no vessel "titanic"\. The fleet has: jada, sea-fever/,
    );
  });

  it('shows every key and the latest changes with who made them', async () => {
    const res = await t.command('/fleet show Sea-Fever');
    const out = shown(res);
    expect(out).toContain('*Sea Fever II* (`sea-fever`)');
    expect(out).toContain('*home port* Shelter Island (32.714, -117.229), America/Los_Angeles');
    expect(out).toContain('*meet* Dock B, slip 12');
    expect(out).toContain('Anchor windlass tested `anchor-windlass-tested`');
    expect(out).toMatch(
      /\*Latest changes\*\n• \w{3} 1 Dec 2026, 12:00 PST · @UADMIN0001 set: checklist \+ Anchor windlass tested/,
    );
    expect(out).toMatch(
      /@UADMIN0001 set: name Sea Fever → Sea Fever II;.* kind sailing-yacht → motor-yacht;/,
    );
    expect(out).toMatch(/@UADMIN0001 add: name = Sea Fever/);
    expect(out).toMatch(/anyone may claim Captain/);
    const list = shown(await t.command('/fleet list'));
    expect(list).toMatch(/\*JADA\* \(`jada`\) · sailing yacht · up to 12 guests, 20 crew · San Diego/);
    expect(list).toMatch(
      /\*Sea Fever II\* \(`sea-fever`\) · motor yacht · up to 8 guests, 3 crew · Shelter Island/,
    );
  });

  it('the card, the checklist and the create validation read the vessel from the fleet', async () => {
    const created = await t.command(
      '/sail create 2026-12-20 10:00 crew=3 guests=8 vessel=sea-fever Fleet trial',
    );
    const id = sailIdFrom(text(created));
    expect(text(created)).toContain('on Sea Fever II');
    const card = created.calls.find((c) => c.method === 'chat.postMessage');
    expect(renderBlocks(card?.args.blocks)).toContain('*Vessel:* Sea Fever II');
    expect(renderBlocks(card?.args.blocks)).toContain('Meet: Dock B, slip 12');
    expect(text(await t.command('/sail create 2026-12-20 14:00 guests=9 vessel=sea-fever Too many'))).toMatch(
      /not a guest count for Sea Fever II\. Give a whole number from 0 to 8/,
    );
    expect(text(await t.command('/sail create 2026-12-20 14:00 crew=4 vessel=sea-fever Too many'))).toMatch(
      /Sea Fever II carries at most 3 crew/,
    );
    // Two vessels now: without vessel= the admin is asked which.
    expect(text(await t.command('/sail create 2026-12-21 10:00 Which one'))).toMatch(
      /Say which vessel with vessel=&lt;id&gt;\. Known vessels: jada, sea-fever/,
    );
    const checklist = await t.command(`/sail checklist ${id}`);
    const posted = renderBlocks(checklist.calls.find((c) => c.method === 'chat.postMessage')?.args.blocks);
    expect(posted).toContain('Anchor windlass tested');
    expect(posted).toContain('Engine oil, coolant and belts checked');
    // A new name redraws the cards of its planned sails.
    const renamed = await t.command('/fleet set sea-fever name="Sea Fever III"');
    const update = renamed.calls.find((c) => c.method === 'chat.update');
    expect(renderBlocks(update?.args.blocks)).toContain('*Vessel:* Sea Fever III');
  });

  it('retires a vessel: no new sails on it, its planned sails listed to move; add brings it back', async () => {
    const res = await t.command('/fleet retire sea-fever');
    expect(text(res)).toMatch(/^Retired \*Sea Fever III\* \(`sea-fever`\)/);
    expect(text(res)).toMatch(/1 sail is still planned on it.*Fleet trial/s);
    expect((await t.bosun.stores.fleet.get('sea-fever'))?.retired).toBe(true);
    expect(text(await t.command('/sail create 2026-12-22 10:00 vessel=sea-fever Retired'))).toMatch(
      /Sea Fever III \(sea-fever\) is retired and takes no sails/,
    );
    expect(text(await t.command('/fleet retire sea-fever'))).toMatch(/already retired/);
    expect(shown(await t.command('/fleet list'))).toMatch(/`sea-fever`.*\*retired\*/);
    const back = await t.command('/fleet add sea-fever Sea Fever');
    expect(text(back)).toMatch(/^Back in service: \*Sea Fever\*/);
    expect((await t.bosun.stores.fleet.get('sea-fever'))?.retired).toBe(false);
    await t.command('/fleet retire sea-fever');
  });

  it('is for admins only', async () => {
    for (const line of [
      '/fleet list',
      '/fleet show jada',
      '/fleet add x X',
      '/fleet set jada guests=1',
      '/fleet retire jada',
      '/fleet captains jada <@U1>',
    ]) {
      const res = await t.command(line, 'UCREW0001');
      expect(text(res)).toMatch(/Only admins can/);
      expect(res.calls).toEqual([]);
    }
    expect((await t.bosun.stores.fleet.get('jada'))?.version).toBe(1);
  });
});

describe('/fleet regulars and captains', () => {
  it('regulars are set, shown and cleared; the sweep DMs them about open roles', async () => {
    const set = await t.command('/fleet regulars jada <@UREG00001|reg> <@UREG00002>');
    expect(text(set)).toMatch(/JADA's regular crew are now <@UREG00001>, <@UREG00002>/);
    expect((await t.bosun.stores.fleet.get('jada'))?.regulars).toEqual(['UREG00001', 'UREG00002']);
    expect(text(await t.command('/fleet regulars jada'))).toMatch(
      /JADA's regular crew: <@UREG00001>, <@UREG00002>\./,
    );
    expect(text(await t.command('/fleet regulars jada someone'))).toMatch(/"someone" is not a person/);

    const created = await t.command('/sail create 2026-12-10 10:00 crew=1 Regulars wanted');
    const id = sailIdFrom(text(created));
    const sail = (await t.bosun.stores.sails.get(id))?.sail;
    if (!sail) throw new Error('no sail');
    const before = t.sink.calls().length;
    // 70 hours before departure: the 72 h open-roles window.
    await t.bosun.sweep(new Date(sail.departAt.getTime() - 70 * 3_600_000));
    const dms = t.sink
      .calls()
      .slice(before)
      .filter((c) => c.method === 'chat.postMessage' && String(c.args.channel).startsWith('UREG'));
    expect(dms.map((c) => c.args.channel).sort()).toEqual(['UREG00001', 'UREG00002']);
    expect(String(dms[0]?.args.text)).toContain('JADA needs you');
    expect(JSON.stringify(dms[0]?.args.blocks)).toContain(`${id}:captain`);

    expect(text(await t.command('/fleet regulars jada none'))).toMatch(/JADA has no regular crew now/);
    expect((await t.bosun.stores.fleet.get('jada'))?.regulars).toEqual([]);
  });

  it('only the listed captains may claim Captain; others are told whom to ask; an admin may designate with a warning', async () => {
    expect(text(await t.command('/fleet captains jada <@UCAPT0001> <@UCAPT0002>'))).toMatch(
      /JADA's captains are now <@UCAPT0001>, <@UCAPT0002>: they may claim Captain/,
    );
    const id = sailIdFrom(text(await t.command('/sail create 2026-12-11 10:00 crew=1 Captains only')));
    const refused = await t.command(`/crew claim ${id} captain`, 'UCREW0042');
    expect(text(refused)).toMatch(
      new RegExp(
        `Only JADA's captains can claim Captain on ${id}: <@UCAPT0001>, <@UCAPT0002>\\. Ask one of them or an admin \\(<@UADMIN0001>\\)`,
      ),
    );
    expect(
      (await t.bosun.stores.sails.get(id))?.slots.find((s) => s.slotId === 'captain')?.holder,
    ).toBeUndefined();
    // The card's button gives the same answer.
    const button = await t.click('roster.claim', `${id}:captain`, 'UCREW0042');
    expect(String(button.calls.find((c) => c.method === 'response_url')?.args.text)).toMatch(
      /Only JADA's captains/,
    );
    // A crew slot is still anyone's.
    expect(text(await t.command(`/crew claim ${id} crew`, 'UCREW0042'))).toMatch(/You are Crew 1/);
    // A listed captain claims.
    expect(text(await t.command(`/crew claim ${id} captain`, 'UCAPT0002'))).toMatch(/You are Captain/);
    await t.command(`/crew release ${id} captain`, 'UCAPT0002');
    // An admin may still designate anyone, with a warning.
    const designated = await t.command(`/crew designate ${id} captain <@UOTHER001>`);
    expect(text(designated)).toMatch(/<@UOTHER001> is now Captain/);
    expect(text(designated)).toMatch(
      /:warning: <@UOTHER001> is not one of JADA's captains \(<@UCAPT0001>, <@UCAPT0002>\)/,
    );
    // No captains listed: anyone may claim again.
    await t.command('/fleet captains jada none');
    const other = sailIdFrom(text(await t.command('/sail create 2026-12-11 14:00 crew=1 Anyone')));
    expect(text(await t.command(`/crew claim ${other} captain`, 'UCREW0043'))).toMatch(/You are Captain/);
  });
});

describe('the /fleet form', () => {
  const values = (v: Record<string, string>) =>
    Object.fromEntries(
      Object.entries(v).map(([k, value]) => [
        k,
        {
          [k]:
            k === 'kind'
              ? { type: 'static_select', selected_option: { value } }
              : { type: 'plain_text_input', value },
        },
      ]),
    );

  it('opens with no text; adds from a valid submission; a bad field gets its error under it', async () => {
    const open = await t.command('/fleet');
    expect(open.callsBeforeAnswer.map((c) => c.method)).toEqual(['views.open']);
    const bad = await t.submit(
      'fleet.vessel',
      values({ id: 'blue-note', name: 'Blue Note', lat: '123', zone: 'Nowhere' }),
    );
    expect(bad.body).toMatchObject({
      response_action: 'errors',
      errors: {
        lat: expect.stringMatching(/not a latitude/),
        zone: expect.stringMatching(/not an IANA time zone/),
      },
    });
    expect(await t.bosun.stores.fleet.get('blue-note')).toBeUndefined();
    const good = await t.submit(
      'fleet.vessel',
      values({
        id: 'blue-note',
        name: 'Blue Note',
        kind: 'sailing-yacht',
        guests: '6',
        port: 'Hobart',
        lat: '-42.88',
        lng: '147.33',
        zone: 'Australia/Hobart',
      }),
    );
    expect(good.status).toBe(200);
    expect(await t.bosun.stores.fleet.get('blue-note')).toMatchObject({
      name: 'Blue Note',
      zone: 'Australia/Hobart',
      lat: -42.88,
    });
    const dm = good.calls.find((c) => c.method === 'chat.postMessage' && c.args.channel === ADMIN);
    expect(String(dm?.args.text)).toMatch(/Added: \*Blue Note\*/);
    // The same id again changes it; blank fields keep what it has.
    await t.submit('fleet.vessel', values({ id: 'blue-note', meet: 'Constitution Dock' }));
    expect(await t.bosun.stores.fleet.get('blue-note')).toMatchObject({
      name: 'Blue Note',
      meet: 'Constitution Dock',
      guestCapacity: 6,
    });
  });
});
