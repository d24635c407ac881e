import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { createJobStore } from '../../src/store/jobs';
import { keys } from '../../src/store/keys';
import { freshTable } from '../support/aws';

describe('job store (DynamoDB Local)', () => {
  it('claims a job once; a failed job may be claimed again; records a TTL', async () => {
    const { doc, table } = await freshTable();
    const store = createJobStore({ doc, table, now: () => new Date('2026-11-20T10:00:00Z') });
    await expect(store.claim('J1', 'report')).resolves.toBe('claimed');
    await expect(store.claim('J1', 'report')).resolves.toBe('duplicate');
    await store.finish('J1', 'done');
    await expect(store.claim('J1', 'report')).resolves.toBe('duplicate');
    await expect(store.claim('J2', 'report')).resolves.toBe('claimed');
    await store.finish('J2', 'failed', 'boom');
    await expect(store.claim('J2', 'report')).resolves.toBe('claimed');
    const item = (await doc.send(new GetCommand({ TableName: table, Key: keys.job('J1') }))).Item;
    expect(item?.status).toBe('done');
    expect(item?.expiresAt).toBe(Date.parse('2026-11-27T10:00:00Z') / 1000);
  });
});
