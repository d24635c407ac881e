/**
 * Logs never carry secrets or guests' personal data: a whole claim + invite + sign + report flow
 * runs at DEBUG level with stdout and stderr captured, and neither the signing secret, the bot
 * token, the JWT, the magic code nor the guest's email may appear.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sesStore } from '../support/aws';

// The suite runs with logs off (vitest.config.ts); this file turns them all on and reads them.
process.env.BOSUN_LOG_LEVEL = 'DEBUG';
const { logger } = await import('../../src/log');
const { startTestBosun, SIGNING_SECRET, replyText } = await import('../support/bosun');
type TestBosun = Awaited<ReturnType<typeof startTestBosun>>;

const GUEST_EMAIL = 'secret.guest.person@example.org';
const captured: string[] = [];
const originals = {
  out: process.stdout.write.bind(process.stdout),
  err: process.stderr.write.bind(process.stderr),
};
let t: TestBosun;

beforeAll(async () => {
  // Kept, not echoed: the test reads every line, and the test run's output stays readable.
  const capture =
    () =>
    (chunk: string | Uint8Array): boolean => {
      captured.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    };
  process.stdout.write = capture() as typeof process.stdout.write;
  process.stderr.write = capture() as typeof process.stderr.write;
  t = await startTestBosun({ now: () => new Date('2026-12-01T20:00:00Z') });
});
afterAll(async () => {
  process.stdout.write = originals.out;
  process.stderr.write = originals.err;
  await t.stop();
});

describe('log hygiene', () => {
  it('a full claim + invite + sign + report flow logs no secret, token, code or guest email', async () => {
    const created = await t.command('/sail create 2026-12-12 sunset 2h crew=1 guests=2 Log test');
    const id = /S-[0-9A-Z]{6}/.exec(replyText(created))?.[0] ?? '';
    await t.command(`/crew claim ${id} captain`, 'UCAPT0001');
    await t.command(`/sail guest ${id} ${GUEST_EMAIL} Private Person`);
    const mail = (await sesStore()).filter((m) => m.destination.to.includes(GUEST_EMAIL)).at(-1);
    const code = /\/g\/([A-Z0-9]{8})/.exec(mail?.body.text ?? '')?.[1] ?? '';
    expect(code).toHaveLength(8);
    const claim = await t.bosun.http.request('http://bosun.test/api/auth/claim', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
    const { token } = (await claim.json()) as { token: string };
    await t.bosun.http.request('http://bosun.test/api/waiver', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ fullName: 'Private Person', agree: true }),
    });
    // A replayed code and a forged Slack request are logged as refusals.
    await t.bosun.http.request('http://bosun.test/api/auth/claim', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
    await t.bosun.http.request('http://bosun.test/slack/events', {
      method: 'POST',
      headers: {
        'x-slack-signature': 'v0=bad',
        'x-slack-request-timestamp': '1',
        'content-type': 'application/json',
      },
      body: '{}',
    });
    await t.command('/report cfo');
    await t.bosun.drainJobs();
    // Code that forgets the rule still gets scrubbed on the way out.
    logger.error('careless', {
      email: GUEST_EMAIL,
      error: new Error(`send to ${GUEST_EMAIL} with ${token} and xoxb-test-token failed at /g/${code}`),
    });

    const out = captured.join('');
    expect(out).toContain('careless');
    expect(out.length).toBeGreaterThan(200);
    for (const secret of [
      SIGNING_SECRET,
      'xoxb-test-token',
      token,
      code,
      GUEST_EMAIL,
      'test-jwt-secret-that-is-at-least-32-bytes-long',
    ]) {
      expect(out).not.toContain(secret);
    }
  });
});
