/**
 * Job records: a job id is claimed with a conditional put before the job runs, so a job that
 * EventBridge delivers twice runs once. A failed job may be claimed again (its retry should run),
 * and so may one left `running` by a run that died (Lambda timeout, crash) once its claim is stale.
 */
import { type DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { entities } from './entities';
import { checkWorkspace } from './workspaces';

/** How long a job record is kept (EventBridge retries for at most 24 h). */
export const JOB_RECORD_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * A `running` claim older than this belongs to a run that died, and a redelivery may take it over.
 * It must stay ABOVE the Lambda timeout (`LAMBDA_TIMEOUT_SECONDS` = 30 s in infra/bosun-stack.ts;
 * the claim is written inside the invocation, so a live run is gone 30 s after its claim) and
 * BELOW Lambda's first retry of a failed asynchronous invocation (1 min after the failure, then
 * 2 min more): those retries are how a timed-out job comes back. A longer threshold (5 min, say)
 * would have both retries find a "fresh" claim, count as duplicates and succeed, and the job would
 * be lost. The cost of taking over: a run that died after emailing but before `finish` emails again.
 * @see https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html
 */
export const JOB_STALE_CLAIM_MS = 45_000;

/** The result of claiming a job. */
export type JobClaim = 'claimed' | 'duplicate';

/** Records jobs so each runs once. */
export interface JobStore {
  claim(jobId: string, kind: string): Promise<JobClaim>;
  finish(jobId: string, status: 'done' | 'failed', error?: string): Promise<void>;
}

/** Builds the job store over the single table. */
export function createJobStore(deps: {
  doc: DynamoDBDocumentClient;
  table: string;
  /** The Slack team id every key of this store begins with. */
  workspace: string;
  now?: () => Date;
}): JobStore {
  const { doc, table } = deps;
  const ws = checkWorkspace(deps.workspace);
  const now = deps.now ?? (() => new Date());
  return {
    async claim(jobId, kind) {
      const at = now();
      try {
        await doc.send(
          new PutCommand({
            TableName: table,
            Item: entities.job.item(
              { workspace: ws, jobId, kind, status: 'running', claimedAt: at.toISOString() },
              { expires: new Date(at.getTime() + JOB_RECORD_TTL_MS) },
            ),
            // A job that failed may run again, and so may one whose run died (its claim is stale);
            // one that is done, or running in a live invocation, may not.
            ConditionExpression:
              'attribute_not_exists(PK) OR #s = :failed OR (#s = :running AND claimedAt < :staleBefore)',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: {
              ':failed': 'failed',
              ':running': 'running',
              ':staleBefore': new Date(at.getTime() - JOB_STALE_CLAIM_MS).toISOString(),
            },
          }),
        );
        return 'claimed';
      } catch (err) {
        if (err instanceof Error && err.name === 'ConditionalCheckFailedException') return 'duplicate';
        throw err;
      }
    },
    async finish(jobId, status, error) {
      await doc.send(
        new UpdateCommand({
          TableName: table,
          Key: entities.job.key({ workspace: ws, jobId }),
          UpdateExpression: 'SET #s = :s, finishedAt = :t, #e = :e',
          ExpressionAttributeNames: { '#s': 'status', '#e': 'error' },
          ExpressionAttributeValues: { ':s': status, ':t': now().toISOString(), ':e': error ?? null },
        }),
      );
    },
  };
}
