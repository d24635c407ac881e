/**
 * The report job's handler with everything it reads through: the portfolio and ledger stores, the
 * sample-data fallback (local only), the templates, the run and history records, the chart
 * renderer and the Slack side. `setup.ts` imports this module lazily, on the first report job, so
 * none of it weighs on a Lambda cold start; the chart renderer (Vega, resvg) loads on the first
 * chart.
 */
import type { ReportModel } from '../reports/model';
import { loadReportTemplates, type ReportTemplates } from '../reports/render';
import type { ChartImage } from '../reports/render/charts';
import { createDemoStore } from '../store/demo';
import { createLedgerStore } from '../store/ledger';
import { createPortfolioStore } from '../store/portfolio';
import { createReportHistoryStore } from '../store/report-history';
import { createReportRunStore } from '../store/report-runs';
import { createReportDataLoader, createSailFactsLoader } from './report-data';
import { createReportJobHandler } from './report-job';
import type { ReportSetupDeps } from './setup';
import type { JobHandler } from './types';

/** Renders a report's charts, loading the renderer on first use. */
export async function renderReportCharts(model: ReportModel): Promise<ChartImage[]> {
  const { renderCharts } = await import('../reports/render/charts');
  return renderCharts(model.charts);
}

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
      deployed: Boolean(config.eventBusName),
      demo: createDemoStore({ doc, table, now, workspace: config.workspace }),
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
    history: createReportHistoryStore({ doc, table, workspace: config.workspace }),
    renderCharts: renderReportCharts,
    postSummary: async (m) => {
      if (deps.postSummary) return deps.postSummary(m);
      await deps.postMessage(m);
      return undefined;
    },
    ...(deps.uploadFile ? { uploadFile: deps.uploadFile } : {}),
    notifyRequester: ({ userId, text }) => deps.postMessage({ channel: userId, text }),
    now,
    timezone: config.timezone,
  });
}
