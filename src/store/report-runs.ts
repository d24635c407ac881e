/**
 * Report runs: every run is recorded once (kind, requester, time, status, SES message id or the
 * error), with a conditional put keyed by the run id (the job id), kept for a year.
 */
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { keys, ttlSeconds } from './keys';

/** How long run records are kept. */
export const REPORT_RUN_TTL_MS = 365 * 24 * 60 * 60 * 1000;

/** One recorded report run. */
export interface ReportRun {
  runId: string;
  kind: string;
  entity?: string;
  requestedBy: string;
  at: string;
  status: 'sent' | 'failed';
  messageId?: string;
  error?: string;
  recipients: string[];
}

/** Records report runs. */
export interface ReportRunStore {
  /** Records the run; `exists` when a run with this id was already recorded. */
  record(run: ReportRun): Promise<'recorded' | 'exists'>;
  get(runId: string): Promise<ReportRun | undefined>;
}

/** Builds the report-run store over the single table. */
export function createReportRunStore(deps: { doc: DynamoDBDocumentClient; table: string }): ReportRunStore {
  const { doc, table } = deps;
  return {
    async record(run) {
      try {
        await doc.send(
          new PutCommand({
            TableName: table,
            Item: {
              ...keys.reportRun(run.runId),
              ...run,
              expiresAt: ttlSeconds(new Date(Date.parse(run.at) + REPORT_RUN_TTL_MS)),
            },
            ConditionExpression: 'attribute_not_exists(PK)',
          }),
        );
        return 'recorded';
      } catch (err) {
        if (err instanceof Error && err.name === 'ConditionalCheckFailedException') return 'exists';
        throw err;
      }
    },
    async get(runId) {
      const res = await doc.send(
        new GetCommand({ TableName: table, Key: keys.reportRun(runId), ConsistentRead: true }),
      );
      const item = res.Item;
      if (!item) return undefined;
      const run: ReportRun = {
        runId: String(item.runId),
        kind: String(item.kind),
        requestedBy: String(item.requestedBy),
        at: String(item.at),
        status: item.status === 'sent' ? 'sent' : 'failed',
        recipients: Array.isArray(item.recipients) ? item.recipients.map(String) : [],
      };
      if (typeof item.entity === 'string') run.entity = item.entity;
      if (typeof item.messageId === 'string') run.messageId = item.messageId;
      if (typeof item.error === 'string') run.error = item.error;
      return run;
    },
  };
}
