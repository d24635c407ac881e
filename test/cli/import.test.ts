import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runLedgerImport, runPortfolioImport, seedSampleData } from '../../src/cli/import';
import { BosunError } from '../../src/errors';
import { createLedgerStore } from '../../src/store/ledger';
import { createPortfolioStore } from '../../src/store/portfolio';
import { freshTable, WORKSPACE } from '../support/aws';
import { importStores } from '../support/fleet';

async function deps(opts: { fleet?: boolean } = {}) {
  const { doc, table } = await freshTable();
  const lines: string[] = [];
  return {
    portfolios: createPortfolioStore({ workspace: WORKSPACE, doc, table }),
    ledger: createLedgerStore({ workspace: WORKSPACE, doc, table }),
    ...(await importStores(doc, table, { seed: opts.fleet !== false })),
    dataDir: 'data',
    print: (l: string) => lines.push(l),
    lines,
  };
}

const dir = mkdtempSync(join(tmpdir(), 'bosun-import-'));

describe('bosun portfolio import / ledger import (DynamoDB Local)', () => {
  it('imports the portfolio, then reports it unchanged on re-import', async () => {
    const d = await deps();
    await expect(runPortfolioImport(['import', 'data/portfolio.yaml'], d)).resolves.toEqual({
      version: 1,
      changed: true,
    });
    await expect(runPortfolioImport(['data/portfolio.yaml'], d)).resolves.toEqual({
      version: 1,
      changed: false,
    });
    expect(d.lines).toEqual([
      'portfolio imported from data/portfolio.yaml as version 1',
      'portfolio unchanged: data/portfolio.yaml is already version 1',
    ]);
  });

  it('refuses a bad portfolio, naming file, line and path, and imports nothing', async () => {
    const d = await deps();
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'asOf: 2026-01-01\ncashOnHand: []\nentities:\n  - { id: x, name: X, kind: boat }\n');
    const p = runPortfolioImport([bad], d);
    await expect(p).rejects.toThrow(BosunError);
    await expect(p).rejects.toThrow(`${bad}: line 4: entities[0].kind`);
    await expect(d.portfolios.current()).resolves.toBeUndefined();
  });

  it('imports the ledger idempotently and lists uncategorised lines', async () => {
    const d = await deps();
    await runPortfolioImport(['data/portfolio.yaml'], d);
    const first = await runLedgerImport(['import', 'data/ledger-sample.csv'], d);
    expect(first).toMatchObject({ lines: 150, added: 150, alreadyPresent: 0, uncategorised: 6 });
    const second = await runLedgerImport(['data/ledger-sample.csv'], d);
    expect(second).toMatchObject({ lines: 150, added: 0, alreadyPresent: 150, uncategorised: 6 });
    expect(d.lines).toContain(
      'data/ledger-sample.csv: 150 lines: 0 added, 150 already present, 6 uncategorised',
    );
    expect(d.lines.filter((l) => l.includes('uncategorised: 2026-11-06  STARBUCKS 0412'))).toHaveLength(4);
  });

  it('refuses a bad CSV naming each line', async () => {
    const d = await deps();
    const bad = join(dir, 'bad.csv');
    writeFileSync(
      bad,
      'date,description,amount,account\n2026-01-01,OK,1,A\n2026-13-01,X,1,A\n2026-01-02,Y,abc,A\n',
    );
    const p = runLedgerImport([bad], d);
    await expect(p).rejects.toThrow(`${bad} line 3: date '2026-13-01'`);
    await expect(p).rejects.toThrow(`${bad} line 4: amount 'abc'`);
    await expect(d.ledger.allLines()).resolves.toEqual([]);
  });

  it('seeds the sample data into an empty table only', async () => {
    const d = await deps({ fleet: false });
    await expect(seedSampleData(d)).resolves.toEqual({
      seeded: true,
      version: 1,
      lines: 150,
      vessels: ['jada'],
    });
    await expect(seedSampleData(d)).resolves.toEqual({ seeded: false });
    expect(await d.ledger.allLines()).toHaveLength(150);
  });
});
