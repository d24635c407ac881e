import type { LambdaEvent } from 'hono/aws-lambda';
import { handle } from 'hono/aws-lambda';
import { UnsecuredJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createGuestTokens, TOKEN_AUDIENCE, TOKEN_ISSUER } from '../../src/auth/jwt';
import { DeliveryError } from '../../src/errors';
import type { GuestView } from '../../src/guests/sail-view';
import {
  CLAIM_LIMIT,
  CLAIM_LIMIT_UNDER_ATTACK,
  CODE_LIMIT,
  createGuestApi,
  RESEND_GUEST_DAILY,
  SITE_GUESS_BUCKET,
  SITE_GUESS_SIGNAL,
} from '../../src/http/guest-api';
import { ORIGIN_SECRET_HEADER } from '../../src/http/viewer-address';
import type { Sail } from '../../src/sails/types';
import { guestApiHarness, JWT_SECRET, linkIn, mailTo, TEST_TEAM, uniqueEmail } from '../guests/fixtures';

let h: Awaited<ReturnType<typeof guestApiHarness>>;
let sail: Sail;
let held: Sail;
let doomed: Sail;
let ipCounter = 0;

beforeAll(async () => {
  // Effects wait for `h.effects.run()`, so a test can look between the answer and the emails.
  h = await guestApiHarness({ effects: 'manual' });
  sail = await h.createSail({ guestCapacity: 100 });
  held = await h.createSail({}, { status: 'on_hold', reason: 'Waiting on the weather' });
  doomed = await h.createSail();
});

/** A fresh client address per call site, so rate limits never leak between tests. */
function newIp() {
  ipCounter++;
  return `198.51.100.${ipCounter}`;
}

async function invite(sailId?: string, name = 'Jane Doe') {
  const email = uniqueEmail(name.split(' ')[0]?.toLowerCase());
  const { outcome } = await h.invite({ sailId: sailId ?? sail.id, email, name });
  if (outcome.kind !== 'invited') throw new Error(`not invited: ${outcome.kind}`);
  const mails = await mailTo(email);
  return { guest: outcome.guest, email, code: linkIn(mails[mails.length - 1]).code };
}

/** The env `hono/aws-lambda` hands the app for a Function URL event that came from `sourceIp`. */
function fromLambda(sourceIp: string) {
  return { event: {}, requestContext: { http: { sourceIp } }, lambdaContext: {} };
}

/** A Function URL (payload 2.0) event for `POST /auth/claim` from `sourceIp`. */
function functionUrlClaim(code: string, sourceIp: string, headers: Record<string, string>): LambdaEvent {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: '/auth/claim',
    rawQueryString: '',
    headers: { 'content-type': 'application/json', host: 'abc.lambda-url.us-west-2.on.aws', ...headers },
    body: JSON.stringify({ code }),
    isBase64Encoded: false,
    requestContext: {
      accountId: 'anonymous',
      apiId: 'abc',
      authentication: null,
      authorizer: {},
      domainName: 'abc.lambda-url.us-west-2.on.aws',
      domainPrefix: 'abc',
      http: { method: 'POST', path: '/auth/claim', protocol: 'HTTP/1.1', sourceIp, userAgent: 'curl/8' },
      requestId: 'req-1',
      routeKey: '$default',
      stage: '$default',
      time: '01/Jun/2026:17:00:00 +0000',
      timeEpoch: Date.parse('2026-06-01T17:00:00Z'),
    },
  };
}

/** A POST as it reaches the app on Lambda from `ip`, with `headers` as the client sent them. */
function post(path: string, body: unknown, headers: Record<string, string> = {}, ip = '192.0.2.1') {
  return h.api.request(
    path,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    },
    fromLambda(ip),
  );
}

async function claim(code: string, ip = newIp(), headers: Record<string, string> = {}) {
  return post('/auth/claim', { code }, headers, ip);
}

