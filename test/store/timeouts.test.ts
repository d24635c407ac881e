/**
 * Bounded waits: a DynamoDB that accepts connections but never answers (its own DynamoDB Local,
 * paused with SIGSTOP) makes store calls fail as `unavailable` and `/readyz` answer 503, each well
 * within Slack's deadline; once it resumes, both work again.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, UNAVAILABLE_MESSAGE } from '../../src/errors';
import { createHttpApp } from '../../src/http';
import { type LocalService, startDynamoLocal } from '../../src/local/services';
import type { FetchReceiver } from '../../src/slack/receiver';
import { createDocumentClient, type DynamoOptions, requestLimits } from '../../src/store/client';
import { createReadyProbe } from '../../src/store/ready';
import { createSailStore, type SailStore } from '../../src/store/sails';
import { ensureTable } from '../../src/store/table';
import { WORKSPACE } from '../support/aws';
import { JADA_PLACE, seedFleet } from '../support/fleet';

const TABLE = 'bosun-timeouts';
/** The bound the design promises: a hung call is answered well within Slack's 3 s. */
const BOUND_MS = 2_500;
const clock = new Date('2026-06-01T12:00:00Z');

let dynamo: LocalService | undefined;
let doc: DynamoDBDocumentClient;
let sails: SailStore;
let http: ReturnType<typeof createHttpApp>;

