import { beforeAll, describe, expect, it } from 'vitest';
import { abandonedClaims, STALE_CLAIM_MS, sentKeys } from '../../src/nudges/records';
import { createNudgeStore, type NudgeRef, type NudgeStore } from '../../src/store/nudges';
import { freshTable, WORKSPACE } from '../support/aws';

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
  store = createNudgeStore({ workspace: WORKSPACE, doc, table, now: () => clock });
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
    expect(sentKeys(await store.recorded(r.sailId))).toEqual(new Set(['roles#24h#channel']));
    // Marking sent again with the same token (a retry after a lost response) still succeeds.
    clock = new Date(T0.getTime() + 1000);
    expect(await store.markSent(r, winner.token)).toBe(true);
    expect((await store.recorded(r.sailId))[0]?.sentAt).toBe(T0.toISOString());
    // A release with the token does not undo a sent record.
    await store.release(r, winner.token);
    expect((await store.recorded(r.sailId))[0]?.status).toBe('sent');
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

  it('a claim left sending is never taken again, however old; it is reported once stale and can still be finished', async () => {
    clock = T0;
    const r = ref();
    const dead = await store.claim(r);
    if (!dead.ok) throw new Error('claim failed');
    clock = new Date(T0.getTime() + STALE_CLAIM_MS - 1000);
    expect((await store.claim(r)).ok).toBe(false);
    expect(sentKeys(await store.recorded(r.sailId)).size).toBe(1);
    expect(abandonedClaims(await store.recorded(r.sailId), clock)).toEqual([]);
    clock = new Date(T0.getTime() + STALE_CLAIM_MS + 1000);
    expect((await store.claim(r)).ok).toBe(false);
    expect(sentKeys(await store.recorded(r.sailId)).size).toBe(1);
    expect(abandonedClaims(await store.recorded(r.sailId), clock).map((x) => x.key)).toEqual([
      'roles#24h#channel',
    ]);
    clock = new Date(T0.getTime() + 100 * STALE_CLAIM_MS);
    expect((await store.claim(r)).ok).toBe(false);
    expect(await store.markSent(r, 'not-the-token')).toBe(false);
    expect(await store.markSent(r, dead.token)).toBe(true);
    expect(abandonedClaims(await store.recorded(r.sailId), clock)).toEqual([]);
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
