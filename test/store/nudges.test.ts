import { beforeAll, describe, expect, it } from 'vitest';
import { STALE_CLAIM_MS, sentKeys } from '../../src/nudges/records';
import { createNudgeStore, type NudgeRef, type NudgeStore } from '../../src/store/nudges';
import { freshTable } from '../support/aws';

const T0 = new Date('2026-07-01T19:00:00.000Z');
let clock = T0;
let store: NudgeStore;
let n = 0;
const ref = (over: Partial<NudgeRef> = {}): NudgeRef => ({
  sailId: `S-TEST${String(++n).padStart(2, '0')}`,
  kind: 'roles',
  window: '24h',
  target: 'channel',
  departAt: new Date(T0.getTime() + 20 * 3_600_000),
  ...over,
});

beforeAll(async () => {
  const { doc, table } = await freshTable();
  store = createNudgeStore({ doc, table, now: () => clock });
});

describe('nudge store', () => {
  it('lets one claim win; the record reads back as sending, then sent', async () => {
    clock = T0;
    const r = ref();
    const [a, b] = await Promise.all([store.claim(r), store.claim(r)]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    const winner = a.ok ? a : b;
    if (!winner.ok) throw new Error('no winner');
    expect((await store.recorded(r.sailId)).map((x) => [x.key, x.status])).toEqual([
      ['roles#24h#channel', 'sending'],
    ]);
    expect(await store.markSent(r, winner.token)).toBe(true);
    const [rec] = await store.recorded(r.sailId);
    expect(rec?.status).toBe('sent');
    expect(sentKeys(await store.recorded(r.sailId), new Date(T0.getTime() + 10 * STALE_CLAIM_MS))).toEqual(
      new Set(['roles#24h#channel']),
    );
    // Sent is final, however old.
    clock = new Date(T0.getTime() + 2 * STALE_CLAIM_MS);
    expect((await store.claim(r)).ok).toBe(false);
  });

  it('release after a failed send lets the next claim through', async () => {
    clock = T0;
    const r = ref();
    const first = await store.claim(r);
    if (!first.ok) throw new Error('claim failed');
    await store.release(r, first.token);
    expect(await store.recorded(r.sailId)).toEqual([]);
    expect((await store.claim(r)).ok).toBe(true);
  });

  it('a claim left sending by a dead run goes stale and can be taken again; the old token then does nothing', async () => {
    clock = T0;
    const r = ref();
    const dead = await store.claim(r);
    if (!dead.ok) throw new Error('claim failed');
    clock = new Date(T0.getTime() + STALE_CLAIM_MS - 1000);
    expect((await store.claim(r)).ok).toBe(false);
    expect(sentKeys(await store.recorded(r.sailId), clock).size).toBe(1);
    clock = new Date(T0.getTime() + STALE_CLAIM_MS + 1000);
    expect(sentKeys(await store.recorded(r.sailId), clock).size).toBe(0);
    const fresh = await store.claim(r);
    expect(fresh.ok).toBe(true);
    expect(await store.markSent(r, dead.token)).toBe(false);
    await store.release(r, dead.token);
    expect((await store.recorded(r.sailId))[0]?.status).toBe('sending');
  });

  it('keeps per-target nudges apart', async () => {
    clock = T0;
    const sailId = 'S-TARGET';
    expect((await store.claim(ref({ sailId, kind: 'crew-call', window: '3h', target: 'U1' }))).ok).toBe(true);
    expect((await store.claim(ref({ sailId, kind: 'crew-call', window: '3h', target: 'U2' }))).ok).toBe(true);
    expect((await store.recorded(sailId)).map((r) => r.key).sort()).toEqual([
      'crew-call#3h#U1',
      'crew-call#3h#U2',
    ]);
  });

  it('collects a vessel crew log without duplicates', async () => {
    expect(await store.regulars('jada-test')).toEqual([]);
    await store.recordCrew('jada-test', ['U2', 'U1']);
    await store.recordCrew('jada-test', ['U1', 'U3']);
    await store.recordCrew('jada-test', []);
    expect(await store.regulars('jada-test')).toEqual(['U1', 'U2', 'U3']);
  });
});
