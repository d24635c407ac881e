/**
 * Demo data is marked and never mixed (DynamoDB Local): a fresh stack seeds the demo fleet, the
 * sample portfolio and ledger, marked demo; a non-empty table gets nothing; importing a real
 * portfolio or ledger takes the demo portfolio and every demo ledger line out first, so no sample
 * line is left; the portfolio's vessel assets must be vessels of the fleet.
 */

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ImportDeps, runLedgerImport, runPortfolioImport } from '../../src/cli/import';
import { runReportCommand } from '../../src/cli/report';
import { createImportDeps } from '../../src/cli-wiring';
import { devHooks } from '../../src/dev-hooks';
import { renderBlocks } from '../../src/local/render-blocks';
import { replyText, startTestBosun } from '../support/bosun';

const dir = mkdtempSync(join(tmpdir(), 'bosun-demo-'));
const realPortfolio = join(dir, 'portfolio.yaml');
// "Real" data: the sample with another as-of date, so it is a different file with the same businesses.
writeFileSync(
  realPortfolio,
  readFileSync('data/portfolio.yaml', 'utf8').replace(/^asOf: .*$/m, 'asOf: 2026-11-30'),
);
const realLedger = join(dir, 'ledger.csv');
writeFileSync(
  realLedger,
  [
    'date,description,amount,account',
    '2026-11-02,SHELTER ISLAND MARINA SLIP,-1500.00,Chase 4411',
    '2026-11-03,FAREHARBOR PAYOUT,2328.00,Chase 4411',
    '2026-11-04,QUICKDUMPNOW INVOICE 88,420.00,Chase Business 7702',
  ].join('\n'),
);

/** A fresh stack (an empty table) with `npm start`'s hook run, and the import verbs' deps over it. */
async function freshStack() {
  const t = await startTestBosun({ fleet: false });
  const logged: string[] = [];
  await devHooks.onReady?.(t.bosun, (s) => logged.push(s));
  const printed: string[] = [];
  const deps: ImportDeps = { ...createImportDeps(t.bosun.config), print: (l) => printed.push(l) };
  return { t, deps, logged, printed };
}

