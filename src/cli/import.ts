/**
 * `bosun portfolio import <file.yaml>` and `bosun ledger import <file.csv>`: validated, idempotent
 * loads of the business data, printing what changed. Also `seedSampleData`, which `bosun dev`
 * calls to load `data/` into an empty table.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BosunError, errorCodes } from '../errors';
import { loadSampleData } from '../jobs/report-data';
import { categorise, parseLedgerCsv } from '../reports/ledger';
import { formatIssues } from '../reports/portfolio';
import type { LedgerStore } from '../store/ledger';
import type { PortfolioStore } from '../store/portfolio';

/** What the import verbs need. */
export interface ImportDeps {
  portfolios: PortfolioStore;
  ledger: LedgerStore;
  /** Where the sample files are (for the ledger's rules when no portfolio was imported yet). */
  dataDir: string;
  print: (line: string) => void;
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
): Promise<{ version: number; changed: boolean }> {
  if (argv[0] === 'import') argv = argv.slice(1);
  const { path, text } = await readInput(argv[0], 'bosun portfolio import <file.yaml>');
  const res = await deps.portfolios.importYaml(text);
  if (!res.ok) {
    throw new BosunError(
      errorCodes.invalidInput,
      `${path} has ${res.issues.length} problem(s); nothing was imported:\n${formatIssues(res.issues)
        .split('\n')
        .map((l) => `  ${path}: ${l}`)
        .join('\n')}`,
    );
  }
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
export async function runLedgerImport(argv: string[], deps: ImportDeps): Promise<LedgerImportSummary> {
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
  return { lines: parsed.lines.length, added, alreadyPresent, uncategorised: uncategorised.length };
}

/** Loads `data/portfolio.yaml` and `data/ledger-sample.csv` when the table has no portfolio yet. */
export async function seedSampleData(
  deps: ImportDeps,
): Promise<{ seeded: boolean; version?: number; lines?: number }> {
  if (await deps.portfolios.current()) return { seeded: false };
  const portfolio = await runPortfolioImport([join(deps.dataDir, 'portfolio.yaml')], deps);
  const ledger = await runLedgerImport([join(deps.dataDir, 'ledger-sample.csv')], deps);
  return { seeded: true, version: portfolio.version, lines: ledger.lines };
}
