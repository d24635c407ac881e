/**
 * The grammar and the lists, through signed requests: `help` after any verb; duration-shaped tokens
 * that are not durations are errors, never title words; `/sail list [days]` up to 365 with open roles;
 * `/crew mine` says the year when it is not this one; a return after midnight says "+1 day"; "up to 1
 * guest"; the repeated hour the night the clocks go back; an id read differently says so; a tick
 * before the checklist was posted is kept and shown; every `bosun` verb answers `--help`.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli';
import { renderBlocks } from '../../src/local/render-blocks';
import { sendAction } from '../../src/local/slack-client';
import { formatLocal } from '../../src/sails/timing';
import { replyText, startTestBosun, type TestBosun } from '../support/bosun';

// Late October: the clocks go back in San Diego on 2026-11-01.
const NOW = new Date('2026-10-20T19:00:00Z');
let t: TestBosun;

beforeAll(async () => {
  t = await startTestBosun({ now: () => NOW });
});
afterAll(() => t.stop());

function sailIdFrom(s: string): string {
  const m = /S-[0-9A-Z]{6}/.exec(s);
  if (!m) throw new Error(`no sail id in: ${s}`);
  return m[0];
}

const blocksOf = (body: unknown) => renderBlocks((body as { blocks?: unknown[] }).blocks ?? []);

describe('help after any verb', () => {
  it.each([
    [
      '/sail create help',
      /^`\/sail create <YYYY-MM-DD> <HH:MM\|sunset> .*\(admins\)\ne\.g\. `\/sail create 2026-12-12 sunset/,
    ],
    ['/sail edit help', /^`\/sail edit <id> \[series\] \[YYYY-MM-DD\] \[HH:MM\|sunset\]/],
    ['/sail list help', /^`\/sail list \[days\]`\nUpcoming sails and the roles still open on each/],
    ['/crew claim help', /^`\/crew claim <id> captain\|crew\|<slot>`$/],
    [
      '/fleet set help',
      /^`\/fleet set <vessel> key=value…` \(admins\)\nKeys: name, kind, guests, crew, port, lat, lng, zone, meet, parking, bring/,
    ],
    ['/fleet captains HELP', /^`\/fleet captains <vessel> <@user…>\|none` \(admins\)/],
    ['/report cfo help', /^`\/report cfo \[entity\]/],
  ])('%s shows that verb', async (line, usage) => {
    const res = await t.command(line);
    expect(replyText(res)).toMatch(usage);
    expect(res.calls).toEqual([]);
  });

  it('a verb with no text that has a form opens it; `/fleet help` lists the verbs', async () => {
    expect(replyText(await t.command('/fleet help'))).toMatch(
      /^\*\/fleet\* — what you can do:\n• `\/fleet \(no text: a form/,
    );
    expect(replyText(await t.command('/fleet lst'))).toMatch(/Did you mean `\/fleet list`\?/);
  });
});

describe('duration-shaped tokens are durations, never title words', () => {
  it.each([
    [
      '-2h',
      /"-2h" is not a duration\. Write it like 2h, 90m or 2h30m\. A sail cannot last a negative time\./,
    ],
    ['1.5h', /"1\.5h" is not a duration\. .*Use whole hours and minutes: 1h30m \(or 90m\)\./],
    ['2h30', /"2h30" is not a duration\. .*The minutes need their m: 2h30m\./],
    ['90min', /"90min" is not a duration\. .*Here: 90m\./],
  ])('/sail create … %s Party is refused, nothing written', async (token, message) => {
    const before = await t.bosun.stores.sails.upcoming({ from: NOW, days: 365, includeCancelled: true });
    const res = await t.command(`/sail create 2026-11-20 sunset ${token} Party`);
    expect(replyText(res)).toMatch(message);
    expect(res.calls).toEqual([]);
    expect(
      await t.bosun.stores.sails.upcoming({ from: NOW, days: 365, includeCancelled: true }),
    ).toHaveLength(before.length);
    // After the title has begun too.
    expect(replyText(await t.command(`/sail create 2026-11-20 sunset Party ${token}`))).toMatch(message);
  });

  it('a good duration after the title is the duration; two are refused', async () => {
    const id = sailIdFrom(replyText(await t.command('/sail create 2026-11-21 10:00 Harbor tour 3h')));
    expect((await t.bosun.stores.sails.get(id))?.sail).toMatchObject({
      title: 'Harbor tour',
      durationMinutes: 180,
    });
    expect(replyText(await t.command('/sail create 2026-11-21 14:00 2h Tour 3h'))).toMatch(
      /Two durations, 2h and 3h/,
    );
  });
});

describe('lists', () => {
  it('/sail list [days] goes up to 365 days and shows the open roles of each sail', async () => {
    const far = sailIdFrom(replyText(await t.command('/sail create 2027-08-01 10:00 crew=3 Far away')));
    await t.command(`/crew claim ${far} crew`, 'UCREW0001');
    const near = sailIdFrom(replyText(await t.command('/sail create 2026-11-22 10:00 crew=1 Near')));
    await t.command(`/crew claim ${near} captain`, 'UCAPT0001');
    await t.command(`/crew claim ${near} crew`, 'UCREW0002');

    const short = blocksOf((await t.command('/sail list')).body);
    expect(short).toContain('(next 60 days)');
    expect(short).toMatch(new RegExp(`Near\\* \\(${near}\\) · .* · fully crewed`));
    expect(short).not.toContain(far);
    const long = blocksOf((await t.command('/sail list 365')).body);
    expect(long).toContain('(next 365 days)');
    expect(long).toMatch(
      new RegExp(`Far away\\* \\(${far}\\) · Sun 1 Aug 2027, 10:00 PDT · needs Captain and 2 of 3 crew`),
    );
    for (const bad of ['366', '0', 'soon', '30 days'])
      expect(replyText(await t.command(`/sail list ${bad}`))).toMatch(/is not a number of days.*1 to 365/);
  });

  it('/crew mine names the year of a role that is not this year', async () => {
    const next = sailIdFrom(replyText(await t.command('/sail create 2027-01-09 10:00 crew=1 Next year')));
    await t.command(`/crew claim ${next} crew`, 'UMINE0001');
    const thisYear = sailIdFrom(replyText(await t.command('/sail create 2026-11-23 10:00 crew=1 This year')));
    await t.command(`/crew claim ${thisYear} crew`, 'UMINE0001');
    const mine = replyText(await t.command('/crew mine', 'UMINE0001'));
    expect(mine).toMatch(
      new RegExp(
        `\\(${next}\\) · <!date\\^\\d+\\^\\{date_short_pretty\\} \\{time\\}\\|Sat 9 Jan 2027, 10:00 PST>`,
      ),
    );
    expect(mine).toMatch(
      new RegExp(
        `\\(${thisYear}\\) · <!date\\^\\d+\\^\\{date_short_pretty\\} \\{time\\}\\|Mon 23 Nov, 10:00 PST>`,
      ),
    );
  });
});

describe('the card', () => {
  it('a return after midnight says "+1 day"; one guest is "1 guest"', async () => {
    const res = await t.command('/sail create 2026-11-24 22:30 3h guests=1 Midnight run');
    const card = blocksOf(res.calls.find((c) => c.method === 'chat.postMessage')?.args);
    expect(card).toMatch(/\*Return\*\n01:30 PST \(\+1 day\)/);
    expect(card).toMatch(/\*Departure\*\n22:30 PST\n/);
    expect(card).toContain('up to 1 guest');
    expect(card).not.toContain('1 guests');
  });
});

describe('the hour that happens twice', () => {
  it('says which 01:30 was taken the night the clocks go back, and how to choose the other', async () => {
    const first = await t.command('/sail create 2026-11-01 01:30 1h Night owls');
    expect(replyText(first)).toMatch(
      /01:30 happens twice on 2026-11-01 in America\/Los_Angeles \(the clocks go back that night\): I took the first, 01:30 PDT\. For the second, an hour later, write 01:30PST\./,
    );
    const a = (await t.bosun.stores.sails.get(sailIdFrom(replyText(first))))?.sail;
    expect(formatLocal(a?.departAt ?? new Date(0), 'America/Los_Angeles', 'HH:mm xxx')).toBe('01:30 -07:00');
    const second = await t.command('/sail create 2026-11-01 01:30PST 1h Later owls force');
    expect(replyText(second)).not.toMatch(/happens twice/);
    const b = (await t.bosun.stores.sails.get(sailIdFrom(replyText(second))))?.sail;
    expect(formatLocal(b?.departAt ?? new Date(0), 'America/Los_Angeles', 'HH:mm xxx')).toBe('01:30 -08:00');
    expect(b?.start).toBe('01:30PST');
    expect(replyText(await t.command('/sail create 2026-11-02 01:30PDT 1h Wrong'))).toMatch(
      /01:30 on 2026-11-02 in America\/Los_Angeles is PST \(UTC-08:00\), not PDT\. Write just 01:30\./,
    );
    // An ordinary day says nothing about it.
    expect(replyText(await t.command('/sail create 2026-11-03 01:30 1h Ordinary'))).not.toMatch(
      /happens twice/,
    );
  });
});

describe('ids read differently', () => {
  it('says so when O, I or L were read as 0 or 1', async () => {
    const res = await t.command('/sail guest S-NOPE99 ann@example.com Ann');
    expect(replyText(res)).toMatch(
      /^\(I read "S-NOPE99" as S-N0PE99: sail ids use the digits 0 and 1, never the letters O, I or L\.\)\nThere is no sail S-N0PE99/,
    );
    const id = sailIdFrom(replyText(await t.command('/sail create 2026-11-25 10:00 Ids')));
    // Case and a missing dash are not worth a note.
    expect(replyText(await t.command(`/sail show ${id.toLowerCase()}`))).toBe('');
    const typo = id.replace(/0/g, 'O').replace(/1/g, 'I');
    if (typo !== id) expect(replyText(await t.command(`/sail show ${typo}`))).toMatch(/^\(I read/);
  });
});

describe('a checklist tick before the checklist was posted', () => {
  it('is stored, the checklist is posted where the card is, and the person is told', async () => {
    const id = sailIdFrom(replyText(await t.command('/sail create 2026-11-26 10:00 Early tick')));
    // A checkbox press that comes with no message: the checklist was never posted.
    await sendAction(
      t.target,
      { actionId: 'checklist.toggle', value: `${id}:fuel`, selected: [`${id}:fuel`] },
      t.actor('UCREW0009'),
    );
    const before = t.sink.calls().length;
    await t.bosun.drainJobs();
    const calls = t.sink.calls().slice(before);
    expect((await t.bosun.stores.sails.get(id))?.checklist).toEqual([
      expect.objectContaining({ itemId: 'fuel', checked: true, by: 'UCREW0009' }),
    ]);
    const posted = calls.find(
      (c) => c.method === 'chat.postMessage' && String(c.args.text).startsWith('Checklist'),
    );
    expect(renderBlocks(posted?.args.blocks)).toMatch(
      /\*Fuel level checked\*\n:white_check_mark: @UCREW0009/,
    );
    const told = calls.find((c) => c.method === 'response_url');
    expect(String(told?.args.text)).toMatch(
      new RegExp(`Recorded on ${id}: fuel ticked\\. The checklist shows it`),
    );
  });
});

describe('bosun <verb> --help', () => {
  it.each(['click', 'slack', 'nudge', 'report', 'portfolio', 'ledger', 'table', 'dev'])(
    'bosun %s --help prints its usage and exits 0',
    async (verb) => {
      const log = vi.spyOn(console, 'log').mockImplementation(() => {});
      const err = vi.spyOn(console, 'error').mockImplementation(() => {});
      try {
        await expect(main([verb, '--help'])).resolves.toBe(0);
        expect(String(log.mock.calls[0]?.[0])).toMatch(new RegExp(`^Usage: bosun ${verb}`));
        expect(err).not.toHaveBeenCalled();
      } finally {
        log.mockRestore();
        err.mockRestore();
      }
    },
  );
});
