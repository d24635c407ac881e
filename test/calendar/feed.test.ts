/**
 * Calendars end to end: `/crew calendar` DMs a private feed URL; `GET /cal/<token>.ics` serves the
 * person's sails, read here by an independent parser (ical.js); edits raise SEQUENCE under a stable
 * UID; a cancel shows STATUS:CANCELLED; a reset token answers 404; the guest's file comes from
 * `GET /api/guest/calendar.ics` with the guest's token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sailUid } from '../../src/calendar/ics';
import { sesStore } from '../support/aws';
import { replyText, startTestBosun, type TestBosun } from '../support/bosun';
import { parseIcs } from '../support/ical';

const NOW = new Date('2026-12-01T20:00:00Z');
const CREW = 'UCREWCAL01';
let t: TestBosun;
let first: string;
let second: string;

async function create(line: string): Promise<string> {
  const res = await t.command(`/sail create ${line}`);
  const id = /S-[0-9A-Z]{6}/.exec(replyText(res))?.[0];
  if (!id) throw new Error(replyText(res));
  return id;
}

/** The feed URL in the latest calendar DM to `userId`. */
function feedUrlFromDm(calls: { method: string; args: Record<string, unknown> }[], userId: string): string {
  const dm = calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === userId).at(-1);
  const url = /http:\/\/bosun\.test\/cal\/[A-Za-z0-9_-]{20,64}\.ics/.exec(String(dm?.args.text ?? ''))?.[0];
  if (!url) throw new Error(`no calendar link DM'd to ${userId}: ${String(dm?.args.text)}`);
  return url;
}

const get = (url: string, headers: Record<string, string> = {}) => t.bosun.http.request(url, { headers });

async function feed(url: string) {
  const res = await get(url);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
  return parseIcs(await res.text());
}

let url: string;

beforeAll(async () => {
  t = await startTestBosun({ now: () => NOW });
  first = await create('2026-12-12 sunset 2h crew=2 guests=6 Holiday lights, with “quotes”; semicolons');
  second = await create('2026-12-19 14:00 3h crew=1 guests=4 Afternoon sail');
  await t.command(`/crew claim ${first} crew`, CREW);
  await t.command(`/crew claim ${second} captain`, CREW);
});
afterAll(() => t.stop());

