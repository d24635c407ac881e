/**
 * Report history: each run of a report stores its key figures once (a conditional put keyed by
 * the run id), in a partition per kind and entity, so the next report of that kind can say what
 * changed since, and `/report history <kind>` can list past runs. Kept for two years.
 */
import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { keys, ttlSeconds } from './keys';

/** How long history entries are kept. */
export const REPORT_HISTORY_TTL_MS = 2 * 365 * 24 * 60 * 60 * 1000;

/** A key figure as history keeps it. */
export interface HistoryFigure {
  id: string;
  label: string;
  unit: 'usd' | 'pct' | 'count' | 'months';
  /** Absent when the figure was not computable in that run. */
  value?: number;
  display: string;
}

/** One past run of a report. */
export interface ReportHistoryEntry {
  runId: string;
  kind: string;
  entity?: string;
  /** When the run was made (ISO). */
  at: string;
  /** The month it reported, `YYYY-MM`, and its label. */
  month: string;
  periodLabel: string;
  requestedBy: string;
  scheduled: boolean;
  figures: HistoryFigure[];
}

/** Reads and writes report history. */
export interface ReportHistoryStore {
  /** Stores a run; `exists` when this run id was stored already (a retried job). */
  record(entry: ReportHistoryEntry): Promise<'recorded' | 'exists'>;
  /** The latest runs of a kind (and entity), newest first. */
  latest(kind: string, entity: string | undefined, limit?: number): Promise<ReportHistoryEntry[]>;
}

const scopeOf = (entity: string | undefined) => entity ?? 'all';

function toEntry(item: Record<string, unknown>): ReportHistoryEntry {
  const figures = Array.isArray(item.figures) ? item.figures : [];
  return {
    runId: String(item.runId),
    kind: String(item.kind),
    ...(typeof item.entity === 'string' ? { entity: item.entity } : {}),
    at: String(item.at),
    month: String(item.month),
    periodLabel: String(item.periodLabel ?? item.month),
    requestedBy: String(item.requestedBy ?? ''),
    scheduled: item.scheduled === true,
    figures: figures.map((f: Record<string, unknown>) => ({
      id: String(f.id),
      label: String(f.label),
      unit: f.unit === 'pct' || f.unit === 'count' || f.unit === 'months' ? f.unit : 'usd',
      ...(typeof f.value === 'number' ? { value: f.value } : {}),
      display: String(f.display ?? ''),
    })),
  };
}

/** Builds the report-history store over the single table. */
export function createReportHistoryStore(deps: {
  doc: DynamoDBDocumentClient;
  table: string;
  /** The Slack workspace whose reports these are: every key begins with it. */
  workspace: string;
}): ReportHistoryStore {
  const { doc, table, workspace: ws } = deps;
  return {
    async record(entry) {
      try {
        await doc.send(
          new PutCommand({
            TableName: table,
            Item: {
              ...keys.reportHistory(ws, entry.kind, scopeOf(entry.entity), entry.at, entry.runId),
              ...entry,
              expiresAt: ttlSeconds(new Date(Date.parse(entry.at) + REPORT_HISTORY_TTL_MS)),
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
    async latest(kind, entity, limit = 10) {
      const res = await doc.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :at)',
          ExpressionAttributeValues: {
            ':pk': keys.reportHistoryPartition(ws, kind, scopeOf(entity)),
            ':at': 'AT#',
          },
          ScanIndexForward: false,
          Limit: limit,
          ConsistentRead: true,
        }),
      );
      return (res.Items ?? []).map(toEntry);
    },
  };
}
