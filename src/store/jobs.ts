/**
 * Job records: a job id is claimed with a conditional put before the job runs, so a job that
 * EventBridge delivers twice runs once. A failed job may be claimed again (its retry should run).
 */
import { type DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keys, ttlSeconds } from './keys';

/** How long a job record is kept (EventBridge retries for at most 24 h). */
export const JOB_RECORD_TTL_MS = 7 * 24 * 60 * 60 * 1000;

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
  now?: () => Date;
}): JobStore {
  const { doc, table } = deps;
  const now = deps.now ?? (() => new Date());
  return {
    async claim(jobId, kind) {
      const at = now();
      try {
        await doc.send(
          new PutCommand({
            TableName: table,
            Item: {
              ...keys.job(jobId),
              jobId,
              kind,
              status: 'running',
              claimedAt: at.toISOString(),
              expiresAt: ttlSeconds(new Date(at.getTime() + JOB_RECORD_TTL_MS)),
            },
            // A job that failed may run again; one that is running or done may not.
            ConditionExpression: 'attribute_not_exists(PK) OR #s = :failed',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':failed': 'failed' },
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
          Key: keys.job(jobId),
          UpdateExpression: 'SET #s = :s, finishedAt = :t, #e = :e',
          ExpressionAttributeNames: { '#s': 'status', '#e': 'error' },
          ExpressionAttributeValues: { ':s': status, ':t': now().toISOString(), ':e': error ?? null },
        }),
      );
    },
  };
}
