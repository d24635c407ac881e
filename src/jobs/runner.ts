/**
 * Runs a delivered job once: validates the detail and runs its handler under `once('job:<id>')`.
 * EventBridge delivers at least once; a second delivery of a finished job does nothing, one that
 * arrives while the first still holds its lease does nothing either, and a job whose handler threw
 * is run again by the next delivery (its effects that did complete are not redone: each has its
 * own key).
 */
import { BosunError, errorCodes } from '../errors';
import type { Once } from '../idempotency';
import { type Job, type JobHandlers, jobDetailSchema } from './types';

/** What happened to a delivered job. */
export type JobOutcome =
  | { status: 'ran'; job: Job }
  | { status: 'duplicate'; job: Job }
  | { status: 'in_progress'; job: Job }
  | { status: 'unknown-kind'; job: Job };

/** Runs delivered jobs. */
export interface JobRunner {
  run(detail: unknown): Promise<JobOutcome>;
}

/**
 * Builds the runner over the idempotency primitive and the handlers. `selfGuarded` kinds skip the
 * job's own once-record: their handler guards each piece of work itself (an `effects` job runs
 * each effect under its own key), so a second record per job would only add two writes.
 */
export function createJobRunner(deps: {
  once: Once;
  handlers: JobHandlers;
  selfGuarded?: readonly string[];
}): JobRunner {
  return {
    async run(detail) {
      const parsed = jobDetailSchema.safeParse(detail);
      if (!parsed.success) {
        throw new BosunError(
          errorCodes.invalidInput,
          `A job event had a malformed detail: ${parsed.error.message}`,
        );
      }
      const job = parsed.data;
      const handler = deps.handlers[job.kind];
      // An unknown kind is not claimed: a newer deployment may know it on redelivery.
      if (!handler) return { status: 'unknown-kind', job };
      if (deps.selfGuarded?.includes(job.kind)) {
        await handler(job);
        return { status: 'ran', job };
      }
      const r = await deps.once(`job:${job.jobId}`, async () => {
        await handler(job);
        return true;
      });
      if (r.status === 'ran') return { status: 'ran', job };
      if (r.status === 'done') return { status: 'duplicate', job };
      return { status: 'in_progress', job };
    },
  };
}
