/**
 * `bosun portfolio import <file.yaml>` and `bosun ledger import <file.csv>`: validated, idempotent
 * loads of the business data, printing what changed. The portfolio's vessel assets must be vessels
 * of the fleet. Real data replaces the demo: the first real import deletes the demo portfolio and
 * ledger lines, so sample and real numbers are never mixed. Also `seedSampleData`, which `bosun
 * dev` calls to load `data/` (the demo fleet, portfolio and ledger) into an empty table, marked demo.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BosunError, errorCodes } from '../errors';
import { parseFleetFile } from '../fleet/file';
import { loadSampleData } from '../jobs/report-data';
import { categorise, type LedgerLine, parseLedgerCsv } from '../reports/ledger';
import { formatIssues, parsePortfolio, vesselAssetIssues } from '../reports/portfolio';
import type { DemoStore } from '../store/demo';
import type { FleetStore } from '../store/fleet';
import type { LedgerStore } from '../store/ledger';
import type { PortfolioStore } from '../store/portfolio';

/** What the import verbs need. */
export interface ImportDeps {
  portfolios: PortfolioStore;
  ledger: LedgerStore;
  /** The vessels a portfolio's vessel assets must be (and where the demo fleet is seeded). */
  fleet: Pick<FleetStore, 'list' | 'add'>;
  /** What is demo data, so a real import replaces it. */
  demo: DemoStore;
  /** Where the sample files are (for the ledger's rules when no portfolio was imported yet). */
  dataDir: string;
  print: (line: string) => void;
}

/** Whether an import is the demo being seeded (kept and marked) or real data (replaces the demo). */
interface ImportMode {
  demo?: boolean;
}

/** Before the first real import: the demo portfolio and ledger lines go, so nothing is mixed. */
async function replaceDemo(deps: ImportDeps, mode: ImportMode): Promise<void> {
  if (mode.demo) return;
  const removed = await deps.demo.clearBusinessData();
  if (removed.portfolio || removed.ledgerLines > 0) {
    deps.print(
      `demo data replaced: removed ${[
        removed.portfolio ? 'the demo portfolio' : '',
        removed.ledgerLines ? `${removed.ledgerLines} demo ledger lines` : '',
      ]
        .filter(Boolean)
        .join(' and ')}`,
    );
  }
}

async function readInput(path: string | undefined, usage: string): Promise<{ path: string; text: string }> {
  if (!path) throw new BosunError(errorCodes.invalidInput, `Usage: ${usage}`);
  try {
    return { path, text: await readFile(path, 'utf8') };
  } catch (err) {
    throw new BosunError(
      errorCodes.invalidInput,
      `Cannot read ${path}: ${err instanceof Error ? err.message : String(err)}`,
      {
        cause: err,
      },
    );
  }
}

/** `bosun portfolio import <file.yaml>`; throws with every problem (line and path) when the file is invalid. */
export async function runPortfolioImport(
  argv: string[],
  deps: ImportDeps,
  mode: ImportMode = {},
): Promise<{ version: number; changed: boolean }> {
  if (argv[0] === 'import') argv = argv.slice(1);
  const { path, text } = await readInput(argv[0], 'bosun portfolio import <file.yaml>');
  const refuse = (issues: Parameters<typeof formatIssues>[0]) =>
    new BosunError(
      errorCodes.invalidInput,
      `${path} has ${issues.length} problem(s); nothing was imported:\n${formatIssues(issues)
        .split('\n')
        .map((l) => `  ${path}: ${l}`)
        .join('\n')}`,
    );
  const parsed = parsePortfolio(text);
  if (!parsed.ok) throw refuse(parsed.issues);
  const fleetIds = (await deps.fleet.list()).map((v) => v.id);
  const vesselIssues = vesselAssetIssues(text, parsed.portfolio, fleetIds);
  if (vesselIssues.length > 0) throw refuse(vesselIssues);
  await replaceDemo(deps, mode);
  const res = await deps.portfolios.importYaml(text);
  if (!res.ok) throw refuse(res.issues);
  deps.print(
    res.changed
      ? `portfolio imported from ${path} as version ${res.version}`
      : `portfolio unchanged: ${path} is already version ${res.version}`,
  );
  return { version: res.version, changed: res.changed };
}

