/**
 * Only the newest magic link of a guest works, whoever issued it: the waiver reminder's fresh code
 * (from the nudge sweep) retires the invitation's link like a re-send does.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createWaiverReminder } from '../../src/nudges/waiver-reminder';
import type { Sail } from '../../src/sails/types';
import { guestApiHarness, linkIn, mailTo, uniqueEmail } from './fixtures';

let h: Awaited<ReturnType<typeof guestApiHarness>>;
let sail: Sail;

beforeAll(async () => {
  h = await guestApiHarness();
  sail = await h.createSail({ guestCapacity: 4 });
});

function claim(code: string, ip: string) {
  return h.api.request(
    '/auth/claim',
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) },
    { event: {}, requestContext: { http: { sourceIp: ip } }, lambdaContext: {} },
  );
}

describe('the waiver reminder', () => {
  it('supersedes the invitation’s link: the old code is 401 superseded, the reminder’s code claims', async () => {
    const email = uniqueEmail('remind');
    const invited = await h.invite({ sailId: sail.id, email, name: 'Rae Minder' });
    if (invited.outcome.kind !== 'invited') throw new Error(invited.outcome.kind);
    const original = linkIn((await mailTo(email))[0]).code;

    const remind = createWaiverReminder({ codes: h.codes, mailer: h.mailer, publicUrl: 'http://bosun.test' });
    await remind({ sail, guest: invited.outcome.guest, window: '24h', now: h.clock.now });
    const mails = await mailTo(email);
    expect(mails).toHaveLength(2);
    const reminded = linkIn(mails[1]).code;
    expect(reminded).not.toBe(original);

    const old = await claim(original, '192.0.2.10');
    expect(old.status).toBe(401);
    expect(await old.json()).toMatchObject({ reason: 'superseded', canResend: true });
    expect((await claim(reminded, '192.0.2.11')).status).toBe(200);
  });
});
