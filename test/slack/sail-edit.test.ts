/**
 * `/sail edit`, `/sail cancel <id> [reason…]` and `/sail uncancel`, end to end through signed
 * requests against DynamoDB Local and the SES emulator: every field edited; crew shrunk below the
 * slots people hold, and seats below the guests invited, refused with nothing written; holders DM'd
 * (the Slack sink) and guests emailed (the SES emulator) what changed; the reason of a cancel reaching
 * both; uncancel; a double booking refused, and `force`.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderBlocks } from '../../src/local/render-blocks';
import type { SinkCall } from '../../src/local/slack-sink';
import { formatLocal } from '../../src/sails/timing';
import { type StoredEmail, sesStore } from '../support/aws';
import { type Answered, replyText, startTestBosun, type TestBosun } from '../support/bosun';

const NOW = new Date('2026-12-01T20:00:00Z');
const ZONE = 'America/Los_Angeles';
let t: TestBosun;
const run = randomUUID().slice(0, 8);

beforeAll(async () => {
  t = await startTestBosun({ now: () => NOW });
  await t.command(
    '/fleet add sea-fever Sea Fever guests=10 crew=4 port="Shelter Island" lat=32.714 lng=-117.229 zone=America/Los_Angeles',
  );
  await t.command(
    '/fleet add sydney-star Sydney Star guests=8 crew=3 port=Sydney lat=-33.8688 lng=151.2093 zone=Australia/Sydney',
  );
});
afterAll(() => t.stop());

function sailIdFrom(s: string): string {
  const m = /S-[0-9A-Z]{6}/.exec(s);
  if (!m) throw new Error(`no sail id in: ${s}`);
  return m[0];
}

const dmsTo = (a: Answered, user: string): SinkCall[] =>
  a.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === user);

async function mailTo(address: string): Promise<StoredEmail[]> {
  return (await sesStore()).filter((m) => m.destination.to.includes(address)).sort((a, b) => a.at - b.at);
}

/** A sail on JADA with a captain, two crew and one guest invited. */
async function crewedSail(date: string, time = '16:00', extra = '') {
  const id = sailIdFrom(
    replyText(
      await t.command(`/sail create ${date} ${time} 2h crew=2 guests=4 vessel=jada ${extra} Edit me`),
    ),
  );
  await t.command(`/crew claim ${id} captain`, 'UCAPT0001');
  await t.command(`/crew claim ${id} crew-1`, 'UCREW0001');
  await t.command(`/crew claim ${id} crew-2`, 'UCREW0002');
  const email = `guest.${id.toLowerCase()}.${run}@example.com`;
  await t.command(`/sail guest ${id} ${email} Gail Guest`);
  return { id, email };
}

const stored = async (id: string) => {
  const r = await t.bosun.stores.sails.get(id);
  if (!r) throw new Error(`no sail ${id}`);
  return r;
};

