import { describe, expect, it } from 'vitest';
import { createReportRunStore, type ReportRun } from '../../src/store/report-runs';
import { freshTable, WORKSPACE } from '../support/aws';

describe('report-run store (DynamoDB Local)', () => {
  it('records a run once and reads it back', async () => {
    const { doc, table } = await freshTable();
    const store = createReportRunStore({ workspace: WORKSPACE, doc, table });
    const run: ReportRun = {
      runId: 'job-1',
      kind: 'cfo',
      requestedBy: 'U123ADMIN',
      at: '2026-11-20T10:00:00.000Z',
      status: 'sent',
      messageId: 'ses-1',
      recipients: ['owner@example.com'],
    };
    await expect(store.record(run)).resolves.toBe('recorded');
    await expect(store.record({ ...run, status: 'failed', error: 'x' })).resolves.toBe('exists');
    await expect(store.get('job-1')).resolves.toEqual(run);
    await expect(store.get('job-2')).resolves.toBeUndefined();
  });
});
