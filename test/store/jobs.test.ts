import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { createJobStore, JOB_STALE_CLAIM_MS } from '../../src/store/jobs';
import { keys } from '../../src/store/keys';
import { freshTable, WORKSPACE } from '../support/aws';

const T0 = new Date('2026-11-20T10:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

describe('job store (DynamoDB Local)', () => {
  it('claims a job once; a failed job may be claimed again; records a TTL', async () => {
    const { doc, table } = await freshTable();
    const store = createJobStore({ workspace: WORKSPACE, doc, table, now: () => T0 });
    await expect(store.claim('J1', 'report')).resolves.toBe('claimed');
    await expect(store.claim('J1', 'report')).resolves.toBe('duplicate');
    await store.finish('J1', 'done');
    await expect(store.claim('J1', 'report')).resolves.toBe('duplicate');
    await expect(store.claim('J2', 'report')).resolves.toBe('claimed');
    await store.finish('J2', 'failed', 'boom');
    await expect(store.claim('J2', 'report')).resolves.toBe('claimed');
    const item = (await doc.send(new GetCommand({ TableName: table, Key: keys.job(WORKSPACE, 'J1') }))).Item;
    expect(item?.status).toBe('done');
    expect(item?.expiresAt).toBe(Date.parse('2026-11-27T10:00:00Z') / 1000);
  });

  it('a job left running by a dead run is claimed again once its claim is stale; a done one never', async () => {
    const { doc, table } = await freshTable();
    let clock = T0;
    const store = createJobStore({ workspace: WORKSPACE, doc, table, now: () => clock });
    await expect(store.claim('CRASHED', 'report')).resolves.toBe('claimed');
    await expect(store.claim('DONE', 'report')).resolves.toBe('claimed');
    await store.finish('DONE', 'done');

    // Running and fresh: a live run has it (EventBridge delivered twice).
    clock = at(JOB_STALE_CLAIM_MS - 1000);
    await expect(store.claim('CRASHED', 'report')).resolves.toBe('duplicate');
    // Running and stale: the run died (the Lambda timed out); Lambda's retry runs it again.
    clock = at(JOB_STALE_CLAIM_MS + 1000);
    await expect(store.claim('CRASHED', 'report')).resolves.toBe('claimed');
    const item = (await doc.send(new GetCommand({ TableName: table, Key: keys.job(WORKSPACE, 'CRASHED') })))
      .Item;
    expect(item?.status).toBe('running');
    expect(item?.claimedAt).toBe(clock.toISOString());
    // The new claim is fresh again: a concurrent redelivery is still a duplicate.
    await expect(store.claim('CRASHED', 'report')).resolves.toBe('duplicate');
    // Done is final, however old.
    clock = at(100 * JOB_STALE_CLAIM_MS);
    await expect(store.claim('DONE', 'report')).resolves.toBe('duplicate');
  });

  it('the stale threshold lies between the Lambda timeout and Lambda’s first retry (1 min)', async () => {
    const { LAMBDA_TIMEOUT_SECONDS } = await import('../../infra/bosun-stack');
    expect(JOB_STALE_CLAIM_MS).toBeGreaterThan(LAMBDA_TIMEOUT_SECONDS * 1000);
    expect(JOB_STALE_CLAIM_MS).toBeLessThan(60_000);
  });
});