describe('/crew calendar and the feed', () => {
  it('DMs a private URL after the answer; the feed parses, one event per sail, times in UTC', async () => {
    const res = await t.command('/crew calendar', CREW);
    expect(replyText(res)).toMatch(/in your DMs/);
    expect(res.callsBeforeAnswer).toEqual([]);
    url = feedUrlFromDm(res.calls, CREW);
    // A new link: the home (which shows it) is republished too.
    expect(res.calls.some((c) => c.method === 'views.publish' && c.args.user_id === CREW)).toBe(true);

    const cal = await feed(url);
    expect(cal.events.map((e) => e.uid).sort()).toEqual(
      [sailUid(first, 'T0LOCAL'), sailUid(second, 'T0LOCAL')].sort(),
    );
    const record = await t.bosun.stores.sails.get(first);
    const e = cal.events.find((x) => x.uid === sailUid(first, 'T0LOCAL'));
    expect(e).toMatchObject({
      sequence: record?.sail.version,
      status: 'CONFIRMED',
      summary: 'Holiday lights, with “quotes”; semicolons (Crew 1)',
      // The meeting place the fleet records for JADA (`/fleet set jada meet=…`).
      location: expect.stringMatching(/^Shelter Island Marina, 2051 Shelter Island Dr/),
      startIsUtc: true,
    });
    expect(e?.start.toISOString()).toBe(record?.sail.departAt.toISOString());
    expect(e?.end.toISOString()).toBe(record?.sail.returnAt.toISOString());
    // Crew call is 45 minutes before departure.
    expect(e?.alarms).toEqual([expect.objectContaining({ action: 'DISPLAY', triggerSeconds: -45 * 60 })]);
    expect(cal.events.find((x) => x.uid === sailUid(second, 'T0LOCAL'))?.summary).toBe(
      'Afternoon sail (Captain)',
    );
  });

  it('gives the same URL when asked again', async () => {
    const res = await t.command('/crew calendar', CREW);
    expect(replyText(res)).toMatch(/same link/);
    expect(feedUrlFromDm(res.calls, CREW)).toBe(url);
  });

  const eventOf = async (sailId: string) =>
    (await feed(url)).events.find((x) => x.uid === sailUid(sailId, 'T0LOCAL'));

  it('raises SEQUENCE on every change to a sail (its version), under the same UID', async () => {
    const before = (await eventOf(first))?.sequence ?? Number.NaN;
    await t.command(`/sail hold ${first} Small craft advisory`);
    let e = await eventOf(first);
    expect(e).toMatchObject({ sequence: before + 1, status: 'TENTATIVE' });
    expect(e?.description).toContain('on hold: Small craft advisory');
    await t.command(`/sail unhold ${first}`);
    e = await eventOf(first);
    expect(e).toMatchObject({ sequence: before + 2, status: 'CONFIRMED' });
    expect(e?.sequence).toBe((await t.bosun.stores.sails.get(first))?.sail.version);
  });

  it('shows a cancelled sail as STATUS:CANCELLED (with no alarm) rather than dropping it', async () => {
    const before = (await eventOf(second))?.sequence ?? Number.NaN;
    await t.command(`/sail cancel ${second}`);
    expect(await eventOf(second)).toMatchObject({ status: 'CANCELLED', sequence: before + 1, alarms: [] });
  });

  it('a reset retires the old URL (404) and DMs a new one that works', async () => {
    const res = await t.command('/crew calendar reset', CREW);
    expect(replyText(res)).toMatch(/old calendar link no longer works/);
    const fresh = feedUrlFromDm(res.calls, CREW);
    expect(fresh).not.toBe(url);
    const old = await get(url);
    expect(old.status).toBe(404);
    expect(await old.json()).toMatchObject({ error: 'not_found' });
    expect((await feed(fresh)).events).toHaveLength(2);
  });

  it('answers 404 to unknown and malformed tokens', async () => {
    for (const path of ['/cal/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics', '/cal/short.ics', '/cal/nope']) {
      expect((await get(`http://bosun.test${path}`)).status).toBe(404);
    }
  });

  it('help and a wrong word say how to use it', async () => {
    expect(replyText(await t.command('/crew calendar help', CREW))).toContain('/crew calendar [reset]');
    expect(replyText(await t.command('/crew calendar please', CREW))).toContain('Usage');
    expect(replyText(await t.command('/crew help', CREW))).toContain('/crew calendar [reset]');
  });
});

describe('the guest’s calendar file', () => {
  it('GET /api/guest/calendar.ics with the guest’s token gives the sail as a PUBLISH file', async () => {
    const email = 'cal.guest@example.com';
    await t.command(`/sail guest ${first} ${email} Cal Guest`);
    const mail = (await sesStore()).filter((m) => m.destination.to.includes(email)).at(-1);
    const code = /\/g\/([A-Z0-9]{8})/.exec(mail?.body.text ?? '')?.[1];
    const claim = await t.bosun.http.request('http://bosun.test/api/auth/claim', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
    const { token } = (await claim.json()) as { token: string };

    const res = await get('http://bosun.test/api/guest/calendar.ics', { authorization: `Bearer ${token}` });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="sail-${first}.ics"`);
    const cal = parseIcs(await res.text());
    expect(cal.method).toBe('PUBLISH');
    expect(cal.events).toHaveLength(1);
    expect(cal.events[0]).toMatchObject({
      uid: sailUid(first, 'T0LOCAL'),
      sequence: (await t.bosun.stores.sails.get(first))?.sail.version,
      summary: 'Holiday lights, with “quotes”; semicolons',
      alarms: [expect.objectContaining({ triggerSeconds: -30 * 60 })],
    });

    const anonymous = await get('http://bosun.test/api/guest/calendar.ics');
    expect(anonymous.status).toBe(401);
    const forged = await get('http://bosun.test/api/guest/calendar.ics', { authorization: 'Bearer nope' });
    expect(forged.status).toBe(401);
  });
});
