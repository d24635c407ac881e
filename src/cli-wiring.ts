/**
 * The CLI verbs' wiring: builds from a Config the stores `bosun report`, `bosun portfolio import`
 * and `bosun ledger import` read and write, and hands them to the verbs (`src/cli/`), which only
 * parse, call and print. Like `app.ts` for the HTTP app, it holds no rules.
 */

import type { ImportDeps } from './cli/import';
import type { ReportCommandDeps } from './cli/report';
import type { Config } from './config';
import { createSailFactsLoader } from './jobs/report-data';
import { createDocumentClient } from './store/client';
import { createDemoStore } from './store/demo';
import { createFleetStore } from './store/fleet';
import { createLedgerStore } from './store/ledger';
import { createPortfolioStore } from './store/portfolio';
import { createSailStore } from './store/sails';

/** Everything `bosun report`, `bosun portfolio import` and `bosun ledger import` need, from a Config. */
export function createReportCliDeps(
  config: Config,
  opts: { dataDir?: string; templatesDir?: string; now?: () => Date } = {},
): ReportCommandDeps & Omit<ImportDeps, 'fleet' | 'demo'> {
  const now = opts.now ?? (() => new Date());
  const doc = createDocumentClient({ region: config.aws.region, endpoint: config.aws.dynamodbEndpoint });
  const workspace = config.workspace;
  const sails = createSailStore({ doc, table: config.table, now, workspace });
  return {
    demo: createDemoStore({ doc, table: config.table, now, workspace }),
    portfolios: createPortfolioStore({ doc, table: config.table, now, workspace }),
    ledger: createLedgerStore({ doc, table: config.table, workspace }),
    loadSails: createSailFactsLoader({ sails, now }),
    dataDir: opts.dataDir ?? 'data',
    templatesDir: opts.templatesDir ?? 'templates',
    now,
    timezone: config.timezone,
    print: (line) => console.log(line),
    warn: (line) => console.error(`warning: ${line}`),
  };
}

/** The import verbs' dependencies from a Config. */
export function createImportDeps(config: Config): ImportDeps {
  const doc = createDocumentClient({ region: config.aws.region, endpoint: config.aws.dynamodbEndpoint });
  const report = createReportCliDeps(config);
  return {
    portfolios: report.portfolios,
    ledger: report.ledger,
    fleet: createFleetStore({ doc, table: config.table, workspace: config.workspace }),
    demo: createDemoStore({ doc, table: config.table, workspace: config.workspace }),
    dataDir: report.dataDir,
    print: report.print,
  };
}
