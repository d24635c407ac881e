/**
 * The effect runner over the real idempotency records (DynamoDB Local): a batch that dies halfway
 * and is delivered again sends nothing twice; a failure for good is reported to the admins once.
 */
import { describe, expect, it, vi } from 'vitest';
import {
  createEffectRunner,
  type EffectFailure,
  type EffectHandler,
  type EffectHandlers,
} from '../../src/effects/runner';
import { type Effect, keyed } from '../../src/effects/types';
import { createOnce } from '../../src/idempotency';
import { freshTable } from '../support/aws';

function handlersWith(dm: EffectHandler<'dm'>): EffectHandlers {
  const unused = async () => {
    throw new Error('not in this test');
  };
  return {
    'card.post': unused,
    'card.refresh': unused,
    'checklist.post': unused,
    'checklist.refresh': unused,
    'cover.post': unused,
    'cover.refresh': unused,
    reply: unused,
    dm,
    'guest.invite': unused,
    'guest.status': unused,
    'guest.changed': unused,
    'guest.waiver_copy': unused,
    'home.publish': unused,
    'calendar.dm': unused,
    'waivers.send': unused,
    'manifest.refresh': unused,
    report: unused,
  };
}

const dms = (change: string, users: string[]): Effect[] =>
  keyed(
    change,
    users.map((userId) => ({
      type: 'dm' as const,
      userId,
      note: { kind: 'text' as const, text: `hi ${userId}` },
    })),
  );

describe('effects run once (DynamoDB Local)', () => {
  it('a batch that dies halfway and is delivered again sends no DM twice', async () => {
    const { doc, table } = await freshTable();
    const { once, setLease } = createOnce({ client: doc, table });
    // The dying delivery's lease: what was left of its (short) invocation.
    setLease({ getRemainingTimeInMillis: () => 300 });
    const sent: string[] = [];
    let firstDelivery = true;
    const runner = createEffectRunner({
      once,
      reportFailure: async () => {},
      handlers: () =>
        handlersWith(async (e) => {
          if (e.userId === 'UB' && firstDelivery) {
            // The Lambda is killed while B's DM is on its way: it never finishes.
            await new Promise<never>(() => {});
          }
          sent.push(e.userId);
        }),
    });
    const batch = { team: 'T1', effects: dms('change-1', ['UA', 'UB', 'UC']) };
    void runner.run(batch);
    await vi.waitFor(() => expect(sent.sort()).toEqual(['UA', 'UC']));
    // Redelivered after the dead run's lease ran out: only B's DM is sent now.
    await new Promise((r) => setTimeout(r, 400));
    firstDelivery = false;
    setLease({ getRemainingTimeInMillis: () => 30_000 });
    const summary = await runner.run(batch);
    expect(summary).toMatchObject({ ran: 1, skipped: 2, inProgress: 0, failed: [] });
    expect(sent.sort()).toEqual(['UA', 'UB', 'UC']);
    // And a third delivery does nothing at all.
    expect(await runner.run(batch)).toMatchObject({ ran: 0, skipped: 3 });
    expect(sent).toHaveLength(3);
  });

  it('retries a temporary failure with backoff; a failure for good is reported to the admins once', async () => {
    const { doc, table } = await freshTable();
    const { once } = createOnce({ client: doc, table });
    let tries = 0;
    const reported: EffectFailure[] = [];
    const runner = createEffectRunner({
      once,
      retry: { attempts: 3, baseMs: 1 },
      reportFailure: async (f) => {
        reported.push(f);
      },
      handlers: () =>
        handlersWith(async (e) => {
          tries++;
          if (e.userId === 'UFLAKY' && tries < 2) throw new Error('socket hang up');
          if (e.userId === 'UGONE') {
            throw Object.assign(new Error('channel_not_found'), {
              code: 'slack_webapi_platform_error',
              data: { error: 'channel_not_found' },
            });
          }
        }),
    });
    const flaky = await runner.run({ team: 'T1', effects: dms('c2', ['UFLAKY']) });
    expect(flaky).toMatchObject({ ran: 1, failed: [] });
    const batch = { team: 'T1', effects: dms('c3', ['UGONE']) };
    const gone = await runner.run(batch);
    expect(gone.failed.map((f) => f.error)).toEqual(['channel_not_found']);
    expect(reported).toHaveLength(1);
    expect(reported[0]?.effect.key).toBe(batch.effects[0]?.key);
    // A permanent failure is not retried, and a redelivery does not report it again.
    const triesBefore = tries;
    await runner.run(batch);
    expect(tries - triesBefore).toBe(1);
    expect(reported).toHaveLength(1);
  });
});
