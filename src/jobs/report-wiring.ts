/**
 * The report job's handler with everything it reads through: the portfolio and ledger stores, the
 * sample-data fallback, the templates, the run records. `setup.ts` imports this module lazily, on
 * the first report job, so none of it weighs on a Lambda cold start.
 */
import { loadReportTemplates, type ReportTemplates } from '../reports/render';
import { createLedgerStore } from '../store/ledger';
import { createPortfolioStore } from '../store/portfolio';
import { createReportRunStore } from '../store/report-runs';
import { createReportDataLoader, createSailFactsLoader } from './report-data';
import { createReportJobHandler } from './report-job';
import type { ReportSetupDeps } from './setup';
import type { JobHandler } from './types';

/** Builds the `report` job handler. */
export function createReportHandler(deps: ReportSetupDeps): JobHandler {
  const { config, doc, now } = deps;
  const table = config.table;
  let templates: Promise<ReportTemplates> | undefined;
  return createReportJobHandler({
    loadData: createReportDataLoader({
      portfolios: createPortfolioStore({ doc, table, now, workspace: config.workspace }),
      ledger: createLedgerStore({ doc, table, workspace: config.workspace }),
      dataDir: deps.dataDir,
    }),
    loadSails: createSailFactsLoader({ sails: deps.sails, now }),
    templates: () => {
      templates ??= loadReportTemplates(deps.templatesDir).catch((err: unknown) => {
        templates = undefined;
        throw err;
      });
      return templates;
    },
    mailer: deps.mailer,
    recipients: config.mail.reportRecipients,
    runs: createReportRunStore({ doc, table, workspace: config.workspace }),
    postSummary: ({ channel, blocks, text }) => deps.postMessage({ channel, blocks, text }),
    notifyRequester: ({ userId, text }) => deps.postMessage({ channel: userId, text }),
    now,
    timezone: config.timezone,
  });
}
