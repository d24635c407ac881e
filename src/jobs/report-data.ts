/**
 * Where a report's data comes from: the table when a portfolio has been imported, otherwise the
 * shipped sample files under `data/`; and the sails, adapted to the small shape reports read.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BosunError, errorCodes } from '../errors';
import { type LedgerLine, parseLedgerCsv } from '../reports/ledger';
import type { ReportModel, SailFacts } from '../reports/model';
import { formatIssues, type Portfolio, parsePortfolio } from '../reports/portfolio';
import type { Sail } from '../sails/types';
import type { DemoStore } from '../store/demo';
import type { LedgerStore } from '../store/ledger';
import type { PortfolioStore } from '../store/portfolio';
import type { SailRecord, SailStore } from '../store/sails';

/** The business data a report is computed from, and where it came from. */
export interface ReportData {
  portfolio: Portfolio;
  ledger: LedgerLine[];
  source: 'table' | 'files';
  portfolioVersion?: number;
}

/** What every report built from the shipped sample files says before anything else. */
export const SAMPLE_DATA_NOTICE =
  'Built from the SAMPLE data in data/ — no portfolio has been imported. Run `bosun portfolio import <file.yaml>` and `bosun ledger import <file.csv>`.';

/**
 * What a deployed Bosun (EventBridge configured) answers when no portfolio was imported: the
 * sample numbers are a demo for local use, never sent as a business's report.
 */
export const NO_PORTFOLIO_MESSAGE =
  'No portfolio has been imported yet, so there is nothing to report. Import one with `bosun portfolio import <file.yaml>` and the bank exports with `bosun ledger import <file.csv>` (run with the deployed table in BOSUN_TABLE and AWS credentials; see infra/README.md), then ask again.';

/** Put in front of the subject of a report emailed from the sample files. */
export const SAMPLE_SUBJECT_TAG = '[SAMPLE DATA]';

/**
 * The model with the notice its data source calls for: numbers from the sample files keep
 * `npm start` and `bosun report` useful, but are never presented as the business's own.
 */
export function withSourceNotice(model: ReportModel, data: Pick<ReportData, 'source'>): ReportModel {
  if (data.source !== 'files') return model;
  return { ...model, notices: [SAMPLE_DATA_NOTICE, ...(model.notices ?? [])] };
}

/** Reads `data/portfolio.yaml` and `data/ledger-sample.csv`; bad files are an error naming the lines. */
export async function loadSampleData(dataDir: string): Promise<ReportData> {
  const [yaml, csv] = await Promise.all([
    readFile(join(dataDir, 'portfolio.yaml'), 'utf8'),
    readFile(join(dataDir, 'ledger-sample.csv'), 'utf8'),
  ]);
  const p = parsePortfolio(yaml);
  if (!p.ok)
    throw new BosunError(
      errorCodes.invalidInput,
      `data/portfolio.yaml is invalid:\n${formatIssues(p.issues)}`,
    );
  const l = parseLedgerCsv(csv);
  if (!l.ok) {
    throw new BosunError(
      errorCodes.invalidInput,
      `data/ledger-sample.csv is invalid:\n${l.issues.map((i) => `line ${i.line}: ${i.message}`).join('\n')}`,
    );
  }
  return { portfolio: p.portfolio, ledger: l.lines, source: 'files' };
}

/**
 * Loads report data from the table, falling back to the sample files when no portfolio was
 * imported; `source: 'files'` then tells the caller to say so (`withSourceNotice`).
 */
export function createReportDataLoader(deps: {
  portfolios: PortfolioStore;
  ledger: LedgerStore;
  dataDir: string;
  /** Deployed (config `eventBusName` set): with no portfolio, refuse instead of using the sample. */
  deployed?: boolean;
  /** What of the table is `npm start`'s demo: reports built from it say they are a demo. */
  demo: Pick<DemoStore, 'status'>;
}): () => Promise<ReportData> {
  return async () => {
    const [current, demo] = await Promise.all([deps.portfolios.current(), deps.demo.status()]);
    if (!current && deps.deployed) throw new BosunError(errorCodes.invalidInput, NO_PORTFOLIO_MESSAGE);
    if (!current) return loadSampleData(deps.dataDir);
    // The sample seeded into a fresh local table is still the sample: the report says so.
    const isDemo = demo !== undefined && (demo.portfolio || demo.ledgerLines > 0);
    return {
      portfolio: current.portfolio,
      ledger: await deps.ledger.allLines(),
      source: isDemo ? 'files' : 'table',
      portfolioVersion: current.version,
    };
  };
}

/**
 * A sail as reports see it: completed once it has returned (unless cancelled). `invited` is the
 * number of guests on its guest list (0 when it was not read); capacity is only the seats.
 */
export function toSailFacts(
  sail: Pick<Sail, 'id' | 'departAt' | 'returnAt' | 'status' | 'guestCapacity'> &
    Partial<Pick<Sail, 'vesselId'>>,
  now: Date,
  invited = 0,
): SailFacts {
  return {
    id: sail.id,
    departAt: sail.departAt,
    returnAt: sail.returnAt,
    ...(sail.vesselId ? { vesselId: sail.vesselId } : {}),
    status: sail.status,
    guests: invited,
    capacity: sail.guestCapacity,
    completed: sail.status !== 'cancelled' && sail.returnAt.getTime() <= now.getTime(),
  };
}

/** The guests invited to a sail, from its partition as the sail store reads it. */
export function invitedGuests(record: Pick<SailRecord, 'guests'> | undefined): number {
  return record?.guests.length ?? 0;
}

/** How many upcoming sails' partitions are read at once. */
const GUEST_READS_AT_ONCE = 8;

/** How far back reports look at sails (six complete months and the current one). */
export const SAIL_HISTORY_DAYS = 200;

/**
 * Loads sails from ~7 months back to a year ahead through the by-departure index (no scan), and
 * the guest list of each upcoming sail that is not cancelled (one Query per sail: the pipeline is a
 * handful of sails).
 */
export function createSailFactsLoader(deps: {
  sails: Pick<SailStore, 'upcoming' | 'get'>;
  now: () => Date;
}): () => Promise<SailFacts[]> {
  return async () => {
    const now = deps.now();
    const from = new Date(now.getTime() - SAIL_HISTORY_DAYS * 86_400_000);
    const list = await deps.sails.upcoming({
      from,
      days: SAIL_HISTORY_DAYS + 365,
      includeCancelled: true,
      limit: 2000,
    });
    const invited = new Map<string, number>();
    const pending = list.filter((s) => s.status !== 'cancelled' && s.departAt.getTime() > now.getTime());
    for (let i = 0; i < pending.length; i += GUEST_READS_AT_ONCE) {
      const batch = pending.slice(i, i + GUEST_READS_AT_ONCE);
      const records = await Promise.all(batch.map((s) => deps.sails.get(s.id)));
      batch.forEach((s, j) => {
        invited.set(s.id, invitedGuests(records[j]));
      });
    }
    return list.map((s) => toSailFacts(s, now, invited.get(s.id) ?? 0));
  };
}
