/**
 * Report schedules: `/report schedule <kind> monthly|weekly|off` stores one item per kind and
 * entity; the nudge sweep asks which are due (`reports/schedule.ts`) and claims each period with a
 * conditional put before sending, so a period's report is sent once however often the sweep runs.
 */
import { DeleteCommand, type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { keys, ttlSeconds } from './keys';

/** How long a period's fire record is kept (longer than any period). */
export const REPORT_FIRE_TTL_MS = 400 * 24 * 60 * 60 * 1000;

/** How often a scheduled report is sent. */
export type ReportCadence = 'weekly' | 'monthly';

/** One stored schedule. */
export interface ReportSchedule {
  kind: string;
  entity?: string;
  cadence: ReportCadence;
  /** The admin who set it: failures are DM'd to them. */
  setBy: string;
  /** When it was set (ISO); the first delivery is the first slot after it. */
  setAt: string;
}

/** Stores schedules and claims deliveries. */
export interface ReportScheduleStore {
  /** Sets (or replaces) the schedule of a kind and entity. */
  put(schedule: ReportSchedule): Promise<void>;
  /** Removes it; `false` when there was none. */
  remove(kind: string, entity: string | undefined): Promise<boolean>;
  list(): Promise<ReportSchedule[]>;
  /** Claims one period's delivery: `claimed` once, `taken` for every later try. */
  claim(schedule: ReportSchedule, period: string, at: Date): Promise<'claimed' | 'taken'>;
  /** Gives a claim back (the delivery could not even be queued), so the next sweep tries again. */
  release(schedule: ReportSchedule, period: string): Promise<void>;
}

const scopeOf = (entity: string | undefined) => entity ?? 'all';

/** Builds the schedule store over the single table. */
export function createReportScheduleStore(deps: {
  doc: DynamoDBDocumentClient;
  table: string;
  /** The Slack workspace whose reports these are: every key begins with it. */
  workspace: string;
}): ReportScheduleStore {
  const { doc, table, workspace: ws } = deps;
  return {
    async put(s) {
      await doc.send(
        new PutCommand({
          TableName: table,
          Item: { ...keys.reportSchedule(ws, s.kind, scopeOf(s.entity)), ...s },
        }),
      );
    },
    async remove(kind, entity) {
      const res = await doc.send(
        new DeleteCommand({
          TableName: table,
          Key: keys.reportSchedule(ws, kind, scopeOf(entity)),
          ReturnValues: 'ALL_OLD',
        }),
      );
      return res.Attributes !== undefined;
    },
    async list() {
      const res = await doc.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: 'PK = :pk',
          ExpressionAttributeValues: { ':pk': keys.reportSchedulePartition(ws) },
          ConsistentRead: true,
        }),
      );
      return (res.Items ?? []).map((i) => ({
        kind: String(i.kind),
        ...(typeof i.entity === 'string' ? { entity: i.entity } : {}),
        cadence: i.cadence === 'monthly' ? 'monthly' : 'weekly',
        setBy: String(i.setBy),
        setAt: String(i.setAt),
      }));
    },
    async claim(s, period, at) {
      try {
        await doc.send(
          new PutCommand({
            TableName: table,
            Item: {
              ...keys.reportScheduleFire(ws, s.kind, scopeOf(s.entity), period),
              kind: s.kind,
              period,
              claimedAt: at.toISOString(),
              expiresAt: ttlSeconds(new Date(at.getTime() + REPORT_FIRE_TTL_MS)),
            },
            // A period is delivered once, whichever sweep gets here first.
            ConditionExpression: 'attribute_not_exists(PK)',
          }),
        );
        return 'claimed';
      } catch (err) {
        if (err instanceof Error && err.name === 'ConditionalCheckFailedException') return 'taken';
        throw err;
      }
    },
    async release(s, period) {
      await doc.send(
        new DeleteCommand({
          TableName: table,
          Key: keys.reportScheduleFire(ws, s.kind, scopeOf(s.entity), period),
        }),
      );
    },
  };
}
