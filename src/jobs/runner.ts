/**
 * Runs a delivered job once: validates the detail, claims the job id with a conditional write,
 * runs its handler and records the outcome. EventBridge delivers at least once; the claim makes a
 * second delivery a no-op.
 */
import { BosunError, errorCodes } from '../errors';
import type { JobStore } from '../store/jobs';
import { type Job, type JobHandlers, jobDetailSchema } from './types';

/** What happened to a delivered job. */
export type JobOutcome =
  | { status: 'ran'; job: Job }
  | { status: 'duplicate'; job: Job }
  | { status: 'unknown-kind'; job: Job };

/** Runs delivered jobs. */
export interface JobRunner {
  run(detail: unknown): Promise<JobOutcome>;
}

/** Builds the runner over the job store and the handlers. */
export function createJobRunner(deps: { jobs: JobStore; handlers: JobHandlers }): JobRunner {
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
      if ((await deps.jobs.claim(job.jobId, job.kind)) === 'duplicate') return { status: 'duplicate', job };
      try {
        await handler(job);
      } catch (err) {
        await deps.jobs.finish(job.jobId, 'failed', err instanceof Error ? err.message : String(err));
        throw err;
      }
      await deps.jobs.finish(job.jobId, 'done');
      return { status: 'ran', job };
    },
  };
}
