/**
 * The App Home through signed Events API and interaction requests, on DynamoDB Local and the Slack
 * sink: what `app_home_opened` publishes for crew and for admins, a Claim from the home (the card
 * and the home both updated), a redelivered event (nothing new), paging with "More", and the
 * calendar link button.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderBlocks } from '../../src/local/render-blocks';
import {
  type LocalSlackTarget,
  sendAction,
  sendEvent,
  sendViewSubmission,
} from '../../src/local/slack-client';
import type { SinkCall } from '../../src/local/slack-sink';
import { appHomeOpenedEvent, eventCallbackBody } from '../../src/slack/payloads';
import { countRequests } from '../../src/store/client';
import { sesStore } from '../support/aws';
import { blockKitProblems } from '../support/block-kit';
import { ADMIN, replyText, startTestBosun, type TestBosun } from '../support/bosun';

const NOW = new Date('2026-12-01T20:00:00Z');
const CREW = 'UCREWHOME1';
const OTHER = 'UCREWHOME2';
let t: TestBosun;
let target: LocalSlackTarget;
const ids: Record<string, string> = {};

async function create(line: string): Promise<string> {
  const res = await t.command(`/sail create ${line}`);
  const id = /S-[0-9A-Z]{6}/.exec(replyText(res))?.[0];
  if (!id) throw new Error(replyText(res));
  return id;
}

/** Sends a signed body, waits for the effects, and returns the Slack calls it led to. */
async function deliver(
  send: () => Promise<{ status: number }>,
): Promise<{ status: number; calls: SinkCall[]; before: SinkCall[] }> {
  const from = t.sink.calls().length;
  const answer = await send();
  const before = t.sink.calls().slice(from);
  await t.bosun.drainJobs();
  return { status: answer.status, before, calls: t.sink.calls().slice(from) };
}

const publishes = (calls: SinkCall[], user?: string) =>
  calls.filter((c) => c.method === 'views.publish' && (!user || c.args.user_id === user));

function homeOf(call: SinkCall | undefined): { blocks: unknown[]; text: string; metadata: string } {
  const view = call?.args.view as
    | { type?: string; blocks?: unknown[]; private_metadata?: string }
    | undefined;
  expect(view?.type).toBe('home');
  return {
    blocks: view?.blocks ?? [],
    text: renderBlocks(view?.blocks),
    metadata: view?.private_metadata ?? '',
  };
}

async function openHome(userId: string, eventId?: string) {
  return deliver(() =>
    sendEvent(
      target,
      eventCallbackBody({ event: appHomeOpenedEvent(userId), ...(eventId ? { eventId } : {}) }),
    ),
  );
}

async function signWaiverFor(sailId: string, email: string, name: string) {
  await t.command(`/sail guest ${sailId} ${email} ${name}`);
  const mail = (await sesStore()).filter((m) => m.destination.to.includes(email)).at(-1);
  const code = /\/g\/([A-Z0-9]{8})/.exec(mail?.body.text ?? '')?.[1];
  if (!code) throw new Error(`no link emailed to ${email}`);
  const claim = await t.bosun.http.request('http://bosun.test/api/auth/claim', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  const { token } = (await claim.json()) as { token: string };
  const signed = await t.bosun.http.request('http://bosun.test/api/waiver', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ fullName: name, agree: true }),
  });
  expect(signed.status).toBe(201);
  await t.bosun.drainJobs();
}

beforeAll(async () => {
  t = await startTestBosun({ now: () => NOW });
  target = t.target;
  ids.mine = await create('2026-12-05 sunset 2h crew=2 guests=6 Mine');
  ids.open = await create('2026-12-06 sunset 2h crew=3 guests=6 Open seats');
  ids.held = await create('2026-12-07 10:00 3h crew=1 guests=4 Held one');
  ids.gone = await create('2026-12-08 sunset 2h crew=1 guests=4 Gone one');
  await t.command(`/crew claim ${ids.mine} crew`, CREW);
  await t.command(`/crew claim ${ids.open} captain`, OTHER);
  await t.command(`/sail hold ${ids.held} Small craft advisory`);
  await t.command(`/sail cancel ${ids.gone}`);
  await t.command(`/sail guest ${ids.open} ann@example.com Ann`);
  await signWaiverFor(ids.open, 'bob@example.com', 'Bob Signer');
});
afterAll(() => t.stop());