/** The counts `bosun ledger import` prints. */
export interface LedgerImportSummary {
  lines: number;
  added: number;
  alreadyPresent: number;
  uncategorised: number;
}

/** `bosun ledger import <file.csv>`; throws naming each bad CSV line; prints the uncategorised lines. */
export async function runLedgerImport(
  argv: string[],
  deps: ImportDeps,
  mode: ImportMode = {},
): Promise<LedgerImportSummary & { imported: LedgerLine[] }> {
  if (argv[0] === 'import') argv = argv.slice(1);
  const { path, text } = await readInput(argv[0], 'bosun ledger import <file.csv>');
  const parsed = parseLedgerCsv(text);
  if (!parsed.ok) {
    throw new BosunError(
      errorCodes.invalidInput,
      `${path} has ${parsed.issues.length} bad line(s); nothing was imported:\n${parsed.issues
        .map((i) => `  ${path} line ${i.line}: ${i.message}`)
        .join('\n')}`,
    );
  }
  await replaceDemo(deps, mode);
  const portfolio =
    (await deps.portfolios.current())?.portfolio ?? (await loadSampleData(deps.dataDir)).portfolio;
  const { uncategorised } = categorise(parsed.lines, portfolio.ledgerRules);
  const { added, alreadyPresent } = await deps.ledger.importLines(parsed.lines);
  deps.print(
    `${path}: ${parsed.lines.length} lines: ${added} added, ${alreadyPresent} already present, ${uncategorised.length} uncategorised`,
  );
  for (const l of uncategorised) {
    deps.print(
      `  uncategorised: ${l.date}  ${l.description}  ${(l.amountCents / 100).toFixed(2)}  (${l.source})`,
    );
  }
  if (uncategorised.length > 0)
    deps.print('  Add a ledgerRules entry to the portfolio for each, then import the portfolio again.');
  return {
    lines: parsed.lines.length,
    added,
    alreadyPresent,
    uncategorised: uncategorised.length,
    imported: parsed.lines,
  };
}

/** Loads `data/fleet.yaml` into the fleet, each vessel marked demo; returns the ids added. */
export async function seedDemoFleet(
  fleet: Pick<FleetStore, 'add'>,
  file: string,
  opts: { by?: string; demo?: boolean } = {},
): Promise<string[]> {
  const parsed = parseFleetFile(await readFile(file, 'utf8'));
  if (!parsed.ok) throw new BosunError(errorCodes.invalidInput, `${file}: ${parsed.error}`);
  const by = opts.by ?? 'bosun';
  const added: string[] = [];
  for (const v of parsed.value) {
    const written = await fleet.add(
      {
        id: v.id,
        ...v.fields,
        regulars: [],
        captains: [],
        retired: false,
        demo: opts.demo ?? true,
        createdBy: by,
      },
      { by, action: 'seed', changes: [{ key: 'demo', to: 'yes' }] },
    );
    if (written.ok) added.push(v.id);
  }
  return added;
}

/**
 * Loads the demo fleet (`data/fleet.yaml`), `data/portfolio.yaml` and `data/ledger-sample.csv` into
 * an empty table only, and marks them demo, so the first real import replaces them.
 */
export async function seedSampleData(
  deps: ImportDeps,
): Promise<{ seeded: boolean; version?: number; lines?: number; vessels?: string[] }> {
  if (!(await deps.demo.tableIsEmpty())) return { seeded: false };
  const vessels = await seedDemoFleet(deps.fleet, join(deps.dataDir, 'fleet.yaml'));
  const portfolio = await runPortfolioImport([join(deps.dataDir, 'portfolio.yaml')], deps, { demo: true });
  const ledger = await runLedgerImport([join(deps.dataDir, 'ledger-sample.csv')], deps, { demo: true });
  await deps.demo.mark({ portfolioVersion: portfolio.version, ledgerLines: ledger.imported, vessels });
  return { seeded: true, version: portfolio.version, lines: ledger.lines, vessels };
}