describe('demo data (npm start) is marked, and real data replaces it', () => {
  it('a fresh stack gets the demo fleet, portfolio and ledger, marked demo; a used table gets nothing', async () => {
    const { t, deps, logged } = await freshStack();
    try {
      expect(logged.join('\n')).toMatch(
        /seeded DEMO data into the empty table: the fleet \(jada\), the sample portfolio \(v1\) and 150 ledger lines/,
      );
      expect(await deps.demo.status()).toMatchObject({
        portfolio: true,
        ledgerLines: 150,
        vessels: ['jada'],
      });
      expect(await t.bosun.stores.fleet.get('jada')).toMatchObject({
        demo: true,
        name: 'JADA',
        zone: 'America/Los_Angeles',
      });
      expect((await deps.ledger.allLines()).length).toBe(150);
      const list = await t.command('/fleet list');
      expect(renderBlocks((list.body as { blocks: unknown[] }).blocks)).toMatch(
        /`jada`.*demo data from `npm start`/,
      );
      // Sails can be planned on the demo vessel straight away.
      expect(replyText(await t.command('/sail create 2027-01-09 sunset Demo sail'))).toMatch(
        /^Created \*Demo sail\*/,
      );
      // Once the table holds anything, `npm start` seeds nothing.
      const again: string[] = [];
      await devHooks.onReady?.(t.bosun, (s) => again.push(s));
      expect(again).toEqual([]);
      // Setting a demo vessel's details makes it the admin's own.
      await t.command('/fleet set jada meet="Dock A"');
      expect((await t.bosun.stores.fleet.get('jada'))?.demo).toBe(false);
    } finally {
      await t.stop();
    }
  });

  it('importing a real portfolio, then a real ledger, leaves no demo line behind', async () => {
    const { t, deps, printed } = await freshStack();
    try {
      // Before: the demo is in the table, and a report built from it says it is the sample.
      const before: string[] = [];
      await runReportCommand(['cmo'], {
        ...deps,
        templatesDir: 'templates',
        now: () => new Date('2026-12-01T20:00:00Z'),
        print: (l) => before.push(l),
      });
      expect(before.join('\n')).toMatch(/SAMPLE/);
      await expect(runPortfolioImport(['import', realPortfolio], deps)).resolves.toEqual({
        version: 1,
        changed: true,
      });
      expect(printed).toEqual([
        'demo data replaced: removed the demo portfolio and 150 demo ledger lines',
        `portfolio imported from ${realPortfolio} as version 1`,
      ]);
      expect((await deps.portfolios.current())?.portfolio.asOf).toBe('2026-11-30');
      expect(await deps.ledger.allLines()).toEqual([]);
      expect(await deps.demo.status()).toMatchObject({
        portfolio: false,
        ledgerLines: 0,
        replacedAt: expect.any(Date),
      });

      const summary = await runLedgerImport(['import', realLedger], deps);
      expect(summary).toMatchObject({ lines: 3, added: 3, alreadyPresent: 0 });
      const lines = await deps.ledger.allLines();
      expect(lines.map((l) => l.description)).toEqual([
        'SHELTER ISLAND MARINA SLIP',
        'FAREHARBOR PAYOUT',
        'QUICKDUMPNOW INVOICE 88',
      ]);
      // Nothing demo is left to replace: a second import says nothing about it.
      printed.length = 0;
      await runLedgerImport([realLedger], deps);
      expect(printed.join('\n')).not.toMatch(/demo data replaced/);
      // The report reads the real data and says nothing about samples.
      const report: string[] = [];
      await runReportCommand(['cmo'], {
        ...deps,
        templatesDir: 'templates',
        now: () => new Date('2026-12-01T20:00:00Z'),
        print: (l) => report.push(l),
      });
      expect(report.at(-1)).toBe('(computed from the table (portfolio version 1))');
      expect(report.join('\n')).not.toMatch(/SAMPLE/);
    } finally {
      await t.stop();
    }
  });

  it('a real ledger imported first also takes the demo portfolio out, so the two are never mixed', async () => {
    const { t, deps, printed } = await freshStack();
    try {
      await runLedgerImport([realLedger], deps);
      expect(printed[0]).toBe('demo data replaced: removed the demo portfolio and 150 demo ledger lines');
      expect(await deps.portfolios.current()).toBeUndefined();
      expect((await deps.ledger.allLines()).map((l) => l.description)).toHaveLength(3);
      expect(await deps.demo.status()).toMatchObject({ portfolio: false, ledgerLines: 0 });
    } finally {
      await t.stop();
    }
  });

  it("refuses a portfolio whose vessel assets are not the fleet's vessels, naming the line; nothing changes", async () => {
    const { t, deps } = await freshStack();
    try {
      const bad = join(dir, 'bad-vessel.yaml');
      writeFileSync(
        bad,
        readFileSync(realPortfolio, 'utf8').replace(
          /^ {2}- id: jada\n {4}name: JADA/m,
          '  - id: sea-fever\n    name: Sea Fever',
        ),
      );
      const p = runPortfolioImport([bad], deps);
      await expect(p).rejects.toThrow(
        /bad-vessel\.yaml: line \d+: assets\[0\]\.id: vessel 'sea-fever' is not in the fleet \(the fleet has jada\); add it in Slack with \/fleet add sea-fever <name…>/,
      );
      // The demo stays as it was: a refused import replaces nothing.
      expect(await deps.demo.status()).toMatchObject({ portfolio: true, ledgerLines: 150 });
      // Once the fleet has the vessel, the same file imports.
      await t.command('/fleet add sea-fever Sea Fever');
      await expect(runPortfolioImport([bad], deps)).resolves.toMatchObject({ changed: true });
    } finally {
      await t.stop();
    }
  });
});