/** Resumes and kills the paused JVM however the run ends, so it never outlives the test. */
function resume(): void {
  if (!dynamo) return;
  try {
    process.kill(dynamo.pid, 'SIGCONT');
  } catch {
    // Already gone.
  }
}
function killOnExit(): void {
  resume();
  if (dynamo) {
    try {
      process.kill(dynamo.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

// Only `/readyz` is exercised; Slack requests never reach this receiver.
const noSlack: FetchReceiver = {
  init: () => undefined,
  start: async () => undefined,
  stop: async () => undefined,
  handle: async () => ({ status: 404, headers: {}, body: '' }),
};

beforeAll(async () => {
  dynamo = await startDynamoLocal();
  process.once('exit', killOnExit);
  // The bounds used on AWS, not the looser ones a local endpoint gets by default.
  const opts: DynamoOptions = { region: 'us-west-2', endpoint: dynamo.endpoint, limits: requestLimits };
  await ensureTable(opts, TABLE);
  doc = createDocumentClient(opts);
  sails = createSailStore({ workspace: WORKSPACE, doc, table: TABLE, now: () => clock });
  http = createHttpApp({ slack: noSlack, ready: createReadyProbe({ doc, table: TABLE }) });
});

afterAll(async () => {
  resume();
  await dynamo?.stop();
  process.off('exit', killOnExit);
});

async function timed<T>(p: Promise<T>): Promise<{ ms: number; result: PromiseSettledResult<T> }> {
  const t0 = performance.now();
  const [result] = await Promise.allSettled([p]);
  if (!result) throw new Error('allSettled returned nothing');
  return { ms: performance.now() - t0, result };
}

describe('a hung DynamoDB', () => {
  it('fails store calls as unavailable and /readyz as 503 within 2.5 s, and both recover', async () => {
    const created = await sails.create(
      {
        date: '2026-07-04',
        start: 'sunset',
        durationMinutes: 120,
        crewCount: 1,
        guestCapacity: 6,
        vesselId: 'jada',
        title: 'Timeout test',
      },
      'UADMIN',
      JADA_PLACE,
    );
    if (!created.ok) throw new Error(created.error);
    const id = created.sail.id;
    const ready = await http.request('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ok: true });

    process.kill(dynamo?.pid ?? 0, 'SIGSTOP');
    try {
      // A Query (the read path).
      const read = await timed(sails.get(id));
      expect(read.result.status).toBe('rejected');
      if (read.result.status === 'rejected') {
        expect(read.result.reason).toMatchObject({
          code: errorCodes.unavailable,
          message: UNAVAILABLE_MESSAGE,
        });
      }
      expect(read.ms).toBeLessThan(BOUND_MS);

      // A transaction (the write path, through transactWrite's own error mapping).
      const claim = await timed(sails.claim(id, 'captain', 'UCREW', { sail: created.sail }));
      expect(claim.result.status).toBe('rejected');
      if (claim.result.status === 'rejected') {
        expect(claim.result.reason).toMatchObject({
          code: errorCodes.unavailable,
          message: UNAVAILABLE_MESSAGE,
        });
      }
      expect(claim.ms).toBeLessThan(BOUND_MS);

      const t0 = performance.now();
      const notReady = await http.request('/readyz');
      expect(performance.now() - t0).toBeLessThan(BOUND_MS);
      expect(notReady.status).toBe(503);
      expect(await notReady.json()).toEqual({ error: 'unavailable', message: UNAVAILABLE_MESSAGE });
    } finally {
      resume();
    }

    const again = await http.request('/readyz');
    expect(again.status).toBe(200);
    expect((await sails.get(id))?.sail.id).toBe(id);
    // The timed-out claim was sent, only its answer was lost: the resumed table may still apply it.
    // Claims are conditional, so trying again (what the message asks) ends in one consistent state.
    const retried = await sails.claim(id, 'captain', 'UCREW', { sail: created.sail });
    expect(retried).toMatchObject(
      retried.ok ? { holder: 'UCREW' } : { reason: 'already_member', slotId: 'captain' },
    );
    const record = await sails.get(id);
    expect(record?.slots.find((s) => s.slotId === 'captain')?.holder).toBe('UCREW');
    expect(record?.members.map((m) => `${m.userId}:${m.slotId}`)).toEqual(['UCREW:captain']);
  });
});

describe('a hung DynamoDB, through Slack', () => {
  it('a command gets "nothing was changed" within 2.5 s, nothing is written, and the next one works', async () => {
    const { createBosun } = await import('../../src/app');
    const { loadConfig } = await import('../../src/config');
    const { sendCommand } = await import('../../src/local/slack-client');
    const { startSlackSink } = await import('../../src/local/slack-sink');
    const sink = await startSlackSink();
    const secret = 'timeouts-signing-secret-0123456789';
    const config = loadConfig({
      SLACK_SIGNING_SECRET: secret,
      SLACK_BOT_TOKEN: 'xoxb-timeouts',
      SLACK_API_URL: sink.apiUrl,
      BOSUN_ADMINS: 'UADMIN0001',
      BOSUN_CHANNEL: 'CSAILS0001',
      BOSUN_TABLE: TABLE,
      JWT_SECRET: 'timeouts-jwt-secret-that-is-at-least-32-bytes',
    });
    const bosun = await createBosun(config, { doc, now: () => clock });
    // The sails below are planned on JADA, which the fleet must hold.
    await seedFleet(bosun.stores.fleet);
    const target = {
      fetch: (url: string, init: RequestInit) => bosun.http.request(url, init),
      appUrl: 'http://bosun.test',
      signingSecret: secret,
      sinkUrl: sink.url,
    };
    const admin = { userId: 'UADMIN0001', channelId: 'CSAILS0001' };
    const text = (a: { body: unknown }) => String((a.body as { text?: string } | undefined)?.text ?? '');
    const before = await sails.upcoming({ from: clock, days: 60 });
    try {
      process.kill(dynamo?.pid ?? 0, 'SIGSTOP');
      try {
        for (const line of ['/crew mine', '/sail create 2026-07-11 sunset Hung table']) {
          const t0 = performance.now();
          const answer = await sendCommand(target, line, admin);
          expect(performance.now() - t0).toBeLessThan(BOUND_MS);
          expect(answer.status).toBe(200);
          expect(text(answer)).toBe(UNAVAILABLE_MESSAGE);
        }
      } finally {
        resume();
      }
      // Nothing was written, and the next request works.
      expect(await sails.upcoming({ from: clock, days: 60 })).toHaveLength(before.length);
      const after = await sendCommand(target, '/sail create 2026-07-11 sunset After the pause', admin);
      expect(text(after)).toMatch(/^Created \*After the pause\*/);
      await bosun.drainJobs();
      expect(sink.calls().some((c) => c.method === 'chat.postMessage')).toBe(true);
    } finally {
      await sink.stop();
    }
  }, 30_000);
});