describe('/sail edit', () => {
  it("moves the date and time: times recomputed, card updated, holders DM'd and the guest emailed old → new", async () => {
    const { id, email } = await crewedSail('2026-12-12');
    const before = (await stored(id)).sail;
    const res = await t.command(`/sail edit ${id} 2026-12-13 18:30`);
    expect(res.callsBeforeAnswer).toEqual([]);
    expect(replyText(res)).toMatch(
      new RegExp(
        `^Changed \\*Edit me\\* \\(${id}\\); the card is being updated, 3 crew told by DM, 1 guest being emailed\\.`,
      ),
    );
    const after = (await stored(id)).sail;
    expect(after).toMatchObject({ date: '2026-12-13', start: '18:30', version: before.version + 1 });
    expect(formatLocal(after.departAt, ZONE, 'yyyy-MM-dd HH:mm')).toBe('2026-12-13 18:30');
    expect(after.crewCallAt.getTime()).toBe(after.departAt.getTime() - 45 * 60_000);
    expect(after.returnAt.getTime()).toBe(after.departAt.getTime() + 120 * 60_000);
    // The card is redrawn and its thread says what changed.
    const update = res.calls.find((c) => c.method === 'chat.update');
    expect(renderBlocks(update?.args.blocks)).toContain('18:30 PST');
    const note = res.calls.find((c) => c.method === 'chat.postMessage' && c.args.thread_ts);
    expect(
      renderBlocks([{ type: 'section', text: { type: 'mrkdwn', text: String(note?.args.text) } }]),
    ).toMatch(
      /@UADMIN0001 changed this sail:\n• date: 2026-12-12 → 2026-12-13\n• start: 16:00 → 18:30\n• departure: Sat 12 Dec, 16:00 PST → Sun 13 Dec, 18:30 PST/,
    );
    // Each holder is told, once.
    for (const user of ['UCAPT0001', 'UCREW0001', 'UCREW0002']) {
      const dms = dmsTo(res, user);
      expect(dms).toHaveLength(1);
      expect(String(dms[0]?.args.text)).toMatch(
        new RegExp(`<@UADMIN0001> changed \\*Edit me\\* \\(${id}\\), where you hold a role`),
      );
      expect(String(dms[0]?.args.text)).toMatch(/date: 2026-12-12 → 2026-12-13/);
    }
    // The guest gets an email saying what changed, with the new times.
    const mails = await mailTo(email);
    const changed = mails.find((m) => m.subject.startsWith('Changed:'));
    expect(changed?.subject).toBe('Changed: Edit me on Sunday, December 13, 2026');
    expect(changed?.body.text).toContain('Date: 2026-12-12 → 2026-12-13');
    expect(changed?.body.text).toContain(
      'Departure: Saturday, December 12, 2026 at 4:00 PM PST → Sunday, December 13, 2026 at 6:30 PM PST',
    );
    expect(changed?.body.text).toMatch(/Departure\s+6:30 PM/);
    // The holders' roles follow the new departure in their own lists.
    const mine = replyText(await t.command('/crew mine', 'UCREW0001'));
    expect(mine).toMatch(
      new RegExp(`${id}\\) · <!date\\^\\d+\\^\\{date_short_pretty\\} \\{time\\}\\|Sun 13 Dec, 18:30 PST>`),
    );
    expect(
      (await t.bosun.stores.sails.rolesFor('UCREW0001', NOW)).find((r) => r.sail.id === id)?.sail.departAt,
    ).toEqual(after.departAt);
  });

  it('edits the start to sunset, the duration and the title; only the time changes tell people', async () => {
    const { id, email } = await crewedSail('2026-12-15');
    const timed = await t.command(`/sail edit ${id} sunset 3h`);
    const sail = (await stored(id)).sail;
    expect(sail).toMatchObject({ start: 'sunset', durationMinutes: 180 });
    // The sunset rule: departure = sunset − ¾ × 3 h, rounded down to 15 minutes.
    const rule = Math.floor((sail.sunsetAt.getTime() - 135 * 60_000) / (15 * 60_000)) * 15 * 60_000;
    expect(sail.departAt.getTime()).toBe(rule);
    expect(dmsTo(timed, 'UCAPT0001')).toHaveLength(1);
    const mailsAfterTime = (await mailTo(email)).filter((m) => m.subject.startsWith('Changed:'));
    expect(mailsAfterTime).toHaveLength(1);
    expect(mailsAfterTime[0]?.body.text).toMatch(
      /Departure: Tuesday, December 15, 2026 at 4:00 PM PST → Tuesday, December 15, 2026 at 2:\d\d PM PST\n.*Return: .* at 6:00 PM PST → .* at 5:\d\d PM PST/,
    );

    const renamed = await t.command(`/sail edit ${id} Harbor lights & stars`);
    expect((await stored(id)).sail.title).toBe('Harbor lights & stars');
    expect(replyText(renamed)).toMatch(/title: Edit me → Harbor lights &amp; stars/);
    // A title is not news for crew and guests: the card says it, nobody is DM'd or emailed.
    expect(renamed.calls.filter((c) => c.method === 'chat.postMessage' && !c.args.thread_ts)).toEqual([]);
    expect(renamed.calls.some((c) => c.method === 'chat.update')).toBe(true);
    expect((await mailTo(email)).filter((m) => m.subject.startsWith('Changed:'))).toHaveLength(1);
  });

  it('grows crew and guests; refuses shrinking crew below the slots held (naming who) and seats below the guests invited', async () => {
    const { id } = await crewedSail('2026-12-16');
    await t.command(`/sail edit ${id} crew=4 guests=6`);
    let r = await stored(id);
    expect(r.sail).toMatchObject({ crewCount: 4, guestCapacity: 6 });
    expect(r.slots.map((s) => s.slotId)).toEqual(['captain', 'crew-1', 'crew-2', 'crew-3', 'crew-4']);
    // Down to 2 again: crew-3 and crew-4 are free, so they go.
    await t.command(`/sail edit ${id} crew=2`);
    r = await stored(id);
    expect(r.slots.map((s) => s.slotId)).toEqual(['captain', 'crew-1', 'crew-2']);
    const version = r.sail.version;

    const shrink = await t.command(`/sail edit ${id} crew=1`);
    expect(replyText(shrink)).toBe(
      `${id} cannot go down to crew=1: Crew 2 is held by <@UCREW0002>. Release it first (\`/crew release ${id} <slot>\`). Nothing was changed.`,
    );
    const none = await t.command(`/sail edit ${id} crew=0`);
    expect(replyText(none)).toMatch(
      /Crew 1 is held by <@UCREW0001>, Crew 2 is held by <@UCREW0002>\. Release them first/,
    );
    expect(shrink.calls).toEqual([]);
    const seats = await t.command(`/sail edit ${id} guests=0`);
    expect(replyText(seats)).toBe(
      `${id} cannot go down to guests=0: 1 guest seat is taken (minors included). Remove guests first. Nothing was changed.`,
    );
    expect((await stored(id)).sail.version).toBe(version);
    // The vessel's own limits, as on create.
    expect(replyText(await t.command(`/sail edit ${id} guests=13`))).toMatch(
      /not a guest count for JADA\. Give a whole number from 0 to 12/,
    );
    expect(replyText(await t.command(`/sail edit ${id}`))).toMatch(/Say what to change/);
    expect(replyText(await t.command(`/sail edit ${id} crew=2`))).toMatch(/already is like that/);
    expect(replyText(await t.command(`/sail edit ${id} 1.5h`))).toMatch(/"1\.5h" is not a duration.*1h30m/);
  });

  it('moves a sail to another vessel: retimed at its port, in its zone; the vessel change is told', async () => {
    const { id, email } = await crewedSail('2026-12-17');
    const res = await t.command(`/sail edit ${id} vessel=sydney-star 2026-12-21 sunset`);
    const sail = (await stored(id)).sail;
    expect(sail).toMatchObject({ vesselId: 'sydney-star', zone: 'Australia/Sydney', date: '2026-12-21' });
    expect(formatLocal(sail.sunsetAt, 'Australia/Sydney', 'HH')).toBe('20');
    expect(String(dmsTo(res, 'UCREW0001')[0]?.args.text)).toMatch(/vessel: JADA → Sydney Star/);
    const changed = (await mailTo(email)).filter((m) => m.subject.startsWith('Changed:')).at(-1);
    expect(changed?.body.text).toContain('Vessel: JADA → Sydney Star');
    expect(changed?.body.text).toMatch(/Departure\s+6:30 PM GMT\+11/);
    // Sydney Star takes 3 crew and 8 guests: the sail's 2 and 4 fit; 5 crew would not.
    expect(replyText(await t.command(`/sail edit ${id} crew=5`))).toMatch(
      /Sydney Star carries at most 3 crew/,
    );
  });

  it('refuses to move a sail onto a time its vessel is already out, naming the other sail, unless force', async () => {
    const other = sailIdFrom(
      replyText(await t.command('/sail create 2026-12-18 16:00 2h vessel=sea-fever Taken slot')),
    );
    const id = sailIdFrom(
      replyText(await t.command('/sail create 2026-12-18 10:00 2h vessel=sea-fever Morning')),
    );
    const version = (await stored(id)).sail.version;
    const refused = await t.command(`/sail edit ${id} 16:30`);
    expect(replyText(refused)).toMatch(
      new RegExp(
        `^Sea Fever is already out then: \\*Taken slot\\* \\(${other}\\).*add \`force\` to move ${id} anyway\\. Nothing was changed\\.`,
      ),
    );
    expect((await stored(id)).sail.version).toBe(version);
    const forced = await t.command(`/sail edit ${id} 16:30 force`);
    expect(replyText(forced)).toMatch(
      new RegExp(`^Changed \\*Morning\\*.*:warning: Moved over \\*Taken slot\\* \\(${other}\\)`, 's'),
    );
    expect(formatLocal((await stored(id)).sail.departAt, ZONE, 'HH:mm')).toBe('16:30');
  });

  it('is for admins, and not for a cancelled or departed sail', async () => {
    const { id } = await crewedSail('2026-12-19');
    expect(replyText(await t.command(`/sail edit ${id} 17:00`, 'UCREW0001'))).toMatch(
      /Only admins can edit sails/,
    );
    await t.command(`/sail cancel ${id}`);
    expect(replyText(await t.command(`/sail edit ${id} 17:00`))).toMatch(
      /is cancelled\. Restore it with `\/sail uncancel/,
    );
    expect(replyText(await t.command('/sail edit S-NOPE99 17:00'))).toMatch(
      /^\(I read "S-NOPE99" as S-N0PE99: sail ids use the digits 0 and 1, never the letters O, I or L\.\)\nThere is no sail S-N0PE99/,
    );
  });
});

describe('/sail cancel with a reason, and /sail uncancel', () => {
  it('shows the reason on the card and tells it to the crew (DM) and the guests (email)', async () => {
    const { id, email } = await crewedSail('2026-12-20');
    const res = await t.command(`/sail cancel ${id} Gale warning <for> the bay`);
    expect(replyText(res)).toMatch(
      new RegExp(
        `^${id} is now cancelled\\. Reason given: Gale warning &lt;for&gt; the bay\\. 3 crew told by DM\\. 1 guest is being emailed\\.`,
      ),
    );
    const r = await stored(id);
    expect(r.sail).toMatchObject({ status: 'cancelled', cancelReason: 'Gale warning <for> the bay' });
    const update = res.calls.find((c) => c.method === 'chat.update');
    expect(renderBlocks(update?.args.blocks)).toContain('Cancelled: Gale warning <for> the bay');
    expect(String(dmsTo(res, 'UCREW0001')[0]?.args.text)).toMatch(
      /is cancelled: Gale warning &lt;for&gt; the bay\./,
    );
    const mail = (await mailTo(email)).find((m) => m.subject.startsWith('Cancelled:'));
    expect(mail?.body.text).toContain('Reason: Gale warning <for> the bay');
    expect(mail?.body.html).toContain('Reason: Gale warning &lt;for&gt; the bay');

    // Uncancel: back on, everyone told, the reason gone.
    const back = await t.command(`/sail uncancel ${id}`);
    expect(replyText(back)).toMatch(
      new RegExp(
        `^${id} is back on \\(scheduled again\\)\\. 3 crew told by DM\\. 1 guest is being emailed\\.`,
      ),
    );
    const again = await stored(id);
    expect(again.sail.status).toBe('scheduled');
    expect(again.sail.cancelReason).toBeUndefined();
    expect(again.slots.find((s) => s.slotId === 'captain')?.holder).toBe('UCAPT0001');
    expect(String(dmsTo(back, 'UCAPT0001')[0]?.args.text)).toMatch(
      /was cancelled, but it is back on: <@UADMIN0001> uncancelled it/,
    );
    const note = back.calls.find((c) => c.method === 'chat.postMessage' && c.args.thread_ts);
    expect(String(note?.args.text)).toMatch(/uncancelled this sail: it is back on/);
    const backMail = (await mailTo(email)).filter((m) => m.subject.startsWith('Back on:')).at(-1);
    expect(backMail?.body.text).toContain('is going ahead after all');
    // Claims work again.
    expect(replyText(await t.command(`/crew release ${id} crew-2`, 'UCREW0002'))).toMatch(/open again/);
    expect(replyText(await t.command(`/sail uncancel ${id}`))).toMatch(
      /is not cancelled, so there is nothing to uncancel/,
    );
  });

  it('refuses to uncancel onto a time its vessel has been given since, naming that sail, unless force', async () => {
    const id = sailIdFrom(
      replyText(await t.command('/sail create 2026-12-23 16:00 2h vessel=sea-fever First plan')),
    );
    await t.command(`/sail cancel ${id} Skipper ill`);
    const other = sailIdFrom(
      replyText(await t.command('/sail create 2026-12-23 16:00 2h vessel=sea-fever Second plan')),
    );
    const refused = await t.command(`/sail uncancel ${id}`);
    expect(replyText(refused)).toMatch(
      new RegExp(
        `^${id} stays cancelled: Sea Fever is out then on \\*Second plan\\* \\(${other}\\).*\`/sail uncancel ${id} force\``,
      ),
    );
    expect((await stored(id)).sail.status).toBe('cancelled');
    const forced = await t.command(`/sail uncancel ${id} force`);
    expect(replyText(forced)).toMatch(
      new RegExp(
        `is back on.*:warning: Its vessel is also out then on \\*Second plan\\* \\(${other}\\)`,
        's',
      ),
    );
    expect((await stored(id)).sail.status).toBe('scheduled');
  });
});
