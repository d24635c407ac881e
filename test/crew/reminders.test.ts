/**
 * Reminder settings: the windows an admin types are read strictly (`parseReminderWindows`); a
 * vessel's changed windows change which nudges the sweep sends (pinned clock, real stores on
 * DynamoDB Local); "Mute reminders for this sail" stops that sail's DMs to the person but not the
 * crew-call reminder.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CrewRules,
  defaultReminders,
  describeReminders,
  formatReminderWindows,
  parseReminderWindows,
} from '../../src/crew/rules';
import { renderBlocks } from '../../src/local/render-blocks';
import type { SinkCall } from '../../src/local/slack-sink';
import { runSweep } from '../../src/nudges/sweep';
import type { Sail } from '../../src/sails/types';
import { slackNudgeMessages } from '../../src/slack/blocks/nudges';
import { createFleetStore } from '../../src/store/fleet';
import { createNudgeStore } from '../../src/store/nudges';
import { createSailStore, type SailStore } from '../../src/store/sails';
import { type Delivery, recordingSenders } from '../nudges/fixture';
import { freshTable, WORKSPACE } from '../support/aws';
import { replyText, startTestBosun, type TestBosun } from '../support/bosun';
import { JADA_PLACE, seedFleet } from '../support/fleet';

const H = 3_600_000;

describe('parseReminderWindows', () => {
  it('reads lead times in hours or days, longest first', () => {
    expect(parseReminderWindows('72h,24h,6h')).toEqual({ ok: true, value: [72, 24, 6] });
    expect(parseReminderWindows(' 6h , 3d ')).toEqual({ ok: true, value: [72, 6] });
    expect(parseReminderWindows('OFF')).toEqual({ ok: true, value: [] });
  });

  it.each([
    ['', /Give the lead times/],
    ['72h,,6h', /empty part/],
    ['24', /not a lead time/],
    ['1.5h', /not a lead time/],
    ['0h', /at least 1h/],
    ['5d', /at most 96h/],
    ['24h,1d', /24h is given twice/],
    ['1h,2h,3h,4h,5h,6h', /at most 5/],
  ])('refuses %j, saying how to write it', (text, message) => {
    const r = parseReminderWindows(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });

  it('reads back what it writes, for any valid list', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 96 }), { minLength: 1, maxLength: 5 }),
        (hours) => {
          const r = parseReminderWindows(formatReminderWindows(hours));
          expect(r).toEqual({ ok: true, value: [...hours].sort((a, b) => b - a) });
        },
      ),
    );
  });

  it('says the windows in words', () => {
    expect(describeReminders(defaultReminders)).toBe(
      'open roles and cover requests 72h, 24h, 6h before departure · unsigned waivers 48h, 24h before departure · crew call 3h before crew call',
    );
  });
});

describe('the sweep reads each vessel’s windows', () => {
  let sails: SailStore;
  let deps: Omit<Parameters<typeof runSweep>[0], 'now' | 'sails' | 'send' | 'crewRules'>;
  const created = new Date('2026-06-25T19:00:00Z');

  beforeAll(async () => {
    const { doc, table } = await freshTable();
    sails = createSailStore({ workspace: WORKSPACE, doc, table, now: () => created });
    const fleet = createFleetStore({ workspace: WORKSPACE, doc, table, now: () => created });
    await seedFleet(fleet);
    deps = {
      messages: slackNudgeMessages,
      fleet,
      nudgeStore: createNudgeStore({ workspace: WORKSPACE, doc, table, now: () => created }),
    };
  });

  /** A sail departing 5 July 2026 at 18:00 with one open crew slot and a captain. */
  async function sail(): Promise<Sail> {
    const r = await sails.create(
      {
        date: '2026-07-05',
        start: '18:00',
        durationMinutes: 120,
        crewCount: 1,
        guestCapacity: 0,
        vesselId: 'jada',
        title: 'Window test',
      },
      'UADMIN0001',
      JADA_PLACE,
    );
    if (!r.ok) throw new Error(r.error);
    await sails.claim(r.sail.id, 'captain', 'UCAPT0001');
    return r.sail;
  }

  /** Sweeps only `s` at `at` with `rules`; returns what went out. */
  async function sweep(s: Sail, at: Date, rules: CrewRules): Promise<Delivery[]> {
    const { send, deliveries } = recordingSenders();
    await runSweep({
      ...deps,
      now: at,
      send,
      crewRules: async () => rules,
      sails: {
        upcoming: async () => [s],
        get: (id) => sails.get(id),
      },
    });
    return deliveries;
  }

  const what = (ds: Delivery[]) => ds.map((d) => `${d.via}:${d.to}`).sort();

  it('a changed window changes which nudges are sent', async () => {
    const standard = await sail();
    const custom = await sail();
    const defaults: CrewRules = { captains: [], regulars: ['UREG00001'] };
    const changed: CrewRules = {
      captains: [],
      regulars: ['UREG00001'],
      reminders: { roles: [12], waiver: [], crewCallHours: 1 },
    };
    // 30 hours out: the defaults send the 72h open-roles nudge; a vessel set to 12h sends nothing.
    expect(what(await sweep(standard, new Date(standard.departAt.getTime() - 30 * H), defaults))).toEqual([
      'dm:UREG00001',
      'thread:channel',
    ]);
    expect(await sweep(custom, new Date(custom.departAt.getTime() - 30 * H), changed)).toEqual([]);
    // 11 hours out: its 12h open-roles nudge is due (the captain's 24h roster, which has no
    // setting, goes too).
    expect(what(await sweep(custom, new Date(custom.departAt.getTime() - 11 * H), changed))).toEqual([
      'dm:UCAPT0001',
      'dm:UREG00001',
      'thread:channel',
    ]);
    // Crew call 2 hours ahead: 3h (the default) is due, 1h is not yet.
    const twoBefore = (s: Sail) => new Date(s.crewCallAt.getTime() - 2 * H);
    expect(what(await sweep(standard, twoBefore(standard), defaults))).toContain('dm:UCAPT0001');
    expect(
      (await sweep(custom, twoBefore(custom), changed)).filter((d) =>
        d.message?.text.startsWith('Crew call'),
      ),
    ).toEqual([]);
    const halfBefore = new Date(custom.crewCallAt.getTime() - 0.5 * H);
    expect(
      (await sweep(custom, halfBefore, changed)).filter((d) => d.message?.text.startsWith('Crew call')),
    ).toHaveLength(1);
  });
});