async function tokenFor(code: string): Promise<string> {
  const res = await claim(code);
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

function getGuest(token?: string) {
  return h.api.request('/guest', { headers: token ? { authorization: `Bearer ${token}` } : {} });
}

function sign(token: string, body: unknown, headers: Record<string, string> = {}) {
  return post('/waiver', body, {
    authorization: `Bearer ${token}`,
    'user-agent': 'vitest-agent',
    ...headers,
  });
}

describe('POST /auth/claim', () => {
  it('claims a code once for a 6-hour token; a second claim is 401 "already used"', async () => {
    const { code } = await invite();
    const first = await claim(code);
    expect(first.status).toBe(200);
    const body = (await first.json()) as { token: string; expiresAt: string };
    expect(body.expiresAt).toBe(new Date(h.clock.now.getTime() + 6 * 3600_000).toISOString());
    expect(first.headers.get('cache-control')).toBe('no-store');

    const second = await claim(code);
    expect(second.status).toBe(401);
    expect(await second.json()).toMatchObject({
      error: 'unauthorized',
      reason: 'used',
      canResend: true,
      message: expect.stringMatching(/already been used/),
    });
  });

  it('a used or expired link of a guest who has signed answers "signed", with when, and no new link', async () => {
    const { code } = await invite(sail.id, 'Signed Already');
    const token = await tokenFor(code);
    // Before signing, a second claim is the ordinary "used".
    expect(await (await claim(code)).json()).toMatchObject({ reason: 'used', canResend: true });
    expect((await sign(token, { fullName: 'Signed Already', agree: true })).status).toBe(201);

    const again = await claim(code);
    expect(again.status).toBe(401);
    expect(await again.json()).toEqual({
      error: 'unauthorized',
      reason: 'signed',
      canResend: false,
      signedAt: h.clock.now.toISOString(),
      signedAtLabel: 'Monday, June 1, 2026 at 10:00 AM PDT',
      message: 'You signed the waiver on Monday, June 1, 2026 at 10:00 AM PDT; you are all set.',
    });

    const saved = h.clock.now;
    h.clock.now = new Date(saved.getTime() + 25 * 3600_000);
    try {
      expect(await (await claim(code)).json()).toMatchObject({ reason: 'signed', canResend: false });
    } finally {
      h.clock.now = saved;
    }
  });

  it('refuses an expired code (clock pinned past 24 h)', async () => {
    const { code } = await invite();
    const saved = h.clock.now;
    h.clock.now = new Date(saved.getTime() + 24 * 3600_000 + 1);
    try {
      const res = await claim(code);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({
        reason: 'expired',
        message: expect.stringMatching(/expired/),
      });
    } finally {
      h.clock.now = saved;
    }
  });

  it('400 for malformed input, 401 for an unknown code', async () => {
    for (const body of ['{not json', {}, { code: 42 }, { code: 'ABC' }, { code: 'ABCDEFG0' }]) {
      const res = await post('/auth/claim', body, {}, newIp());
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: 'invalid_input', message: expect.any(String) });
    }
    const res = await claim('ZZZZZZZZ');
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ reason: 'unknown', canResend: false });
  });

  it('answers 429 after 10 failed claims from one address in 10 minutes; others are unaffected', async () => {
    const attacker = newIp();
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++)
      statuses.push((await claim(`ZZZZZZ${'23456789AB'[i]}${'C'}`, attacker)).status);
    expect(statuses).toEqual(Array(10).fill(401));
    const { code } = await invite();
    const blocked = await claim(code, attacker);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await blocked.json()).toMatchObject({
      error: 'rate_limited',
      message: expect.stringMatching(/ten minutes/),
    });
    // Refused tries are taken back: hammering on does not keep the address blocked for longer.
    for (let i = 0; i < 5; i++) expect((await claim('ZZZZZZZZ', attacker)).status).toBe(429);
    expect(await h.rateLimit.peek(`guess:${attacker}`, CLAIM_LIMIT)).toBe(10);
    // The blocked attempt did not burn the code; another address claims it.
    expect((await claim(code, newIp())).status).toBe(200);
    // After Retry-After, once the sliding window has let enough of the failures go, the address
    // may try again.
    const saved = h.clock.now;
    h.clock.now = new Date(saved.getTime() + Number(blocked.headers.get('retry-after')) * 1000);
    try {
      expect((await claim('ZZZZZZZZ', attacker)).status).toBe(401);
    } finally {
      h.clock.now = saved;
    }
  });

  it('counts by the address Lambda saw: forged X-Forwarded-For or CloudFront-Viewer-Address change nothing', async () => {
    // Through hono/aws-lambda's handler with a Function URL event, as on Lambda.
    const lambda = handle(h.api);
    const attacker = newIp();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const forged = `203.0.113.${100 + i}`;
      const res = await lambda(
        functionUrlClaim('ZZZZZZZZ', attacker, {
          'x-forwarded-for': `${forged}, 10.0.0.1`,
          'cloudfront-viewer-address': `${forged}:4431${i}`,
        }),
      );
      statuses.push(res.statusCode);
    }
    expect(statuses).toEqual([...Array(10).fill(401), 429]);
    // Ten wrong guesses counted; the refused eleventh was taken back.
    expect(await h.rateLimit.peek(`guess:${attacker}`, CLAIM_LIMIT)).toBe(10);
    // The forged addresses got no bucket of their own.
    expect(await h.rateLimit.peek('guess:203.0.113.100', CLAIM_LIMIT)).toBe(0);
    expect((await claim('ZZZZZZZZ', '203.0.113.100')).status).toBe(401);
  });

  it('with no address from the transport, all such clients share one bucket: headers are never used', async () => {
    const bare = createGuestApi({ ...h.deps, now: () => new Date('2026-06-02T09:00:00Z') });
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await bare.request('/auth/claim', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.${i}` },
        body: JSON.stringify({ code: 'ZZZZZZZZ' }),
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([...Array(10).fill(401), 429]);
  });

  it('behind CloudFront (origin secret present) the viewer’s own address is counted, not the edge’s', async () => {
    const secret = 'an-origin-secret-of-at-least-32-characters-0001';
    const api = createGuestApi({ ...h.deps, originSecrets: [secret] });
    const edge = newIp();
    const viaEdge = (viewer: string, extra: Record<string, string> = {}) =>
      api.request(
        '/auth/claim',
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            [ORIGIN_SECRET_HEADER]: secret,
            'cloudfront-viewer-address': `${viewer}:50123`,
            ...extra,
          },
          body: JSON.stringify({ code: 'ZZZZZZZZ' }),
        },
        fromLambda(edge),
      );
    // One guesser behind the edge is limited; another viewer behind the same edge is not.
    const noisy: number[] = [];
    for (let i = 0; i < 11; i++) noisy.push((await viaEdge('203.0.113.200')).status);
    expect(noisy).toEqual([...Array(10).fill(401), 429]);
    expect((await viaEdge('203.0.113.201')).status).toBe(401);
    expect(await h.rateLimit.peek(`guess:${edge}`, CLAIM_LIMIT)).toBe(0);
    // A wrong secret: the header is not believed, and the transport's address is counted.
    expect((await viaEdge('203.0.113.202', { [ORIGIN_SECRET_HEADER]: 'guess'.repeat(10) })).status).toBe(401);
    expect(await h.rateLimit.peek(`guess:${edge}`, CLAIM_LIMIT)).toBe(1);
  });

  it('a real link that no longer opens is counted against that link, never the address; a signed guest reopening counts nowhere', async () => {
    const ip = newIp();
    const { code } = await invite(sail.id, 'Many Tabs');
    const token = await tokenFor(code);
    // Opened again and again (a page reloading in a new tab): "used", and the address stays clear.
    const statuses: number[] = [];
    for (let i = 0; i < CODE_LIMIT.limit + 2; i++) statuses.push((await claim(code, ip)).status);
    expect(statuses).toEqual([...Array(CODE_LIMIT.limit).fill(401), 429, 429]);
    expect(await h.rateLimit.peek(`guess:${ip}`, CLAIM_LIMIT)).toBe(0);
    expect(await h.rateLimit.peek(`code:${code}`, CODE_LIMIT)).toBe(CODE_LIMIT.limit);
    // The same address still claims its own fresh link at once.
    const other = await invite(sail.id, 'Fresh Link');
    expect((await claim(other.code, ip)).status).toBe(200);

    // Once signed, re-opening the old link is no failure at all, however often.
    const { code: signedCode } = await invite(sail.id, 'Done Already');
    const signedToken = await tokenFor(signedCode);
    expect((await sign(signedToken, { fullName: 'Done Already', agree: true })).status).toBe(201);
    for (let i = 0; i < CODE_LIMIT.limit + 5; i++) {
      expect(await (await claim(signedCode, ip)).json()).toMatchObject({ reason: 'signed' });
    }
    expect(await h.rateLimit.peek(`code:${signedCode}`, CODE_LIMIT)).toBe(0);
    expect(await h.rateLimit.peek(`guess:${ip}`, CLAIM_LIMIT)).toBe(0);
    void token;
  });

  it('IPv6 addresses are counted by their /64: a fresh address per guess from one network does not help', async () => {
    const net = `2001:db8:${(ipCounter++).toString(16)}:1`;
    const statuses: number[] = [];
    for (let i = 0; i < CLAIM_LIMIT.limit + 1; i++)
      statuses.push((await claim('ZZZZZZZZ', `${net}::${(i + 1).toString(16)}`)).status);
    expect(statuses).toEqual([...Array(CLAIM_LIMIT.limit).fill(401), 429]);
  });

  it('successful claims do not count towards the limit', async () => {
    const ip = newIp();
    for (let i = 0; i < 12; i++) {
      const { code } = await invite();
      expect((await claim(code, ip)).status).toBe(200);
    }
  });
});

describe('POST /auth/claim, all clients together', () => {
  it('no site-wide count refuses a valid code: many wrong guesses only tighten each address’s allowance', async () => {
    // Its own table, so the shared failures do not spill into the other tests.
    const own = await guestApiHarness();
    const ownSail = await own.createSail();
    const from = (ip: string, code: string) =>
      own.api.request(
        '/auth/claim',
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) },
        fromLambda(ip),
      );
    // Past the signal, spread over addresses that each stay within their own allowance.
    const total = SITE_GUESS_SIGNAL.limit + 30;
    const perAddress = CLAIM_LIMIT.limit;
    const spread = Array.from({ length: total }, (_, i) =>
      from(`10.1.${Math.floor(i / perAddress)}.1`, 'ZZZZZZZZ'),
    );
    expect(new Set((await Promise.all(spread)).map((r) => r.status))).toEqual(new Set([401]));
    expect(await own.rateLimit.peek(SITE_GUESS_BUCKET, SITE_GUESS_SIGNAL)).toBe(total);

    const email = uniqueEmail('late');
    expect((await own.invite({ sailId: ownSail.id, email, name: 'Late Comer' })).outcome.kind).toBe(
      'invited',
    );
    const code = linkIn((await mailTo(email)).at(-1)).code;
    // A new address with a genuine code gets in at once.
    expect((await from('10.2.0.1', code)).status).toBe(200);

    // An address that guesses now has the tighter allowance.
    const fresh = '10.2.0.2';
    const guesses: number[] = [];
    for (let i = 0; i < CLAIM_LIMIT_UNDER_ATTACK.limit + 2; i++)
      guesses.push((await from(fresh, 'ZZZZZZZZ')).status);
    expect(guesses).toEqual([...Array(CLAIM_LIMIT_UNDER_ATTACK.limit).fill(401), 429, 429]);
    expect(await own.rateLimit.peek(`guess:${fresh}`, CLAIM_LIMIT)).toBe(CLAIM_LIMIT_UNDER_ATTACK.limit);
  });
});

describe('GET /auth/peek', () => {
  const peek = (code: string, ip = newIp()) =>
    h.api.request(`/auth/peek?code=${encodeURIComponent(code)}`, {}, fromLambda(ip));

  it('says what a link is for (title and date, nothing personal) and that it would open, without spending it', async () => {
    const { code } = await invite(sail.id, 'Peek Ahead');
    const res = await peek(code.toLowerCase());
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = await res.json();
    expect(body).toEqual({
      state: 'ready',
      sail: {
        title: sail.title,
        date: '2026-06-20',
        dateLabel: 'Saturday, June 20, 2026',
        status: 'scheduled',
      },
    });
    expect(JSON.stringify(body)).not.toMatch(/Peek|example\.com/);
    // Peeking twice spends nothing: the claim still works.
    expect((await peek(code)).status).toBe(200);
    expect((await claim(code)).status).toBe(200);
    expect(await (await peek(code)).json()).toMatchObject({ state: 'used', canResend: true });
  });

  it('a signed guest’s link says signed; unknown codes are wrong guesses of the address', async () => {
    const { code } = await invite(sail.id, 'Peek Signed');
    expect((await sign(await tokenFor(code), { fullName: 'Peek Signed', agree: true })).status).toBe(201);
    expect(await (await peek(code)).json()).toMatchObject({
      state: 'signed',
      canResend: false,
      message: expect.stringMatching(/you are all set/),
    });
    const ip = newIp();
    const statuses: number[] = [];
    for (let i = 0; i < CLAIM_LIMIT.limit + 1; i++) statuses.push((await peek('ZZZZZZZZ', ip)).status);
    expect(statuses).toEqual([...Array(CLAIM_LIMIT.limit).fill(404), 429]);
    expect((await peek('nope')).status).toBe(400);
  });
});

describe('GET /guest', () => {
  it('needs a valid token', async () => {
    expect((await getGuest()).status).toBe(401);
    const res = await getGuest('garbage');
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'unauthorized', message: expect.any(String) });

    const { guest } = await invite();
    const iat = Math.floor(h.clock.now.getTime() / 1000);
    const none = new UnsecuredJWT({ sail: sail.id, role: 'guest' })
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setSubject(guest.id)
      .setIssuedAt(iat)
      .setExpirationTime(iat + 3600)
      .encode();
    expect((await getGuest(none)).status).toBe(401);
    const otherKey = await createGuestTokens({ secret: `${JWT_SECRET}-nope`, now: () => h.clock.now }).sign({
      guestId: guest.id,
      sailId: sail.id,
      workspace: TEST_TEAM,
    });
    expect((await getGuest(otherKey.token)).status).toBe(401);
  });

  it('refuses an expired token', async () => {
    const { code } = await invite();
    const token = await tokenFor(code);
    const saved = h.clock.now;
    h.clock.now = new Date(saved.getTime() + 6 * 3600_000 + 1000);
    try {
      const res = await getGuest(token);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({
        reason: 'expired',
        message: expect.stringMatching(/session has ended/),
      });
    } finally {
      h.clock.now = saved;
    }
  });

  it('shows the sail, times in the vessel zone, statuses and the waiver', async () => {
    const { code, guest } = await invite(sail.id, 'View Er');
    const res = await getGuest(await tokenFor(code));
    expect(res.status).toBe(200);
    const view = (await res.json()) as GuestView;
    expect(view.sail).toMatchObject({
      id: sail.id,
      title: 'Sunset sail on the bay',
      date: '2026-06-20',
      dateLabel: 'Saturday, June 20, 2026',
      zone: 'America/Los_Angeles',
      zoneLabel: 'PDT',
      vesselName: 'JADA',
      status: 'confirmed',
    });
    expect(view.sail.times.map((t) => [t.key, t.local])).toEqual([
      ['meet', '5:45 PM PDT'],
      ['departure', '6:15 PM PDT'],
      ['sunset', '7:59 PM PDT'],
      ['return', '8:15 PM PDT'],
    ]);
    expect(view.sail.times[1]?.at).toBe(sail.departAt.toISOString());
    // What a guest needs to arrive, from the vessel (the injected `placeOf`).
    expect(view.sail.arrival).toEqual({
      meet: expect.stringMatching(/^Shelter Island Marina/),
      parking: expect.stringMatching(/parking/i),
      bring: expect.stringMatching(/warm layer/),
    });
    expect(view.guest).toMatchObject({ id: guest.id, name: 'View Er', status: 'on_hold' });
    expect(view.guest.statusMessage).toMatch(/on hold until you sign/);
    expect(view.waiver.version).toBe(h.templates.waivers.current.version);
    expect(view.waiver.text).toBe(h.templates.waivers.current.text);
    expect(view.today).toBe('2026-06-01');
  });

  it('shows a held sail with its reason', async () => {
    const { code } = await invite(held.id);
    const view = (await (await getGuest(await tokenFor(code))).json()) as GuestView;
    expect(view.sail).toMatchObject({ status: 'on_hold', holdReason: 'Waiting on the weather' });
    // The reason ends its sentence before the next one begins.
    expect(view.sail.statusMessage).toBe(
      'This sail is on hold: Waiting on the weather. We will email you when it is confirmed.',
    );
    // Signed while on hold: the seat is kept, not "confirmed".
    const token = await tokenFor((await invite(held.id, 'Held Signer')).code);
    expect((await sign(token, { fullName: 'Held Signer', agree: true })).status).toBe(201);
    const signed = (await (await getGuest(token)).json()) as GuestView;
    expect(signed.guest.statusMessage).toBe(
      'Waiver signed on Monday, June 1, 2026 at 10:00 AM PDT by Held Signer. Your seat is kept for you while the sail is on hold.',
    );
  });
});

describe('POST /waiver', () => {
  const minor = { fullName: 'Sam Doe', birthDate: '2015-04-23' };

  it('minors take seats: a party that does not fit is 409 no_seats next to the minors, and nothing is stored', async () => {
    const small = await h.createSail({ guestCapacity: 3 });
    const a = await invite(small.id, 'Ana López');
    await invite(small.id, 'Bo Other');
    const token = await tokenFor(a.code);
    const kid = (n: number) => ({ fullName: `Kid ${n}`, birthDate: '2016-03-02' });

    const refused = await sign(token, { fullName: 'Ana López', agree: true, minors: [kid(1), kid(2)] });
    expect(refused.status).toBe(409);
    const message =
      'This sail has 1 seat left; you listed 2 minors, and each needs a seat. Remove all but 1 to sign now, or ask the person who invited you to make room.';
    expect(await refused.json()).toEqual({
      error: 'no_seats',
      message,
      seatsLeft: 1,
      fields: [{ field: 'minors', message }],
    });
    expect(await h.guests.getWaiver(small.id, a.guest.id)).toBeUndefined();
    await h.effects.run();
    expect(h.signed.some((s) => s.guest.id === a.guest.id)).toBe(false);

    const ok = await sign(token, { fullName: 'Ana López', agree: true, minors: [kid(1)] });
    expect(ok.status).toBe(201);
    expect(await h.guests.seatsTaken(small.id)).toBe(3);
    await h.effects.run();
    expect(h.signed.find((s) => s.guest.id === a.guest.id)?.guest.minors).toBe(1);
    // The seat the minor took is gone for new invitations.
    const c = await h.invite({ sailId: small.id, email: uniqueEmail('cy'), name: 'Cy' });
    expect(c.outcome).toMatchObject({ kind: 'refused', reason: 'full' });
  });

  it('names of zero-width or other format characters only are 400 with a message for the field', async () => {
    const { code, guest } = await invite(sail.id, 'Invisible Ink');
    const token = await tokenFor(code);
    for (const fullName of ['\u200B\u200B\u200B', '\u200E\u2060\uFEFF', '\u00AD\u200D', '\u3164\u3164']) {
      const res = await sign(token, { fullName, agree: true });
      expect(res.status, JSON.stringify(fullName)).toBe(400);
      expect(await res.json()).toMatchObject({
        error: 'invalid_input',
        fields: [{ field: 'fullName', message: expect.any(String) }],
      });
    }
    const minor = await sign(token, {
      fullName: 'Invisible Ink',
      agree: true,
      minors: [{ fullName: '\u200B\u200BX', birthDate: '2016-01-01' }],
    });
    expect(minor.status).toBe(400);
    expect(await minor.json()).toMatchObject({
      fields: [
        { field: 'minors.0.fullName', message: 'Type the minor’s name in letters: at least two of them.' },
      ],
    });
    expect(await h.guests.getWaiver(sail.id, guest.id)).toBeUndefined();
    // Format characters inside a real name are dropped from what is stored.
    expect((await sign(token, { fullName: 'Invisible\u200B Ink\u200D', agree: true })).status).toBe(201);
    expect((await h.guests.getWaiver(sail.id, guest.id))?.signedName).toBe('Invisible Ink');
  });

  it('refuses invalid input with per-field errors and stores nothing', async () => {
    const { code, guest } = await invite();
    const token = await tokenFor(code);
    const cases: [unknown, string[]][] = [
      [{ fullName: '', agree: true }, ['fullName']],
      [{ fullName: 'Jane Doe', agree: false }, ['agree']],
      [
        { fullName: 'Jane Doe', agree: true, minors: [{ fullName: 'Sam', birthDate: '' }] },
        ['minors.0.birthDate'],
      ],
      [
        { fullName: 'Jane Doe', agree: true, minors: [{ fullName: 'Old', birthDate: '2000-01-01' }] },
        ['minors.0.birthDate'],
      ],
      [
        { fullName: 'Jane Doe', agree: true, minors: [{ fullName: '', birthDate: '2030-01-01' }] },
        ['minors.0.fullName', 'minors.0.birthDate'],
      ],
      [{ agree: 'yes' }, ['agree', 'fullName']],
    ];
    for (const [body, fields] of cases) {
      const res = await sign(token, body);
      expect(res.status).toBe(400);
      const json = (await res.json()) as { error: string; message: string; fields: { field: string }[] };
      expect(json.error).toBe('invalid_input');
      expect(json.fields.map((f) => f.field).sort()).toEqual([...fields].sort());
    }
    expect((await sign(token, '{oops')).status).toBe(400);
    expect(await h.guests.getWaiver(sail.id, guest.id)).toBeUndefined();
    expect((await h.guests.get(sail.id, guest.id))?.status).toBe('on_hold');
  });

  it('signs once: 201 before any email, stored with version, hash, IP and agent; the effects then send the copy and redraw the card; then 409', async () => {
    const { code, guest, email } = await invite(sail.id, 'Jane Doe');
    const token = await tokenFor(code);
    const before = h.signed.length;
    const batches = h.effects.queued.length;
    const sentBefore = h.mailer.sent;
    const res = await sign(
      token,
      {
        fullName: ' Jane Q. Doe ',
        agree: true,
        minors: [minor],
        version: h.templates.waivers.current.version,
      },
      { 'x-forwarded-for': '203.0.113.9, 70.132.0.1' },
    );
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({
      signed: true,
      signedAt: h.clock.now.toISOString(),
      signedAtLabel: 'Monday, June 1, 2026 at 10:00 AM PDT',
      version: h.templates.waivers.current.version,
      message: 'Thank you — your waiver is signed and a copy is on its way to your email.',
    });
    // The answer is read and nothing has been mailed: the copy and the card are queued, not done.
    expect(h.mailer.sent).toBe(sentBefore);
    expect((await mailTo(email)).filter((m) => m.subject.startsWith('Your signed waiver'))).toEqual([]);
    expect(h.signed.length).toBe(before);
    expect(h.effects.queued.slice(batches)).toEqual([
      {
        team: TEST_TEAM,
        effects: [
          {
            type: 'guest.waiver_copy',
            key: `guest.waiver_copy:${sail.id}:${guest.id}:waiver:${guest.id}`,
            sailId: sail.id,
            guestId: guest.id,
          },
          {
            type: 'card.refresh',
            key: `card.refresh:${sail.id}:waiver:${guest.id}`,
            sailId: sail.id,
            note: { kind: 'waiver_signed', sailId: sail.id, name: 'Jane Doe' },
          },
        ],
      },
    ]);

    const stored = await h.guests.getWaiver(sail.id, guest.id);
    expect(stored).toEqual({
      sailId: sail.id,
      guestId: guest.id,
      version: h.templates.waivers.current.version,
      sha256: h.templates.waivers.current.sha256,
      signedName: 'Jane Q. Doe',
      minors: [minor],
      signedAt: h.clock.now.toISOString(),
      // The address Lambda saw, not the header's first hop; the header is kept as sent, for information.
      ip: '192.0.2.1',
      forwardedFor: '203.0.113.9, 70.132.0.1',
      userAgent: 'vitest-agent',
    });

    expect(await h.effects.run()).toEqual([{ ran: 2, skipped: 0, inProgress: 0, deferred: 0, failed: [] }]);
    expect(h.signed.slice(before)).toHaveLength(1);
    expect(h.signed[before]?.guest).toMatchObject({
      id: guest.id,
      status: 'signed',
      signedName: 'Jane Q. Doe',
    });
    expect(h.signed[before]?.sail.id).toBe(sail.id);

    const copies = (await mailTo(email)).filter((m) => m.subject.startsWith('Your signed waiver'));
    expect(copies).toHaveLength(1);
    const copy = copies[0];
    expect(copy?.body.text).toContain('Signed by:       Jane Q. Doe');
    expect(copy?.body.text).toContain('Sam Doe (born 2015-04-23)');
    expect(copy?.body.text).toContain(h.templates.waivers.current.sha256);
    expect(copy?.body.text).toContain('Release of Liability');

    // The same batch delivered again (a redelivered job) does nothing new.
    const last = h.effects.queued.at(-1);
    if (!last) throw new Error('no batch');
    expect(await h.effects.runner.run(last)).toEqual({
      ran: 0,
      skipped: 2,
      inProgress: 0,
      deferred: 0,
      failed: [],
    });
    expect((await mailTo(email)).filter((m) => m.subject.startsWith('Your signed waiver'))).toHaveLength(1);

    const view = (await (await getGuest(token)).json()) as GuestView;
    expect(view.guest).toMatchObject({ status: 'signed', signedName: 'Jane Q. Doe' });
    expect(view.guest.signedAtLabel).toBe('Monday, June 1, 2026 at 10:00 AM PDT');

    const again = await sign(token, { fullName: 'Someone Else', agree: true });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({
      error: 'already_signed',
      message: expect.stringMatching(/already signed/),
    });
    expect((await h.guests.getWaiver(sail.id, guest.id))?.signedName).toBe('Jane Q. Doe');
    // A refusal queues nothing.
    expect(h.effects.queued.length).toBe(batches + 1);
    await h.effects.run();
    expect(h.signed.length).toBe(before + 1);
  });

  it('queues for the workspace the token names', async () => {
    const { guest } = await invite(sail.id, 'Wanda Workspace');
    const { token } = await createGuestTokens({ secret: JWT_SECRET, now: () => h.clock.now }).sign({
      guestId: guest.id,
      sailId: sail.id,
      workspace: 'T0OTHER',
    });
    expect((await sign(token, { fullName: 'Wanda Workspace', agree: true })).status).toBe(201);
    expect(h.effects.queued.at(-1)?.team).toBe('T0OTHER');
    await h.effects.run();
  });

  it('a claimed code gives a token for the default workspace while codes name none', async () => {
    const { code } = await invite(sail.id, 'Tess Token');
    const token = await tokenFor(code);
    const verified = await createGuestTokens({ secret: JWT_SECRET, now: () => h.clock.now }).verify(token);
    expect(verified).toMatchObject({ ok: true, claims: { workspace: 'T0LOCAL' } });
  });

  it('a queue that fails after the signature is stored still answers 201: the signature stands', async () => {
    const { code, guest, email } = await invite(sail.id, 'Quinn Queue');
    const token = await tokenFor(code);
    const broken = createGuestApi({
      ...h.deps,
      enqueue: () => Promise.reject(new Error('EventBridge is down')),
    });
    const res = await broken.request(
      '/waiver',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ fullName: 'Quinn Queue', agree: true }),
      },
      fromLambda(newIp()),
    );
    expect(res.status).toBe(201);
    expect((await h.guests.getWaiver(sail.id, guest.id))?.signedName).toBe('Quinn Queue');
    expect((await mailTo(email)).filter((m) => m.subject.startsWith('Your signed waiver'))).toEqual([]);
  });

  it('only one of two concurrent submissions is stored', async () => {
    const { code, guest } = await invite();
    const token = await tokenFor(code);
    const results = await Promise.all([
      sign(token, { fullName: 'First', agree: true }),
      sign(token, { fullName: 'Second', agree: true }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const stored = await h.guests.getWaiver(sail.id, guest.id);
    const winner = results[0]?.status === 201 ? 'First' : 'Second';
    expect(stored?.signedName).toBe(winner);
  });

  it("a guest's token reads and signs only that guest", async () => {
    const a = await invite(sail.id, 'Alice A');
    const b = await invite(sail.id, 'Bob B');
    const tokenA = await tokenFor(a.code);
    const view = (await (await getGuest(tokenA)).json()) as GuestView;
    expect(view.guest.id).toBe(a.guest.id);
    expect((await sign(tokenA, { fullName: 'Alice A', agree: true })).status).toBe(201);
    expect((await h.guests.get(sail.id, b.guest.id))?.status).toBe('on_hold');
    expect(await h.guests.getWaiver(sail.id, b.guest.id)).toBeUndefined();

    // A token naming another sail (even validly signed) finds no such guest there.
    const crossed = await createGuestTokens({ secret: JWT_SECRET, now: () => h.clock.now }).sign({
      guestId: a.guest.id,
      sailId: held.id,
      workspace: TEST_TEAM,
    });
    expect((await getGuest(crossed.token)).status).toBe(404);
    expect((await sign(crossed.token, { fullName: 'Alice A', agree: true })).status).toBe(404);
  });

  it('a cancelled sail cannot be signed for', async () => {
    const { code, guest } = await invite(doomed.id);
    const token = await tokenFor(code);
    const cancelled = await h.sailStore.setStatus(doomed.id, 'cancelled');
    expect(cancelled.ok).toBe(true);
    const res = await sign(token, { fullName: 'Too Late', agree: true });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({
      error: 'sail_cancelled',
      message: expect.stringMatching(/cancelled/),
    });
    expect(await h.guests.getWaiver(doomed.id, guest.id)).toBeUndefined();
    const view = (await (await getGuest(token)).json()) as GuestView;
    expect(view.sail.status).toBe('cancelled');
  });

  it('refuses a waiver version that is not known', async () => {
    const { code } = await invite();
    const res = await sign(await tokenFor(code), { fullName: 'J', agree: true, version: '1999-01' });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: 'waiver_changed' });
  });
});

describe('POST /auth/resend, guesses', () => {
  it('an unknown code asked about is a wrong guess of that address, like a failed claim', async () => {
    const ip = newIp();
    for (let i = 0; i < 5; i++)
      expect((await post('/auth/resend', { code: 'ZZZZZZZZ' }, {}, ip)).status).toBe(404);
    expect(await h.rateLimit.peek(`guess:${ip}`, CLAIM_LIMIT)).toBe(5);
  });
});

describe('POST /auth/resend', () => {
  it('emails a fresh link to the address on file, never to a typed one', async () => {
    const { code, email } = await invite();
    await tokenFor(code);
    const typed = uniqueEmail('attacker');
    const res = await post('/auth/resend', { code, email: typed }, {}, newIp());
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ ok: true, message: expect.stringMatching(/…@example\.com/) });
    expect(await mailTo(typed)).toHaveLength(0);
    const mails = await mailTo(email);
    expect(mails).toHaveLength(2);
    const fresh = linkIn(mails[1]).code;
    expect(fresh).not.toBe(code);
    expect((await claim(fresh)).status).toBe(200);
  });

  it('a new link revokes the old one: the old code is 401 "superseded" (with a new link offered), the new one works', async () => {
    const { code, email } = await invite(sail.id, 'Two Links');
    expect((await post('/auth/resend', { code }, {}, newIp())).status).toBe(202);
    const fresh = linkIn((await mailTo(email))[1]).code;
    const old = await claim(code);
    expect(old.status).toBe(401);
    expect(await old.json()).toEqual({
      error: 'unauthorized',
      reason: 'superseded',
      canResend: true,
      message:
        'This link was replaced by a newer one we emailed you. Open the newest email, or ask for a new link below.',
    });
    expect((await claim(fresh)).status).toBe(200);
    // The superseded link was not spent by trying it: still superseded, not "used".
    expect(await (await claim(code)).json()).toMatchObject({ reason: 'superseded' });
  });

  it('re-inviting the same address ("the old one no longer works") revokes the first link', async () => {
    const { code, email, guest } = await invite(sail.id, 'Re Invited');
    const again = await h.invite({ sailId: sail.id, email, name: 'Re Invited' });
    expect(again.outcome).toMatchObject({ kind: 'already_invited', guest: { id: guest.id } });
    const mails = await mailTo(email);
    expect(mails).toHaveLength(2);
    expect(mails[1]?.body.text).toMatch(/Earlier links no longer work/);
    const fresh = linkIn(mails[1]).code;
    expect(await (await claim(code)).json()).toMatchObject({ reason: 'superseded', canResend: true });
    const token = await tokenFor(fresh);
    expect((await sign(token, { fullName: 'Re Invited', agree: true })).status).toBe(201);
    // Once signed, any old link answers "signed", superseded or used alike.
    expect(await (await claim(code)).json()).toMatchObject({ reason: 'signed', canResend: false });
    expect(await (await claim(fresh)).json()).toMatchObject({ reason: 'signed', canResend: false });
    expect((await h.guests.get(sail.id, guest.id))?.status).toBe('signed');
  });

  it('404 for an unknown code, 400 for a malformed one', async () => {
    expect((await post('/auth/resend', { code: 'ZZZZZZZZ' }, {}, newIp())).status).toBe(404);
    expect((await post('/auth/resend', { code: 'nope' }, {}, newIp())).status).toBe(400);
  });

  it('is capped per guest per day and rate limited per address', async () => {
    const { code, email } = await invite();
    const statuses: number[] = [];
    for (let i = 0; i < RESEND_GUEST_DAILY.limit + 1; i++) {
      statuses.push((await post('/auth/resend', { code }, {}, newIp())).status);
    }
    expect(statuses).toEqual([...Array(RESEND_GUEST_DAILY.limit).fill(202), 429]);
    expect(await mailTo(email)).toHaveLength(RESEND_GUEST_DAILY.limit + 1);
    // Still capped twelve hours on.
    const saved = h.clock.now;
    h.clock.now = new Date(saved.getTime() + 12 * 3600_000);
    try {
      expect((await post('/auth/resend', { code }, {}, newIp())).status).toBe(429);
    } finally {
      h.clock.now = saved;
    }

    const ip = newIp();
    const fromOne: number[] = [];
    for (let i = 0; i < 6; i++)
      fromOne.push((await post('/auth/resend', { code: 'ZZZZZZZZ' }, {}, ip)).status);
    expect(fromOne).toEqual([404, 404, 404, 404, 404, 429]);
  });

  it('a new link that SES refuses changes nothing: the page says so and the guest’s newest link still claims (200)', async () => {
    const { code, email } = await invite(sail.id, 'Ses Refused');
    const refusing = createGuestApi({
      ...h.deps,
      mailer: {
        send: () => Promise.reject(new DeliveryError('SES refused the message (Throttling).', true)),
      },
    });
    const res = await refusing.request(
      '/auth/resend',
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) },
      fromLambda(newIp()),
    );
    expect(res.status).toBe(502);
    expect(await res.json()).toMatchObject({
      error: 'delivery_failed',
      message: expect.stringMatching(/any link we sent you before still works/),
    });
    expect(await mailTo(email)).toHaveLength(1);
    expect((await claim(code)).status).toBe(200);
  });

  it('refused, with no email, for a guest who has signed (the page says they are done) and for a departed sail', async () => {
    const { code, email } = await invite(sail.id, 'Signed Resend');
    const token = await tokenFor(code);
    expect((await sign(token, { fullName: 'Signed Resend', agree: true })).status).toBe(201);
    await h.effects.run();
    const before = (await mailTo(email)).length;
    const res = await post('/auth/resend', { code }, {}, newIp());
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({
      error: 'already_signed',
      reason: 'signed',
      message: expect.stringMatching(/^You signed the waiver on .*; you are all set/),
    });
    expect(await mailTo(email)).toHaveLength(before);

    const soon = await h.createSail({ date: '2026-06-03' });
    const late = await invite(soon.id, 'Missed Boat');
    const saved = h.clock.now;
    h.clock.now = new Date(soon.departAt.getTime() + 60_000);
    try {
      const gone = await post('/auth/resend', { code: late.code }, {}, newIp());
      expect(gone.status).toBe(409);
      expect(await gone.json()).toMatchObject({ error: 'departed' });
    } finally {
      h.clock.now = saved;
    }
    expect(await mailTo(late.email)).toHaveLength(1);
  });
});
