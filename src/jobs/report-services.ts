/**
 * What the `/report` sub-commands read besides the job queue: the portfolio's names (to check an
 * entity before answering, and to list them in help), the schedules and the history. Built once in
 * `setup.ts`; the portfolio store (and its YAML parser) loads on the first lookup, so the Slack
 * cold start does not pay for it.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ReportDirectory } from '../reports/catalog';
import { createReportHistoryStore, type ReportHistoryStore } from '../store/report-history';
import { createReportScheduleStore, type ReportScheduleStore } from '../store/report-schedules';

/** The portfolio's names for `/report`; `missing` when deployed with no portfolio imported. */
export type DirectoryLookup = () => Promise<ReportDirectory | 'missing'>;

/** The `/report` sub-commands' reads and writes beside dispatching jobs. */
export interface ReportCommandServices {
  directory: DirectoryLookup;
  schedules: ReportScheduleStore;
  history: ReportHistoryStore;
}

/** How long the names are kept before the portfolio is read again. */
const DIRECTORY_TTL_MS = 60_000;

/** Builds the services over the single table (and the sample files when not deployed). */
export function createReportCommandServices(deps: {
  doc: DynamoDBDocumentClient;
  table: string;
  dataDir: string;
  /** Deployed (config `eventBusName` set): no sample data stands in for a missing portfolio. */
  deployed: boolean;
  now: () => Date;
  /** The Slack workspace asking: its portfolio, schedules and history. */
  workspace: string;
}): ReportCommandServices {
  let cached: { at: number; value: ReportDirectory | 'missing' } | undefined;
  const directory: DirectoryLookup = async () => {
    const at = deps.now().getTime();
    if (cached && at - cached.at < DIRECTORY_TTL_MS) return cached.value;
    const [{ createPortfolioStore }, { loadSampleData }] = await Promise.all([
      import('../store/portfolio'),
      import('./report-data'),
    ]);
    const current = await createPortfolioStore({
      doc: deps.doc,
      table: deps.table,
      now: deps.now,
      workspace: deps.workspace,
    }).current();
    let value: ReportDirectory | 'missing';
    if (current) value = toDirectory(current.portfolio, 'table');
    else if (deps.deployed) value = 'missing';
    else value = toDirectory((await loadSampleData(deps.dataDir)).portfolio, 'files');
    cached = { at, value };
    return value;
  };
  return {
    directory,
    // Both stores are a few lines over the DynamoDB client the app has loaded already.
    schedules: createReportScheduleStore({ doc: deps.doc, table: deps.table, workspace: deps.workspace }),
    history: createReportHistoryStore({ doc: deps.doc, table: deps.table, workspace: deps.workspace }),
  };
}

/** The names of a portfolio. */
export function toDirectory(
  p: { entities: { id: string; name: string; kind: string }[]; rental?: { address: string } | undefined },
  source: ReportDirectory['source'],
): ReportDirectory {
  return {
    entities: p.entities.map((e) => ({ id: e.id, name: e.name, kind: e.kind })),
    ...(p.rental ? { rentalAddress: p.rental.address } : {}),
    source,
  };
}
