/**
 * Requests that are not genuinely from Slack are refused with 401 and change nothing: a wrong
 * signature, a timestamp more than five minutes old (a replay) or in the future, missing headers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockActionBody, commandBody, signForm, viewSubmissionBody } from '../../src/slack/payloads';
import { ADMIN, CHANNEL, SIGNING_SECRET, startTestBosun, type TestBosun } from '../support/bosun';

let t: TestBosun;
const actor = { userId: ADMIN, channelId: CHANNEL };

beforeAll(async () => {
  t = await startTestBosun({ now: () => new Date('2026-12-01T20:00:00Z') });
});
afterAll(() => t.stop());

async function post(body: string, headers: Record<string, string>) {
  return t.bosun.http.request('http://bosun.test/slack/events', { method: 'POST', headers, body });
}

const create = () =>
  commandBody({
    command: '/sail',
    text: 'create 2026-12-12 sunset Forged',
    actor,
    responseUrl: `${t.sink.url}/response/x`,
  });

async function sailCount() {
  return (await t.bosun.stores.sails.upcoming({ from: new Date('2026-12-01T20:00:00Z'), days: 60 })).length;
}

describe('Slack request verification', () => {
  it.each([
    ['a wrong signing secret', () => signForm(create(), 'not-the-secret')],
    [
      'a timestamp 6 minutes old (a replay)',
      () => signForm(create(), SIGNING_SECRET, Date.now() - 6 * 60_000),
    ],
    [
      'a timestamp 6 minutes in the future',
      () => signForm(create(), SIGNING_SECRET, Date.now() + 6 * 60_000),
    ],
  ])('refuses a command with %s: 401, nothing written or posted', async (_what, sign) => {
    const before = { sails: await sailCount(), calls: t.sink.calls().length };
    const signed = sign();
    const res = await post(signed.body, signed.headers);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'unauthorized' });
    expect(await sailCount()).toBe(before.sails);
    expect(t.sink.calls().length).toBe(before.calls);
  });

  it('refuses a request without signature headers', async () => {
    const res = await post(create(), { 'content-type': 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(401);
  });

  it('refuses a forged button press and a forged modal submission', async () => {
    const before = t.sink.calls().length;
    const click = signForm(
      blockActionBody({
        actionId: 'roster.claim',
        value: 'S-ABCDEF:captain',
        actor,
        responseUrl: `${t.sink.url}/response/y`,
      }),
      'forged',
    );
    expect((await post(click.body, click.headers)).status).toBe(401);
    const view = signForm(viewSubmissionBody({ callbackId: 'sail.create', values: {}, actor }), 'forged');
    expect((await post(view.body, view.headers)).status).toBe(401);
    expect(t.sink.calls().length).toBe(before);
  });

  it('accepts a genuine request signed a few seconds ago, with a charset in its content type', async () => {
    const signed = signForm(create(), SIGNING_SECRET, Date.now() - 5_000);
    expect(signed.headers['content-type']).toContain('charset=utf-8');
    const res = await post(signed.body, signed.headers);
    expect(res.status).toBe(200);
    expect(await sailCount()).toBeGreaterThan(0);
  });
});
