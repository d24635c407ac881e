/**
 * Report runs: every run is recorded once (kind, requester, time, status, SES message id or the
 * error), with a conditional put keyed by the run id (the job id), kept for a year.
 */
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { entities, type ReportRun } from './entities';
import { checkWorkspace } from './workspaces';

export type { ReportRun } from './entities';

/** How long run records are kept. */
export const REPORT_RUN_TTL_MS = 365 * 24 * 60 * 60 * 1000;

/** Records report runs. */
export interface ReportRunStore {
  /** Records the run; `exists` when a run with this id was already recorded. */
  record(run: ReportRun): Promise<'recorded' | 'exists'>;
  get(runId: string): Promise<ReportRun | undefined>;
}

/** Builds the report-run store over the single table. */
export function createReportRunStore(deps: {
  doc: DynamoDBDocumentClient;
  table: string;
  /** The Slack team id every key of this store begins with. */
  workspace: string;
}): ReportRunStore {
  const { doc, table } = deps;
  const ws = checkWorkspace(deps.workspace);
  return {
    async record(run) {
      try {
        await doc.send(
          new PutCommand({
            TableName: table,
            Item: entities.reportRun.item(
              { ...run, workspace: ws },
              { expires: new Date(Date.parse(run.at) + REPORT_RUN_TTL_MS) },
            ),
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
        new GetCommand({
          TableName: table,
          Key: entities.reportRun.key({ workspace: ws, runId }),
          ConsistentRead: true,
        }),
      );
      return res.Item ? entities.reportRun.parse(res.Item) : undefined;
    },
  };
}
