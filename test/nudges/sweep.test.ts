import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { dueNudges } from '../../src/nudges/due';
import { createSweep, runSweep, type SweepDeps } from '../../src/nudges/sweep';
import { slackNudgeMessages } from '../../src/slack/blocks/nudges';
import type { MessageBody } from '../../src/slack/blocks/types';
import { countRequests } from '../../src/store/client';
import { keys, ttlSeconds } from '../../src/store/keys';
import { NUDGE_RETENTION_MS } from '../../src/store/nudges';
import { freshTable, WORKSPACE } from '../support/aws';
import { type Delivery, NOW, recordingSenders, type Seeded, seed } from './fixture';

const H = 3_600_000;

function deps(s: Seeded, send: SweepDeps<MessageBody>['send'], now = NOW): SweepDeps<MessageBody> {
  return {
    now,
    messages: slackNudgeMessages,
    sails: s.sails,
    guests: s.guests,
    fleet: s.fleet,
    nudgeStore: s.nudges,
    send,
  };
}

const keyOf = (d: Delivery) => `${d.sailId}|${d.via}|${d.to}${d.window ? `|${d.window}` : ''}`;

/** What should go out at `now`, computed from the stores through the pure rules. */
async function expectedAt(s: Seeded, now: Date): Promise<string[]> {
  const regulars = (await s.fleet.get('jada'))?.regulars ?? [];
  const out: string[] = [];
  for (const listed of s.upcoming) {
    const record = await s.sails.get(listed.id);
    if (!record) continue;
    const guests = await s.guests.list(listed.id);
    for (const n of dueNudges({
      sail: record.sail,
      slots: record.slots,
      guests,
      regulars,
      sent: new Set(),
      now,
    })) {
      const via = n.kind === 'waiver' ? 'email' : n.target === 'channel' ? 'thread' : 'dm';
      out.push(`${n.sailId}|${via}|${n.target}${n.kind === 'waiver' ? `|${n.window}` : ''}`);
    }
  }
  return out.sort();
}

