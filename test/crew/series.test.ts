/**
 * Weekly series: the dates (calendar arithmetic, at most 26), and through signed Slack requests on
 * DynamoDB Local: 12 weekly sunset sails across the end of daylight saving time, each departing by
 * its own date's sunset, cards posted after the answer; cancelling one, then the rest of the series.
 */
import { getTimes } from 'suncalc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderBlocks } from '../../src/local/render-blocks';
import { seriesDates, splitSeriesOptions } from '../../src/sails/series';
import { formatLocal } from '../../src/sails/timing';
import { replyText, startTestBosun, type TestBosun } from '../support/bosun';

const MIN = 60_000;

describe('seriesDates', () => {
  it('every Monday from the first date through until', () => {
    expect(seriesDates('2026-10-05', { weekday: 'mon', until: '2026-12-21' })).toEqual({
      ok: true,
      value: [
        '2026-10-05',
        '2026-10-12',
        '2026-10-19',
        '2026-10-26',
        '2026-11-02',
        '2026-11-09',
        '2026-11-16',
        '2026-11-23',
        '2026-11-30',
        '2026-12-07',
        '2026-12-14',
        '2026-12-21',
      ],
    });
  });

  it('starts on the first such weekday on or after the date', () => {
    const r = seriesDates('2026-10-06', { weekday: 'mon', until: '2026-10-26' });
    expect(r).toEqual({ ok: true, value: ['2026-10-12', '2026-10-19', '2026-10-26'] });
  });

  it('refuses more than 26 sails, naming the last date that fits, and a series with none', () => {
    const r = seriesDates('2026-01-05', { weekday: 'mon', until: '2026-07-06' });
    expect(r).toEqual({
      ok: false,
      error:
        'That makes 27 sails; a series has at most 26. Write until=2026-06-29 (the 26th Monday) or earlier.',
    });
    expect(seriesDates('2026-01-05', { weekday: 'mon', until: '2026-06-29' })).toMatchObject({ ok: true });
    expect(seriesDates('2026-10-06', { weekday: 'mon', until: '2026-10-11' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/leaves no Monday/),
    });
  });

  it('takes every= and until= out of the text; one without the other says what is missing', () => {
    expect(splitSeriesOptions('2026-10-05 sunset every=Monday 2h until=2026-12-21 Weekly')).toEqual({
      ok: true,
      value: { text: '2026-10-05 sunset 2h Weekly', series: { weekday: 'mon', until: '2026-12-21' } },
    });
    expect(splitSeriesOptions('2026-10-05 sunset Weekly')).toEqual({
      ok: true,
      value: { text: '2026-10-05 sunset Weekly' },
    });
    expect(splitSeriesOptions('2026-10-05 sunset every=mon')).toMatchObject({ ok: false, error: /until=/ });
    expect(splitSeriesOptions('2026-10-05 sunset until=2026-12-01')).toMatchObject({
      ok: false,
      error: /every=/,
    });
    expect(splitSeriesOptions('2026-10-05 sunset every=moonday until=2026-12-01')).toMatchObject({
      ok: false,
      error: /not a weekday/,
    });
    expect(splitSeriesOptions('2026-10-05 sunset every=mon until=2026-13-01')).toMatchObject({
      ok: false,
      error: /not a date/,
    });
  });
});