describe('app_home_opened', () => {
  it('publishes a crew member’s home after an empty answer: roles with Release, open roles with Claim, no admin part', async () => {
    const r = await openHome(CREW);
    expect(r.status).toBe(200);
    // The event's HTTP answer carries no Web API call: the home is an effect.
    expect(r.before).toEqual([]);
    const calls = publishes(r.calls, CREW);
    expect(calls).toHaveLength(1);
    const home = homeOf(calls[0]);
    expect(blockKitProblems(home.blocks, { maxBlocks: 100 })).toEqual([]);
    expect(home.text).toContain('Your upcoming roles');
    expect(home.text).toContain(`(roster.release ${ids.mine}:crew-1)`);
    // Open roles on sails they do not crew: the first free crew slot, and captain where free.
    expect(home.text).toContain(`(roster.claim ${ids.open}:crew-1)`);
    expect(home.text).toContain(`(roster.claim ${ids.held}:captain)`);
    expect(home.text).not.toContain(`(roster.claim ${ids.open}:captain)`);
    expect(home.text).not.toContain(`roster.claim ${ids.mine}`);
    expect(home.text).not.toContain(`roster.claim ${ids.gone}`);
    expect(home.text).toMatch(/Held one.*On hold: Small craft advisory/);
    expect(home.text).toContain('(home.calendar get)');
    expect(home.text).not.toContain('Admin');
    expect(home.text).not.toContain('home.sail_create');
  });

  it('publishes an admin’s home with upcoming sails, fill and waivers, held and cancelled marked, create, edit and the fleet', async () => {
    const r = await openHome(ADMIN);
    const home = homeOf(publishes(r.calls, ADMIN)[0]);
    expect(blockKitProblems(home.blocks, { maxBlocks: 100 })).toEqual([]);
    expect(home.text).toContain('== Admin ==');
    expect(home.text).toContain('[Create a sail] (home.sail_create create)');
    expect(home.text).toMatch(new RegExp(`Mine\\* \\(${ids.mine}\\)[^\\n]*\\nCrew 1/3 · Guests 0/6`));
    expect(home.text).toMatch(
      new RegExp(`Open seats\\* \\(${ids.open}\\)[^\\n]*\\nCrew 1/4 · Guests 2/6 · Waivers 1/2 signed`),
    );
    expect(home.text).toMatch(/Held one.*On hold: Small craft advisory/);
    expect(home.text).toMatch(/Gone one.*Cancelled/);
    expect(home.text).toContain(`(home.sail_edit ${ids.open})`);
    expect(home.text).not.toContain(`(home.sail_edit ${ids.gone})`);
    expect(home.text).toContain('Fleet');
    expect(home.text).toMatch(/JADA\* \(`jada`\) · San Diego · up to 12 guests, 20 crew/);
  });

  it('publishes nothing new for a redelivered event (the same signed body, with or without a retry header)', async () => {
    const body = eventCallbackBody({ event: appHomeOpenedEvent(CREW), eventId: 'Ev0HOMEDUP1' });
    const first = await deliver(() => sendEvent(target, body));
    expect(publishes(first.calls, CREW)).toHaveLength(1);
    const again = await deliver(() => sendEvent(target, body));
    expect(again.status).toBe(200);
    expect(again.calls).toEqual([]);
    const retried = await deliver(() =>
      sendEvent(target, body, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' }),
    );
    expect(retried.status).toBe(200);
    expect(retried.calls).toEqual([]);
  });

  it('draws nothing for the Messages tab', async () => {
    const r = await deliver(() =>
      sendEvent(target, eventCallbackBody({ event: { ...appHomeOpenedEvent(CREW), tab: 'messages' } })),
    );
    expect(r.status).toBe(200);
    expect(r.calls).toEqual([]);
  });
});

describe('actions from the home', () => {
  it('a Claim pressed on the home updates the card and republishes that person’s home with the answer', async () => {
    const r = await deliver(() =>
      sendAction(
        target,
        {
          actionId: 'roster.claim',
          value: `${ids.open}:crew-1`,
          view: { type: 'home', privateMetadata: '{"page":0}' },
        },
        t.actor(CREW),
      ),
    );
    expect(r.status).toBe(200);
    expect(r.before).toEqual([]);
    const card = r.calls.find((c) => c.method === 'chat.update');
    expect(renderBlocks(card?.args.blocks)).toMatch(/Crew 1\* — @UCREWHOME1|Crew 1 — @UCREWHOME1/);
    // No response_url on the home: the answer is the home itself.
    expect(r.calls.filter((c) => c.method === 'response_url')).toEqual([]);
    const mine = publishes(r.calls, CREW);
    expect(mine).toHaveLength(1);
    expect(publishes(r.calls).filter((c) => c.args.user_id !== CREW)).toEqual([]);
    const home = homeOf(mine[0]);
    expect(home.text).toContain(`You are Crew 1 on ${ids.open}`);
    expect(home.text).toContain(`(roster.release ${ids.open}:crew-1)`);
    expect(home.text).not.toContain(`roster.claim ${ids.open}`);
  });

  it('a refused Claim on the home says why at the top of the republished home', async () => {
    const r = await deliver(() =>
      sendAction(
        target,
        {
          actionId: 'roster.claim',
          value: `${ids.open}:crew-1`,
          view: { type: 'home', privateMetadata: '{"page":0}' },
        },
        t.actor(OTHER),
      ),
    );
    const home = homeOf(publishes(r.calls, OTHER)[0]);
    expect(home.text.split('\n')[1]).toMatch(/already hold|one role per person/i);
    expect(r.calls.filter((c) => c.method === 'chat.update')).toEqual([]);
  });

  it('a Release on the home frees the slot and republishes', async () => {
    const r = await deliver(() =>
      sendAction(
        target,
        {
          actionId: 'roster.release',
          value: `${ids.open}:crew-1`,
          view: { type: 'home', privateMetadata: '{"page":0}' },
        },
        t.actor(CREW),
      ),
    );
    expect(r.calls.some((c) => c.method === 'chat.update')).toBe(true);
    const home = homeOf(publishes(r.calls, CREW)[0]);
    expect(home.text).toContain(`(roster.claim ${ids.open}:crew-1)`);
  });

  it('“Get my calendar link” DMs the link and the home shows it', async () => {
    const r = await deliver(() =>
      sendAction(target, { actionId: 'home.calendar', value: 'get', view: { type: 'home' } }, t.actor(CREW)),
    );
    const dm = r.calls.find((c) => c.method === 'chat.postMessage' && c.args.channel === CREW);
    const url = /http:\/\/bosun\.test\/cal\/[A-Za-z0-9_-]+\.ics/.exec(String(dm?.args.text))?.[0];
    expect(url).toBeDefined();
    const home = homeOf(publishes(r.calls, CREW)[0]);
    expect(JSON.stringify(home.blocks)).toContain(url);
    expect(home.text).toContain('in your DMs');
    expect(home.text).not.toContain('home.calendar');
  });

  it('“Create a sail” opens the create modal (the one call before the answer), marked as from the home', async () => {
    const r = await deliver(() =>
      sendAction(
        target,
        { actionId: 'home.sail_create', value: 'create', view: { type: 'home' } },
        t.actor(ADMIN),
      ),
    );
    const open = r.before.find((c) => c.method === 'views.open');
    expect(open?.args.view).toMatchObject({ callback_id: 'sail.create', private_metadata: 'home' });
  });

  it('“Edit” opens the edit modal filled with the sail; a form with no change is answered in the form', async () => {
    const r = await deliver(() =>
      sendAction(
        target,
        { actionId: 'home.sail_edit', value: ids.held, view: { type: 'home' } },
        t.actor(ADMIN),
      ),
    );
    const open = r.before.find((c) => c.method === 'views.open');
    const view = open?.args.view as { callback_id: string; private_metadata: string; blocks: unknown[] };
    expect(view.callback_id).toBe('sail.edit');
    expect(JSON.parse(view.private_metadata)).toMatchObject({
      sailId: ids.held,
      original: {
        date: '2026-12-07',
        start: '10:00',
        duration: '3h',
        crew: '1',
        guests: '4',
        title: 'Held one',
      },
    });
    const json = JSON.stringify(view.blocks);
    expect(json).toContain('"initial_date":"2026-12-07"');
    expect(json).toContain('"initial_time":"10:00"');
    expect(json).toContain('"initial_value":"Held one"');
    const values = {
      date: { date: { type: 'datepicker', selected_date: '2026-12-07' } },
      start: { start: { type: 'static_select', selected_option: { value: 'fixed' } } },
      time: { time: { type: 'timepicker', selected_time: '10:00' } },
      duration: { duration: { type: 'plain_text_input', value: '3h' } },
      crew: { crew: { type: 'number_input', value: '1' } },
      guests: { guests: { type: 'number_input', value: '4' } },
      vessel: { vessel: { type: 'static_select', selected_option: { value: 'jada' } } },
      title: { title: { type: 'plain_text_input', value: 'Held one' } },
    };
    const same = await sendViewSubmission(
      target,
      { callbackId: 'sail.edit', values, privateMetadata: view.private_metadata },
      t.actor(ADMIN),
    );
    expect(same.body).toMatchObject({ response_action: 'errors' });
    expect(JSON.stringify(same.body)).toContain('Nothing was changed');
    // A crew member's forged press opens nothing.
    const forged = await deliver(() =>
      sendAction(
        target,
        { actionId: 'home.sail_edit', value: ids.held, view: { type: 'home' } },
        t.actor(CREW),
      ),
    );
    expect(forged.calls).toEqual([]);
  });
});

describe('paging', () => {
  it('keeps a page under 100 blocks and publishes the next page with “More”; reads stay bounded', async () => {
    // 20 more sails: an admin's first page shows 15 of the 24 and a More button.
    for (let d = 0; d < 20; d++)
      await create(`2026-12-${String(10 + d).padStart(2, '0')} sunset 1h crew=1 Extra ${d}`);
    const requests = countRequests(t.bosun.doc);
    const first = await openHome(ADMIN);
    const perPublish = Object.fromEntries(requests);
    const home = homeOf(publishes(first.calls, ADMIN)[0]);
    expect(home.blocks.length).toBeLessThanOrEqual(100);
    expect(blockKitProblems(home.blocks, { maxBlocks: 100 })).toEqual([]);
    expect(home.text).toContain('[More] (home.more 1)');
    // 15 sails on the page; the cancelled one among them has no Edit button.
    expect((home.text.match(/home\.sail_edit/g) ?? []).length).toBe(14);
    // Reads that do not grow with the sails: the admin's roles and the upcoming sails (2 Queries),
    // the waivers of the one sail on the page with guests (1 Query), the calendar token (GetItem)
    // and every roster on the page in one BatchGetItem. PutItem/UpdateItem are `once` bookkeeping.
    expect(perPublish).toMatchObject({ QueryCommand: 3, GetItemCommand: 1, BatchGetItemCommand: 1 });

    const next = await deliver(() =>
      sendAction(
        target,
        { actionId: 'home.more', value: '1', view: { type: 'home', privateMetadata: home.metadata } },
        t.actor(ADMIN),
      ),
    );
    const page2 = homeOf(publishes(next.calls, ADMIN)[0]);
    expect(page2.metadata).toBe('{"page":1}');
    expect(page2.text).toContain('Page 2');
    expect(page2.text).toContain('(home.first 0)');
    expect((page2.text.match(/home\.sail_edit/g) ?? []).length).toBe(24 - 15);
    // The admin's sails end here; their open roles (15 a page) go on.
    expect(page2.text).toContain('(home.more 2)');
  });
});