describe('runSweep against DynamoDB Local: 2,000 past sails, 20 upcoming', () => {
  let s: Seeded;
  let doc: DynamoDBDocumentClient;
  let table: string;
  beforeAll(async () => {
    ({ doc, table } = await freshTable());
    s = await seed(doc, table, 2_000);
  }, 120_000);

  it('sends the right nudges, each once, when two sweeps run at the same time', async () => {
    const expected = await expectedAt(s, NOW);
    const { send, deliveries } = recordingSenders();
    const [a, b] = await Promise.all([runSweep(deps(s, send)), runSweep(deps(s, send))]);

    const delivered = deliveries.map(keyOf).sort();
    expect(delivered).toEqual(expected);
    expect(new Set(delivered).size).toBe(delivered.length);
    expect(a.sails).toBe(20 - s.cancelled.length);
    const sentTotal =
      Object.values(a.sent).reduce((x, y) => x + y, 0) + Object.values(b.sent).reduce((x, y) => x + y, 0);
    expect(sentTotal).toBe(expected.length);
    expect(a.failed).toEqual([]);
    // The two sweeps really raced: some claims were lost to the other one.
    expect(a.taken + b.taken).toBeGreaterThan(0);

    // The fixture covers every kind, and the rules' edges show up in what was sent.
    expect(new Set(deliveries.map((d) => d.via))).toEqual(new Set(['thread', 'dm', 'email']));
    const threads = new Set(deliveries.filter((d) => d.via === 'thread').map((d) => d.sailId));
    for (const id of [...s.held, ...s.cancelled, ...s.full]) expect(threads.has(id), id).toBe(false);
    expect(deliveries.some((d) => s.cancelled.includes(d.sailId))).toBe(false);
    // Regulars not aboard are DM'd about open roles; UCREW00001 is aboard the full sails only.
    expect(deliveries.some((d) => d.via === 'dm' && d.to === 'UREGULAR01')).toBe(true);
    // Sails created 2 h ago get nothing whose window opened before that.
    for (const d of deliveries.filter((x) => s.late.includes(x.sailId))) {
      expect(d.window ?? '24h').not.toBe('48h');
    }
    // User text is escaped in Block Kit.
    const thread = deliveries.find((d) => d.via === 'thread');
    expect(JSON.stringify(thread?.message?.blocks)).toContain('Upcoming &lt;');
  });

  it('sends nothing the second time round', async () => {
    const { send, deliveries } = recordingSenders();
    const sweep = createSweep({
      messages: slackNudgeMessages,
      sails: s.sails,
      guests: s.guests,
      fleet: s.fleet,
      nudgeStore: s.nudges,
      send,
    });
    const again = await sweep(NOW);
    expect(deliveries).toEqual([]);
    expect(again.taken).toBe(0);
  });

  it('retries a failed send at the next sweep: not lost, not doubled', async () => {
    const later = new Date(NOW.getTime() + 26 * H);
    const expected = await expectedAt(s, later);
    const alreadySent = new Set<string>();
    for (const listed of s.upcoming) {
      for (const r of await s.nudges.recorded(listed.id)) alreadySent.add(`${listed.id}|${r.key}`);
    }
    expect(expected.length).toBeGreaterThan(0);

    let victim: string | undefined;
    const failing = recordingSenders((d) => {
      victim ??= keyOf(d);
      return keyOf(d) === victim;
    });
    const first = await runSweep(deps(s, failing.send, later));
    expect(first.failed).toHaveLength(1);
    expect(first.failed[0]?.message).toContain('Slack said no');
    expect(first.failed[0]?.resend).toBe('next-sweep');
    expect(failing.deliveries.map(keyOf)).not.toContain(victim);

    const retry = recordingSenders();
    await runSweep(deps(s, retry.send, later));
    expect(retry.deliveries.map(keyOf)).toEqual([victim]);
    const third = recordingSenders();
    await runSweep(deps(s, third.send, later));
    expect(third.deliveries).toEqual([]);
  });

  it('marks records sent with a TTL tied to the departure', async () => {
    const sail = s.upcoming.find(
      (x) => !s.cancelled.includes(x.id) && !s.held.includes(x.id) && !s.full.includes(x.id),
    );
    if (!sail) throw new Error('fixture has no open sail');
    const records = await s.nudges.recorded(sail.id);
    expect(records.length).toBeGreaterThan(0);
    expect(records.every((r) => r.status === 'sent')).toBe(true);
    const roles = records.find((r) => r.key.startsWith('roles#') && r.key.endsWith('#channel'));
    expect(roles).toBeDefined();
    const [kind, window, target] = (roles?.key ?? '').split('#');
    const item = await doc.send(
      new GetCommand({
        TableName: table,
        Key: keys.nudge(WORKSPACE, sail.id, kind ?? '', window ?? '', target),
      }),
    );
    expect(item.Item?.status).toBe('sent');
    expect(item.Item?.sentAt).toBe(NOW.toISOString());
    expect(item.Item?.expiresAt).toBe(ttlSeconds(new Date(sail.departAt.getTime() + NUDGE_RETENTION_MS)));
  });
});

describe('DynamoDB requests do not grow with past sails', () => {
  async function sweepRequests(past: number): Promise<Map<string, number>> {
    const { doc, table } = await freshTable();
    const s = await seed(doc, table, past);
    const tally = countRequests(doc);
    await runSweep(deps(s, recordingSenders().send));
    return tally;
  }

  it('200 vs 2,000 past sails: the same requests, command by command', async () => {
    const small = await sweepRequests(200);
    const large = await sweepRequests(2_000);
    expect(Object.fromEntries(large)).toEqual(Object.fromEntries(small));
    expect(large.get('ScanCommand')).toBeUndefined();
    // One by-departure query, then per upcoming sail a handful of reads: far below 200.
    const total = [...large.values()].reduce((a, b) => a + b, 0);
    expect(total).toBeLessThan(200);
  }, 120_000);
});