describe('Mute reminders for this sail', () => {
  let clock = new Date('2026-12-01T20:00:00Z');
  let t: TestBosun;

  beforeAll(async () => {
    t = await startTestBosun({ now: () => clock });
  });
  afterAll(() => t.stop());

  const dmsTo = (calls: SinkCall[], user: string) =>
    calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === user);

  it('stops that sail’s DMs to the person, but not crew call', async () => {
    const id = /S-[0-9A-Z]{6}/.exec(
      replyText(await t.command('/sail create 2026-12-05 sunset 2h crew=1 Mute test force')),
    )?.[0];
    if (!id) throw new Error('no sail');
    await t.command(`/crew claim ${id} captain`, 'UCAPTMUTE');
    await t.command(`/crew claim ${id} crew-1`, 'UCREWLOUD');
    // The hold DM carries the mute button.
    const held = await t.command(`/sail hold ${id} Fog`);
    const dm = dmsTo(held.calls, 'UCAPTMUTE')[0];
    expect(renderBlocks(dm?.args.blocks)).toContain(`[Mute reminders for this sail] (reminders.mute ${id})`);
    await t.command(`/sail unhold ${id}`);
    // Only someone with a role on the sail can mute it.
    expect(replyText(await t.command(`/crew mute ${id}`, 'UNOBODY01'))).toMatch(/hold no role/);
    const muted = await t.click('reminders.mute', id, 'UCAPTMUTE');
    expect(String(muted.calls.find((c) => c.method === 'response_url')?.args.text)).toMatch(
      /Muted: no more reminders about S-\w+, except the crew-call reminder/,
    );

    // A hold tells the crew, not the muted captain.
    const again = await t.command(`/sail hold ${id} Fog again`);
    expect(dmsTo(again.calls, 'UCREWLOUD')).toHaveLength(1);
    expect(dmsTo(again.calls, 'UCAPTMUTE')).toEqual([]);
    await t.command(`/sail unhold ${id}`);

    const sail = (await t.bosun.stores.sails.get(id))?.sail;
    if (!sail) throw new Error('no sail');
    // 23 hours out the captain's roster would be due: muted, it is not sent.
    clock = new Date(sail.departAt.getTime() - 23 * H);
    let before = t.sink.calls().length;
    await t.bosun.sweep(clock);
    expect(dmsTo(t.sink.calls().slice(before), 'UCAPTMUTE')).toEqual([]);
    // Two hours before crew call: the crew-call reminder still comes, to both.
    clock = new Date(sail.crewCallAt.getTime() - 2 * H);
    before = t.sink.calls().length;
    await t.bosun.sweep(clock);
    const calls = t.sink.calls().slice(before);
    expect(dmsTo(calls, 'UCAPTMUTE').map((c) => String(c.args.text))).toEqual([
      expect.stringMatching(/^Crew call for Mute test/),
    ]);
    expect(dmsTo(calls, 'UCREWLOUD')).toHaveLength(1);
    // Unmuting brings the reminders back.
    expect(replyText(await t.command(`/crew unmute ${id}`, 'UCAPTMUTE'))).toMatch(/Unmuted/);
  });
});
