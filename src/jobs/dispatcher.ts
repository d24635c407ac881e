/**
 * Hands a job off: on AWS an EventBridge `PutEvents` (the same Lambda picks the event up); locally
 * an in-process queue that runs the job once the current request's response is out
 * (`after-response.ts`), with `drain()` for tests
 * and the CLI.
 * @see https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html
 */
import { randomUUID } from 'node:crypto';
import { type EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { BosunError, errorCodes } from '../errors';
import { logger } from '../log';
import { afterResponse } from './after-response';
import type { JobOutcome, JobRunner } from './runner';
import { JOB_EVENT, type Job } from './types';

/** Dispatches jobs. */
export interface JobDispatcher {
  /** Queues the job and returns its id at once; the work happens later. */
  dispatch(kind: string, payload: unknown, opts?: { jobId?: string }): Promise<{ jobId: string }>;
  /** Waits for every in-process job queued so far (a no-op on EventBridge); rejects if one failed. */
  drain(): Promise<JobOutcome[]>;
}

/** Options: an event bus (and client) for EventBridge, else the runner for in-process jobs. */
export interface JobDispatcherOptions {
  eventBusName?: string | undefined;
  eventBridge?: EventBridgeClient;
  runner?: JobRunner;
  newId?: () => string;
}

/** Creates the dispatcher: EventBridge when a bus is named, in-process otherwise. */
export function createJobDispatcher(opts: JobDispatcherOptions): JobDispatcher {
  const newId = opts.newId ?? randomUUID;
  const { eventBusName, eventBridge } = opts;
  if (eventBusName) {
    if (!eventBridge)
      throw new Error('createJobDispatcher: an EventBridge client is required with an event bus.');
    return {
      async dispatch(kind, payload, o) {
        const job: Job = { jobId: o?.jobId ?? newId(), kind, payload };
        const res = await eventBridge.send(
          new PutEventsCommand({
            Entries: [
              {
                EventBusName: eventBusName,
                Source: JOB_EVENT.source,
                DetailType: JOB_EVENT.detailType,
                Detail: JSON.stringify(job),
              },
            ],
          }),
        );
        // PutEvents reports per-entry failures in a 200 response; a job that was not queued must not look queued.
        if ((res.FailedEntryCount ?? 0) > 0) {
          const entry = res.Entries?.[0];
          throw new BosunError(
            errorCodes.storage,
            `EventBridge did not accept the ${kind} job (${entry?.ErrorCode ?? 'unknown'}: ${entry?.ErrorMessage ?? ''}).`,
          );
        }
        return { jobId: job.jobId };
      },
      async drain() {
        return [];
      },
    };
  }
  const runner = opts.runner;
  if (!runner) throw new Error('createJobDispatcher: a runner is required for in-process jobs.');
  let pending: Promise<JobOutcome | Error>[] = [];
  return {
    async dispatch(kind, payload, o) {
      const job: Job = { jobId: o?.jobId ?? newId(), kind, payload };
      pending.push(
        new Promise<JobOutcome | Error>((resolve) => {
          afterResponse(() => {
            runner.run(job).then(resolve, (err: unknown) => {
              const error = err instanceof Error ? err : new Error(String(err));
              // Nobody awaits an in-process job but drain(); the log is where a dev sees it fail.
              logger.error('in-process job failed', { jobId: job.jobId, kind: job.kind, error });
              resolve(error);
            });
          });
        }),
      );
      return { jobId: job.jobId };
    },
    async drain() {
      const outcomes: JobOutcome[] = [];
      const errors: Error[] = [];
      while (pending.length > 0) {
        const batch = pending;
        pending = [];
        for (const r of await Promise.all(batch)) {
          if (r instanceof Error) errors.push(r);
          else outcomes.push(r);
        }
      }
      if (errors.length > 0) throw new AggregateError(errors, `${errors.length} job(s) failed`);
      return outcomes;
    },
  };
}
