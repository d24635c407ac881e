/**
 * Guessing cannot lock guests out, over real sockets: the guest API served by `@hono/node-server` on
 * loopback, each client bound to its own 127.0.0.x address (`localAddress`), so the rate limits see
 * the addresses a real server would. Hundreds of wrong guesses from many addresses, then a guest
 * with a valid link from another address gets in at once, while the one noisy address is limited.
 */
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLAIM_LIMIT, SITE_GUESS_BUCKET, SITE_GUESS_SIGNAL } from '../../src/http/guest-api';
import { guestApiHarness, linkIn, mailTo, uniqueEmail } from '../guests/fixtures';

let h: Awaited<ReturnType<typeof guestApiHarness>>;
let server: ReturnType<typeof serve>;
let port: number;

beforeAll(async () => {
  h = await guestApiHarness({ socketAddress: (c) => getConnInfo(c).remote.address });
  const app = new Hono();
  app.route('/api', h.api);
  port = await new Promise<number>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
      resolve(info.port),
    );
  });
});

afterAll(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

/** `POST /api/auth/claim` from the loopback address `from` (the socket's own source address). */
function claimFrom(from: string, code: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const body = JSON.stringify({ code });
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/auth/claim',
        method: 'POST',
        localAddress: from,
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: JSON.parse(Buffer.concat(chunks).toString() || '{}'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Runs `tasks` with at most `n` in flight. */
async function pool<T>(tasks: (() => Promise<T>)[], n: number): Promise<T[]> {
  const out: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      for (let i = next++; i < tasks.length; i = next++) out[i] = await (tasks[i] as () => Promise<T>)();
    }),
  );
  return out;
}

describe('guessing over real sockets', () => {
  it('hundreds of wrong guesses from many addresses lock nobody out; the noisy address is limited', async () => {
    const sail = await h.createSail({ guestCapacity: 10 });
    const email = uniqueEmail('locked');
    const invited = await h.invite({ sailId: sail.id, email, name: 'Not Locked' });
    expect(invited.outcome.kind).toBe('invited');
    const code = linkIn((await mailTo(email)).at(-1)).code;

    // 40 addresses × 10 wrong guesses each: 400 in all, each address within its usual allowance.
    const addresses = Array.from({ length: 40 }, (_, i) => `127.0.0.${10 + i}`);
    const guesses = addresses.flatMap((a, i) =>
      Array.from(
        { length: CLAIM_LIMIT.limit },
        (_, j) => () => claimFrom(a, `ZZZZ${'23456789'[i % 8]}${'ABCDEFGH'[j % 8]}ZZ`),
      ),
    );
    const results = await pool(guesses, 16);
    // Past the site-wide signal each address's allowance tightens (3 per 10 minutes), so the later
    // addresses' extra guesses were refused: only 401 (wrong) and 429 (slow down), nothing else.
    const wrong = results.filter((r) => r.status === 401).length;
    expect(wrong).toBeGreaterThan(SITE_GUESS_SIGNAL.limit);
    expect(wrong + results.filter((r) => r.status === 429).length).toBe(400);
    expect(await h.rateLimit.peek(SITE_GUESS_BUCKET, SITE_GUESS_SIGNAL)).toBe(wrong);
    // The socket's address is what was counted.
    expect(await h.rateLimit.peek('guess:127.0.0.10', CLAIM_LIMIT)).toBe(CLAIM_LIMIT.limit);

    // One noisy address keeps going: it is refused, and its refused tries do not count again.
    const noisy = await pool(
      Array.from({ length: 8 }, () => () => claimFrom('127.0.0.10', 'ZZZZZZZZ')),
      4,
    );
    expect(noisy.map((r) => r.status)).toEqual(Array(8).fill(429));
    expect(noisy[0]?.body).toMatchObject({ error: 'rate_limited' });
    expect(await h.rateLimit.peek('guess:127.0.0.10', CLAIM_LIMIT)).toBe(CLAIM_LIMIT.limit);

    // A guest with a valid link, from another address: in at once.
    const guest = await claimFrom('127.0.0.250', code);
    expect(guest.status).toBe(200);
    expect(guest.body).toMatchObject({ token: expect.any(String) });
  }, 90_000);
});
