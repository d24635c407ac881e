import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BosunError } from '../../src/errors';
import { createJobDispatcher } from '../../src/jobs/dispatcher';
import { createJobRunner } from '../../src/jobs/runner';
import type { Job } from '../../src/jobs/types';
import { createJobStore } from '../../src/store/jobs';
import { freshTable, WORKSPACE } from '../support/aws';

const ebMock = mockClient(EventBridgeClient);
afterEach(() => ebMock.reset());

describe('EventBridge dispatch (PutEvents mocked: no local EventBridge exists)', () => {
  it('puts one bosun.job event on the bus with the job as detail', async () => {
    ebMock.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e1' }] });
    const d = createJobDispatcher({
      eventBusName: 'bosun-bus',
      eventBridge: new EventBridgeClient({ region: 'us-west-2' }),
      newId: () => 'job-1',
    });
    await expect(d.dispatch('report', { kind: 'cfo' })).resolves.toEqual({ jobId: 'job-1' });
    const calls = ebMock.commandCalls(PutEventsCommand);
    expect(calls).toHaveLength(1);
    const entry = calls[0]?.args[0].input.Entries?.[0];
    expect(entry).toMatchObject({ EventBusName: 'bosun-bus', Source: 'bosun', DetailType: 'bosun.job' });
    expect(JSON.parse(entry?.Detail ?? '{}')).toEqual({
      jobId: 'job-1',
      kind: 'report',
      payload: { kind: 'cfo' },
    });
  });

  it('fails loudly when EventBridge rejects the entry', async () => {
    ebMock
      .on(PutEventsCommand)
      .resolves({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'InternalFailure', ErrorMessage: 'x' }] });
    const d = createJobDispatcher({
      eventBusName: 'bosun-bus',
      eventBridge: new EventBridgeClient({ region: 'us-west-2' }),
    });
    await expect(d.dispatch('report', {})).rejects.toThrow(BosunError);
    await expect(d.dispatch('report', {})).rejects.toThrow(/InternalFailure/);
  });
});

describe('in-process jobs and idempotency (DynamoDB Local)', () => {
  it('runs after the current tick, once per job id even when delivered twice', async () => {
    const { doc, table } = await freshTable();
    const ran: Job[] = [];
    const runner = createJobRunner({
      jobs: createJobStore({ workspace: WORKSPACE, doc, table }),
      handlers: {
        async echo(job) {
          ran.push(job);
        },
      },
    });
    const d = createJobDispatcher({ runner });
    const { jobId } = await d.dispatch('echo', { n: 1 });
    expect(ran).toHaveLength(0); // not run inside the request
    await d.dispatch('echo', { n: 1 }, { jobId }); // the same job delivered again
    const outcomes = await d.drain();
    expect(outcomes.map((o) => o.status).sort()).toEqual(['duplicate', 'ran']);
    expect(ran).toHaveLength(1);
    expect(ran[0]).toEqual({ jobId, kind: 'echo', payload: { n: 1 } });
    // A redelivery straight to the runner (as Lambda gets it from EventBridge) is a no-op too.
    await expect(runner.run({ jobId, kind: 'echo', payload: { n: 1 } })).resolves.toMatchObject({
      status: 'duplicate',
    });
    expect(ran).toHaveLength(1);
  });

  it('a failed job is recorded failed, reported by drain, and may run again on redelivery', async () => {
    const { doc, table } = await freshTable();
    let attempts = 0;
    const runner = createJobRunner({
      jobs: createJobStore({ workspace: WORKSPACE, doc, table }),
      handlers: {
        async flaky() {
          attempts++;
          if (attempts === 1) throw new Error('first time fails');
        },
      },
    });
    const d = createJobDispatcher({ runner, newId: () => 'job-flaky' });
    await d.dispatch('flaky', null);
    await expect(d.drain()).rejects.toThrow(AggregateError);
    await expect(runner.run({ jobId: 'job-flaky', kind: 'flaky', payload: null })).resolves.toMatchObject({
      status: 'ran',
    });
    expect(attempts).toBe(2);
  });

  it('a job whose run died (Lambda timeout) runs again on Lambda’s retry; a redelivery meanwhile does not', async () => {
    const { doc, table } = await freshTable();
    const t0 = Date.parse('2026-11-20T10:00:00Z');
    let clock = new Date(t0);
    let attempts = 0;
    const runner = createJobRunner({
      jobs: createJobStore({ workspace: WORKSPACE, doc, table, now: () => clock }),
      handlers: {
        async report() {
          attempts++;
          // The first run hangs until Lambda kills it: no finish, the record stays 'running'.
          if (attempts === 1) await new Promise<never>(() => {});
        },
      },
    });
    const job = { jobId: 'job-timeout', kind: 'report', payload: null };
    void runner.run(job);
    await vi.waitFor(() => expect(attempts).toBe(1));
    clock = new Date(t0 + 5_000);
    await expect(runner.run(job)).resolves.toMatchObject({ status: 'duplicate' });
    expect(attempts).toBe(1);
    // Timed out at 30 s; Lambda retries a failed asynchronous invocation one minute later.
    clock = new Date(t0 + 30_000 + 60_000);
    await expect(runner.run(job)).resolves.toMatchObject({ status: 'ran' });
    expect(attempts).toBe(2);
    await expect(runner.run(job)).resolves.toMatchObject({ status: 'duplicate' });
  });

  it('rejects a malformed detail and leaves unknown kinds unclaimed', async () => {
    const { doc, table } = await freshTable();
    const runner = createJobRunner({
      jobs: createJobStore({ workspace: WORKSPACE, doc, table }),
      handlers: {},
    });
    await expect(runner.run({ kind: 'x' })).rejects.toThrow(BosunError);
    await expect(runner.run({ jobId: 'j', kind: 'nope', payload: 1 })).resolves.toMatchObject({
      status: 'unknown-kind',
    });
  });
});