describe('/sail create … every= until=', () => {
  const clock = new Date('2026-10-01T18:00:00Z');
  let t: TestBosun;

  beforeAll(async () => {
    t = await startTestBosun({ now: () => clock });
  });
  afterAll(() => t.stop());

  const ids = (text: string) => [...text.matchAll(/S-[0-9A-Z]{6}/g)].map((m) => m[0]);

  it('12 weekly sunset sails across the end of daylight saving time, each by its own sunset; cancel one, then the rest', async () => {
    const res = await t.command(
      '/sail create 2026-10-05 sunset 2h crew=2 every=mon until=2026-12-21 Monday sunset',
    );
    const text = replyText(res);
    expect(text).toMatch(/Created a weekly series of 12 sails on Mondays, 2026-10-05 to 2026-12-21/);
    const sailIds = ids(text);
    expect(new Set(sailIds).size).toBe(12);
    // The answer came before any card: the cards are effects.
    expect(res.callsBeforeAnswer).toEqual([]);
    const cards = res.calls.filter((c) => c.method === 'chat.postMessage');
    expect(cards).toHaveLength(12);

    const zones = new Set<string>();
    for (const id of sailIds) {
      const sail = (await t.bosun.stores.sails.get(id))?.sail;
      if (!sail) throw new Error(`no sail ${id}`);
      // San Diego's sunset on the sail's own date (suncalc at local noon), then the rule: depart at
      // sunset − ¾ of 2 h, rounded down to 15 minutes.
      const [y, m, d] = sail.date.split('-').map(Number);
      const noonUtc = new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1, 20, 0));
      const sunset = getTimes(noonUtc, 32.7157, -117.1611).sunset;
      if (!sunset) throw new Error('no sunset');
      expect(sail.sunsetAt.toISOString()).toBe(sunset.toISOString());
      const latest = sunset.getTime() - 90 * MIN;
      expect(sail.departAt.getTime()).toBeLessThanOrEqual(latest);
      expect(sail.departAt.getTime()).toBeGreaterThan(latest - 15 * MIN);
      expect(sail.departAt.getTime() % (15 * MIN)).toBe(0);
      zones.add(formatLocal(sail.departAt, 'America/Los_Angeles', 'zzz'));
      expect(sail.seriesId).toMatch(/^R-/);
    }
    // Across the change: PDT in October, PST from 1 November, and the local clock follows the sun.
    expect(zones).toEqual(new Set(['PDT', 'PST']));
    const local = async (id: string | undefined) => {
      const s = (await t.bosun.stores.sails.get(id ?? ''))?.sail;
      return s ? formatLocal(s.departAt, 'America/Los_Angeles', 'HH:mm zzz') : '';
    };
    expect(await local(sailIds[3])).toBe('16:30 PDT'); // 26 Oct, sunset 18:03 PDT
    expect(await local(sailIds[4])).toBe('15:15 PST'); // 2 Nov, sunset 16:56 PST

    // Each card lists the series' other dates.
    const firstCard = renderBlocks(
      cards.find((c) => String(c.args.text).includes(sailIds[0] ?? ''))?.args.blocks,
    );
    expect(firstCard).toContain(':repeat: Weekly series: *5 Oct* · 12 Oct');
    expect(firstCard).toContain(`21 Dec (${sailIds[11]})`);

    // Cancel one sail alone: only it changes.
    const one = await t.command(`/sail cancel ${sailIds[2]}`);
    expect(replyText(one)).toMatch(/is now cancelled/);
    // Cancel the rest of the series from the sixth on: 7 sails; the first five stay as they were.
    const rest = await t.command(`/sail cancel ${sailIds[5]} series`);
    expect(replyText(rest)).toMatch(/Cancelled 7 sails of the series/);
    const statuses = [];
    for (const id of sailIds) statuses.push((await t.bosun.stores.sails.get(id))?.sail.status);
    expect(statuses).toEqual([
      'scheduled',
      'scheduled',
      'cancelled',
      'scheduled',
      'scheduled',
      ...Array(7).fill('cancelled'),
    ]);
    // The earlier cards are redrawn with the cancelled dates struck through.
    const redrawn = rest.calls
      .filter((c) => c.method === 'chat.update')
      .map((c) => renderBlocks(c.args.blocks));
    expect(
      redrawn.some((b) => b.includes('*5 Oct*') && b.includes(`~9 Nov~ (${sailIds[5]}, cancelled)`)),
    ).toBe(true);
    // Not a series: said so.
    const single = ids(replyText(await t.command('/sail create 2026-10-10 sunset Single')))[0];
    expect(replyText(await t.command(`/sail cancel ${single} series`))).toMatch(/not part of a series/);
  });

  it('a retried request creates nothing twice; seriesOf lists the series', async () => {
    const uc = t.bosun.workspace('T0LOCAL');
    const inv = { actor: { userId: 'UADMIN0001', isAdmin: true }, change: 'trigger-retried-series' };
    const draft = {
      date: '2026-10-07',
      start: 'sunset',
      durationMinutes: 90,
      crewCount: 1,
      guestCapacity: 4,
      vesselId: 'jada',
      title: 'Retried',
    };
    const rule = { weekday: 'wed', until: '2026-10-28' } as const;
    const first = await uc.createSeries(inv, { draft, rule });
    const again = await uc.createSeries(inv, { draft, rule });
    if (first.outcome.kind !== 'created_series' || again.outcome.kind !== 'created_series') {
      throw new Error('not created');
    }
    expect(first.outcome.sails.map((s) => s.sailId)).toHaveLength(4);
    expect(again.outcome.sails.map((s) => s.sailId)).toEqual(first.outcome.sails.map((s) => s.sailId));
    expect(again.effects.map((e) => e.key)).toEqual(first.effects.map((e) => e.key));
    const of = await uc.seriesOf(first.outcome.sails[1]?.sailId ?? '');
    expect(of?.seriesId).toBe(first.outcome.seriesId);
    expect(of?.sails.map((m) => m.date)).toEqual(['2026-10-07', '2026-10-14', '2026-10-21', '2026-10-28']);
    const all = await t.bosun.stores.sails.upcoming({ from: clock, days: 60, limit: 500 });
    expect(all.filter((s) => s.title === 'Retried')).toHaveLength(4);
  });

  it('/sail edit <id> series changes this sail and the later ones, not the earlier; a date is refused', async () => {
    const created = await t.command(
      '/sail create 2026-10-08 18:00 2h crew=1 every=thu until=2026-10-29 Thursday evening',
    );
    const ids = [...replyText(created).matchAll(/S-[0-9A-Z]{6}/g)].map((m) => m[0]);
    const uc = t.bosun.workspace('T0LOCAL');
    const of = await uc.seriesOf(ids[0] ?? '');
    const members = of?.sails ?? [];
    expect(members.map((m) => m.date)).toEqual(['2026-10-08', '2026-10-15', '2026-10-22', '2026-10-29']);
    const second = members[1]?.sailId ?? '';
    const edited = await t.command(`/sail edit ${second} series 19:00 crew=2`);
    expect(replyText(edited)).toMatch(/^\*3 sails of the series, from S-[0-9A-Z]{6} on:\*/);
    const after = await Promise.all(members.map((m) => t.bosun.stores.sails.get(m.sailId)));
    // 19:00 Pacific in October is 02:00 UTC the next day; the first sail keeps its 18:00 (01:00 UTC).
    expect(after.map((r) => r?.sail.departAt.toISOString().slice(11, 16))).toEqual([
      '01:00',
      '02:00',
      '02:00',
      '02:00',
    ]);
    expect(after.map((r) => r?.slots.length)).toEqual([2, 3, 3, 3]);
    expect(replyText(await t.command(`/sail edit ${second} series 2026-10-16`))).toMatch(
      /keeps its weekdays/,
    );
    expect(replyText(await t.command(`/sail edit ${second} series 19:30`, 'UCREW0001'))).toMatch(
      /Only admins/,
    );
  });

  it('refuses a series that is too long, and non-admins', async () => {
    expect(
      replyText(await t.command('/sail create 2026-10-05 sunset every=mon until=2027-06-01 Too long')),
    ).toMatch(/at most 26/);
    expect(
      replyText(await t.command('/sail create 2026-10-05 sunset every=mon until=2026-11-01 X', 'UCREW0001')),
    ).toMatch(/Only admins/);
  });
});
