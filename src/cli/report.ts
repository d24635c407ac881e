/**
 * `bosun report <kind> [entity] [YYYY-MM] [--out file.html]` renders a report locally: from the
 * table when a portfolio has been imported, otherwise from `data/`. With `--out` the HTML has its
 * charts as PNG (data: URLs); without it prints the text version. `bosun report list` lists the
 * kinds. Sails that cannot be read (no stack running) are said so at the top, never counted as none.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { BosunError, errorCodes } from '../errors';
import {
  createReportDataLoader,
  loadSampleData,
  type ReportData,
  withSourceNotice,
} from '../jobs/report-data';
import { buildReport, isReportKind, reportDescriptions, reportKinds } from '../reports';
import type { ReportModel, SailFacts } from '../reports/model';
import { reportPeriod } from '../reports/period';
import { type ChartImageRef, loadReportTemplates, renderReportEmail } from '../reports/render';
import type { DemoStore } from '../store/demo';
import type { LedgerStore } from '../store/ledger';
import type { PortfolioStore } from '../store/portfolio';

/** What `bosun report` needs. Without stores it reads `data/`. */
export interface ReportCommandDeps {
  /** What of the table is `npm start`'s demo (reports built from it say so). */
  demo?: Pick<DemoStore, 'status'>;
  portfolios?: PortfolioStore;
  ledger?: LedgerStore;
  loadSails?: () => Promise<SailFacts[]>;
  dataDir: string;
  templatesDir: string;
  now: () => Date;
  timezone?: string;
  print: (line: string) => void;
  warn?: (line: string) => void;
}

/** The kinds, one per line, for `bosun report list` and `/report list`. */
export function reportListText(): string {
  return reportKinds.map((k) => `${k.padEnd(11)} ${reportDescriptions[k]}`).join('\n');
}

async function loadData(deps: ReportCommandDeps): Promise<ReportData> {
  if (!deps.portfolios || !deps.ledger) return loadSampleData(deps.dataDir);
  try {
    return await createReportDataLoader({
      portfolios: deps.portfolios,
      ledger: deps.ledger,
      dataDir: deps.dataDir,
      demo: deps.demo ?? { status: async () => undefined },
    })();
  } catch (err) {
    // A local render should work with no stack running; say where the numbers came from instead.
    deps.warn?.(
      `could not read the table (${err instanceof Error ? err.message : String(err)}); using ${deps.dataDir}/`,
    );
    return loadSampleData(deps.dataDir);
  }
}

/** The report's charts as PNG `data:` URLs for a local HTML file (bars instead if rendering fails). */
async function chartDataUrls(
  model: ReportModel,
  deps: ReportCommandDeps,
): Promise<Map<string, ChartImageRef> | undefined> {
  try {
    const { renderCharts } = await import('../reports/render/charts');
    const images = await renderCharts(model.charts);
    return new Map(
      images.map((i) => [
        i.id,
        {
          src: `data:image/png;base64,${Buffer.from(i.png).toString('base64')}`,
          width: Math.round(i.width / 2),
          height: Math.round(i.height / 2),
        },
      ]),
    );
  } catch (err) {
    deps.warn?.(
      `charts could not be rendered (${err instanceof Error ? err.message : String(err)}); drawing bars`,
    );
    return undefined;
  }
}

/** Runs `bosun report …`; returns the path written, if any. */
export async function runReportCommand(
  argv: string[],
  deps: ReportCommandDeps,
): Promise<{ written?: string }> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { out: { type: 'string', short: 'o' } },
    allowPositionals: true,
  });
  const [kind, ...rest] = positionals;
  const month = rest.find((a) => /^\d{4}-\d{2}$/.test(a));
  const entity = rest.find((a) => a !== month);
  if (!kind || kind === 'list') {
    deps.print(reportListText());
    return {};
  }
  if (!isReportKind(kind)) {
    throw new BosunError(
      errorCodes.invalidInput,
      `"${kind}" is not a report kind. Kinds:\n${reportListText()}`,
    );
  }
  if (month) {
    const p = reportPeriod(deps.now(), month, deps.timezone);
    if (!p.ok) {
      throw new BosunError(
        errorCodes.invalidInput,
        p.problem === 'future' ? `${month} has not happened yet.` : `"${month}" is not a month (YYYY-MM).`,
      );
    }
  }
  const [data, sails, templates] = await Promise.all([
    loadData(deps),
    deps.loadSails
      ? deps.loadSails().then(
          (list) => ({ list, error: undefined }),
          (err: unknown) => ({
            list: [] as SailFacts[],
            error: err instanceof Error ? err.message : String(err),
          }),
        )
      : Promise.resolve({ list: [] as SailFacts[], error: 'no sails store was given' }),
    loadReportTemplates(deps.templatesDir),
  ]);
  if (sails.error !== undefined)
    deps.warn?.(`could not read the sails (${sails.error}); the report says so and counts none`);
  if (entity && !data.portfolio.entities.some((e) => e.id === entity)) {
    throw new BosunError(
      errorCodes.invalidInput,
      `No entity "${entity}". Entities: ${data.portfolio.entities.map((e) => e.id).join(', ')}`,
    );
  }
  const model = withSourceNotice(
    buildReport(kind, {
      portfolio: data.portfolio,
      ledger: data.ledger,
      sails: sails.list,
      ...(sails.error !== undefined ? { sailsUnavailable: sails.error } : {}),
      now: deps.now(),
      ...(month ? { month } : {}),
      ...(entity ? { entity } : {}),
      ...(deps.timezone ? { timezone: deps.timezone } : {}),
    }),
    data,
  );
  const images = values.out ? await chartDataUrls(model, deps) : undefined;
  const email = renderReportEmail(model, templates, {
    ...(deps.timezone ? { timezone: deps.timezone } : {}),
    ...(images ? { images } : {}),
  });
  const source =
    data.source === 'table'
      ? `the table (portfolio version ${data.portfolioVersion ?? '?'})`
      : `${deps.dataDir}/`;
  if (values.out) {
    await writeFile(values.out, email.html, 'utf8');
    deps.print(
      `${email.subject}: wrote ${values.out} (${(Buffer.byteLength(email.html) / 1024).toFixed(1)} KB) from ${source}`,
    );
    for (const n of model.notices ?? []) deps.print(`  ! ${n}`);
    for (const s of model.summary) deps.print(`  ${s}`);
    return { written: values.out };
  }
  deps.print(email.text);
  deps.print(`(computed from ${source})`);
  return {};
}
