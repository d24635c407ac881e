/**
 * Hands a use case's effects to the job dispatcher as one `effects` job: on AWS one EventBridge
 * event, locally an in-process job started after the response. The job id is made from the
 * effects' keys, so the same effects queued twice (a retried request) are one job.
 */
import { createHash } from 'node:crypto';
import type { JobDispatcher } from '../jobs/dispatcher';
import type { Effect } from './types';

/** The job kind that runs a batch of effects. */
export const EFFECTS_JOB = 'effects';

/** Queues effects. */
export type Enqueue = (team: string, effects: Effect[]) => Promise<void>;

/** Builds `enqueue` over the dispatcher. */
export function createEnqueue(dispatcher: Pick<JobDispatcher, 'dispatch'>): Enqueue {
  return async (team, effects) => {
    if (effects.length === 0) return;
    const digest = createHash('sha256')
      .update(team)
      .update(effects.map((e) => e.key).join('\n'))
      .digest('base64url')
      .slice(0, 32);
    await dispatcher.dispatch(EFFECTS_JOB, { team, effects }, { jobId: `effects:${digest}` });
  };
}
