/**
 * Answer first, effects after, against a slow day: the Slack sink and the SES emulator (through a
 * delaying proxy) take 1.5 s per call. Every command, button and modal submission is answered
 * within 2.5 s with no Slack call before the answer (a modal's `views.open` aside), and afterwards
 * every effect has happened: cards, thread notes, DMs, emails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sesEndpoint, sesStore } from '../support/aws';
import { ADMIN, CHANNEL, replyText, startTestBosun, type TestBosun } from '../support/bosun';
import { type SlowProxy, startSlowProxy } from '../support/slow-proxy';

const SLOW_MS = 1500;
const DEADLINE_MS = 2500;
let t: TestBosun;
let ses: SlowProxy;

beforeAll(async () => {
  ses = await startSlowProxy(sesEndpoint());
  t = await startTestBosun({
    now: () => new Date('2026-12-01T20:00:00Z'),
    env: { SES_ENDPOINT: ses.url },
    effectRetry: { attempts: 3, baseMs: 20 },
  });
  t.sink.setDelay(SLOW_MS);
  ses.setDelay(SLOW_MS);
}, 60_000);
afterAll(async () => {
  await t.stop();
  await ses.stop();
});

const sailId = (text: string) => /S-[0-9A-Z]{6}/.exec(text)?.[0] ?? '';
const expectFast = (a: { answerMs: number; callsBeforeAnswer: unknown[] }) => {
  expect(a.answerMs).toBeLessThan(DEADLINE_MS);
  expect(a.callsBeforeAnswer).toEqual([]);
};

describe('with Slack and SES answering in 1.5 s a call', () => {
  it('answers every command, button and submission in time; the effects all happen after', async () => {
    const created = await t.command('/sail create 2026-12-12 sunset 2h crew=3 guests=6 Slow day');
    expectFast(created);
    const id = sailId(replyText(created));
    expect(created.calls.some((c) => c.method === 'chat.postMessage' && c.args.channel === CHANNEL)).toBe(
      true,
    );

    const claim = await t.click('roster.claim', `${id}:crew-1`, 'USLOW0001');
    expectFast(claim);
    expect(claim.calls.map((c) => c.method)).toEqual(
      expect.arrayContaining(['chat.update', 'chat.postMessage', 'response_url']),
    );

    for (const [line, user] of [
      [`/crew claim ${id} captain`, 'USLOW0002'],
      [`/crew claim ${id} crew`, 'USLOW0003'],
      [`/crew release ${id} crew-2`, 'USLOW0003'],
      [`/crew designate ${id} crew-2 <@USLOW0004>`, ADMIN],
    ] as const) {
      const a = await t.command(line, user);
      expectFast(a);
      expect(a.calls.some((c) => c.method === 'chat.update')).toBe(true);
    }

    const guests = ['a', 'b', 'c'].map((x) => `${x}.${id.toLowerCase()}@example.com`);
    for (const [i, email] of guests.entries()) {
      const a = await t.command(`/sail guest ${id} ${email} Guest ${i + 1}`);
      expectFast(a);
    }
    const inbox = async (to: string) => (await sesStore()).filter((m) => m.destination.to.includes(to));
    for (const email of guests) expect(await inbox(email)).toHaveLength(1);

    const cancel = await t.command(`/sail cancel ${id}`);
    expectFast(cancel);
    expect(replyText(cancel)).toMatch(/3 crew told by DM.*3 guests are being emailed/);
    for (const user of ['USLOW0001', 'USLOW0002', 'USLOW0004']) {
      expect(cancel.calls.some((c) => c.method === 'chat.postMessage' && c.args.channel === user)).toBe(true);
    }
    for (const email of guests) {
      const mails = await inbox(email);
      expect(mails.filter((m) => m.subject.startsWith('Cancelled'))).toHaveLength(1);
    }

    const shown = await t.command(`/sail show ${id}`, 'USLOW0001');
    expectFast(shown);
    expect(shown.calls.some((c) => c.method === 'chat.delete')).toBe(true);

    const report = await t.command('/report cto');
    expectFast(report);
  }, 120_000);

  it('answers a modal submission in time and DMs what it did afterwards', async () => {
    const submitted = await t.submit('sail.create', {
      date: { date: { selected_date: '2026-12-19' } },
      start: { start: { selected_option: { value: 'sunset' } } },
      title: { title: { value: 'From a slow modal' } },
    });
    expectFast(submitted);
    expect(submitted.calls.some((c) => c.method === 'chat.postMessage' && c.args.channel === ADMIN)).toBe(
      true,
    );
  }, 60_000);

  it('opening a modal is the one call before the answer (it needs the trigger)', async () => {
    const opened = await t.command('/sail create');
    expect(opened.callsBeforeAnswer.map((c) => c.method)).toEqual(['views.open']);
    expect(opened.answerMs).toBeLessThan(DEADLINE_MS);
  });
});

describe('retries never repeat work', () => {
  it('the same signed /sail create again with X-Slack-Retry-Num: 1 creates nothing new and answers the same', async () => {
    t.sink.setDelay(0);
    ses.setDelay(0);
    const line = '/sail create 2026-12-20 sunset Retried create';
    const first = await t.commandRaw(line, { triggerId: 'T-RETRY-CREATE' });
    const again = await t.commandRaw(line, { triggerId: 'T-RETRY-CREATE', retryNum: 1 });
    expect(replyText(again)).toBe(replyText(first));
    await t.bosun.drainJobs();
    const sails = await t.bosun.stores.sails.upcoming({ from: new Date('2026-12-01T00:00:00Z'), days: 60 });
    expect(sails.filter((s) => s.title === 'Retried create')).toHaveLength(1);
    const cards = t.sink
      .calls()
      .filter(
        (c) =>
          c.method === 'chat.postMessage' && JSON.stringify(c.args.blocks ?? '').includes('Retried create'),
      );
    expect(cards).toHaveLength(1);
  });

  it('a status email refused with throttling is retried and arrives, once', async () => {
    const created = await t.command('/sail create 2026-12-21 sunset guests=2 Throttled');
    const id = sailId(replyText(created));
    const email = `throttle.${id.toLowerCase()}@example.com`;
    await t.command(`/sail guest ${id} ${email} Tess Throttle`);
    const before = ses.refused();
    ses.throttleNext(2);
    await t.command(`/sail hold ${id} Wind`);
    expect(ses.refused() - before).toBe(2);
    const held = (await sesStore()).filter(
      (m) => m.destination.to.includes(email) && m.subject.startsWith('On hold'),
    );
    expect(held).toHaveLength(1);
  });
});
