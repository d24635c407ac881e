import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../../src/store/keys';
import { createRateLimiter } from '../../src/store/rate-limit';
import { freshTable } from '../support/aws';

let env: Awaited<ReturnType<typeof freshTable>>;
beforeAll(async () => {
  env = await freshTable();
});

const rule = { limit: 3, windowSeconds: 600 };

function limiterAt(start: string) {
  const clock = { now: new Date(start) };
  return { clock, rl: createRateLimiter({ doc: env.doc, table: env.table, now: () => clock.now }) };
}

describe('rate limiter', () => {
  it('counts atomically: of 5 parallel hits on a fresh bucket, exactly 3 are allowed', async () => {
    const { rl } = limiterAt('2026-06-01T12:03:00Z');
    const hits = await Promise.all(Array.from({ length: 5 }, () => rl.hit('claim:203.0.113.7', rule)));
    expect(hits.map((h) => h.count).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(hits.filter((h) => h.allowed)).toHaveLength(3);
    expect(hits.every((h) => h.window === '2026-06-01T12:00:00.000Z')).toBe(true);
    expect(await rl.peek('claim:203.0.113.7', rule)).toBe(5);
    expect(await rl.peek('claim:198.51.100.1', rule)).toBe(0);

    const item = await env.doc.send(
      new GetCommand({
        TableName: env.table,
        Key: keys.rateLimit('claim:203.0.113.7', '2026-06-01T12:00:00.000Z'),
      }),
    );
    // Kept while it can still be the previous window (until 12:20), plus a window of slack.
    expect(item.Item?.expiresAt).toBe(Date.parse('2026-06-01T12:30:00Z') / 1000);
  });

  it('slides: hits just before a boundary still count just after it, fading as the window moves', async () => {
    const { clock, rl } = limiterAt('2026-06-01T14:08:00Z');
    for (let i = 0; i < 3; i++) expect((await rl.hit('slide', rule)).allowed).toBe(true);

    // 14:11, a new fixed window: a fixed-window limiter would allow 3 more here. The sliding estimate
    // is 1 + 3 × 0.9 = 3.7.
    clock.now = new Date('2026-06-01T14:11:00Z');
    const early = await rl.hit('slide', rule);
    expect(early.allowed).toBe(false);
    expect(early.count).toBeCloseTo(3.7);
    expect(early.window).toBe('2026-06-01T14:10:00.000Z');
    // One more hit fits once 2 + 3 × (1 − x) ≤ 3, i.e. at 14:16:40: 340 s away.
    expect(early.retryAfterSeconds).toBe(340);

    clock.now = new Date('2026-06-01T14:16:39Z');
    const tooSoon = await rl.hit('slide', rule);
    expect(tooSoon.allowed).toBe(false);

    // The two refused hits in this window count too, plus 3 × 0.1 from the last one.
    clock.now = new Date('2026-06-01T14:19:00Z');
    expect(await rl.peek('slide', rule)).toBeCloseTo(2.3);
    expect((await rl.hit('slide', rule)).allowed).toBe(false);
  });

  it('is exact at the limit: the estimate equal to the limit is allowed', async () => {
    const { clock, rl } = limiterAt('2026-06-01T15:05:00Z');
    for (let i = 0; i < 3; i++) await rl.hit('edge', rule);
    // 15:16:40: 1 + 3 × (1 − 400/600) = 2 — allowed; a second hit makes 3 — still allowed; a third, 4.
    clock.now = new Date('2026-06-01T15:16:40Z');
    expect((await rl.hit('edge', rule)).allowed).toBe(true);
    expect((await rl.hit('edge', rule)).allowed).toBe(true);
    expect((await rl.hit('edge', rule)).allowed).toBe(false);
  });

  it('forgets a window two windows later', async () => {
    const { clock, rl } = limiterAt('2026-06-01T16:09:59Z');
    for (let i = 0; i < 5; i++) await rl.hit('old', rule);
    clock.now = new Date('2026-06-01T16:20:00Z');
    const hit = await rl.hit('old', rule);
    expect(hit).toMatchObject({ count: 1, allowed: true });
  });

  it('undo takes a hit back from the window it was counted in, not from the next one', async () => {
    const { clock, rl } = limiterAt('2026-06-01T13:09:59Z');
    const first = await rl.hit('b', rule);
    const second = await rl.hit('b', rule);
    expect(second.window).toBe('2026-06-01T13:00:00.000Z');

    // The boundary passes between the hit and its undo (a slow claim); a hit lands in the new window.
    clock.now = new Date('2026-06-01T13:10:01Z');
    const next = await rl.hit('b', rule);
    await rl.undo('b', second.window);
    const current = await env.doc.send(
      new GetCommand({ TableName: env.table, Key: keys.rateLimit('b', next.window) }),
    );
    const previous = await env.doc.send(
      new GetCommand({ TableName: env.table, Key: keys.rateLimit('b', first.window) }),
    );
    expect(current.Item?.count).toBe(1);
    expect(previous.Item?.count).toBe(1);
  });

  it('undo never takes a count below zero nor creates a window', async () => {
    const { rl } = limiterAt('2026-06-01T17:00:00Z');
    const hit = await rl.hit('z', rule);
    await rl.undo('z', hit.window);
    await rl.undo('z', hit.window);
    await rl.undo('never', hit.window);
    expect(await rl.peek('z', rule)).toBe(0);
    const missing = await env.doc.send(
      new GetCommand({ TableName: env.table, Key: keys.rateLimit('never', hit.window) }),
    );
    expect(missing.Item).toBeUndefined();
    expect((await rl.hit('z', rule)).count).toBe(1);
  });
});
