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

describe('rate limiter', () => {
  it('counts atomically per window and resets in the next window', async () => {
    let now = new Date('2026-06-01T12:03:00Z');
    const rl = createRateLimiter({ doc: env.doc, table: env.table, now: () => now });
    const hits = await Promise.all(Array.from({ length: 5 }, () => rl.hit('claim:203.0.113.7', rule)));
    expect(hits.map((h) => h.count).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(hits.filter((h) => h.allowed)).toHaveLength(3);
    expect(hits[0]?.retryAfterSeconds).toBe(420);
    expect(await rl.peek('claim:203.0.113.7', rule)).toBe(5);
    expect(await rl.peek('claim:198.51.100.1', rule)).toBe(0);

    const item = await env.doc.send(
      new GetCommand({
        TableName: env.table,
        Key: keys.rateLimit('claim:203.0.113.7', '2026-06-01T12:00:00.000Z'),
      }),
    );
    expect(item.Item?.expiresAt).toBe(Date.parse('2026-06-01T12:20:00Z') / 1000);

    now = new Date('2026-06-01T12:10:00Z');
    expect((await rl.hit('claim:203.0.113.7', rule)).count).toBe(1);
  });

  it('undo takes a hit back', async () => {
    const now = new Date('2026-06-01T13:00:00Z');
    const rl = createRateLimiter({ doc: env.doc, table: env.table, now: () => now });
    await rl.hit('b', rule);
    await rl.hit('b', rule);
    await rl.undo('b', rule);
    expect(await rl.peek('b', rule)).toBe(1);
  });
});
