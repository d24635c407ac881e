import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseLedgerCsv } from '../../src/reports/ledger';
import { createLedgerStore, type LedgerStore, sourceSlug } from '../../src/store/ledger';
import { freshTable, WORKSPACE } from '../support/aws';

describe('ledger store (DynamoDB Local)', () => {
  let store: LedgerStore;
  beforeAll(async () => {
    const { doc, table } = await freshTable();
    store = createLedgerStore({ workspace: WORKSPACE, doc, table });
  });

  it('imports the sample once; a re-import adds nothing; identical lines both count', async () => {
    const parsed = parseLedgerCsv(readFileSync('data/ledger-sample.csv', 'utf8'));
    if (!parsed.ok) throw new Error('sample must parse');
    const first = await store.importLines(parsed.lines);
    expect(first).toEqual({ added: parsed.lines.length, alreadyPresent: 0 });
    const second = await store.importLines(parsed.lines);
    expect(second).toEqual({ added: 0, alreadyPresent: parsed.lines.length });
    const all = await store.allLines();
    expect(all).toHaveLength(parsed.lines.length);
    expect(all.filter((l) => l.description === 'STARBUCKS 0412')).toHaveLength(2);
  });

  it('adds only the new lines of an overlapping export', async () => {
    const before = (await store.allLines()).length;
    const parsed = parseLedgerCsv(
      'date,description,amount,account\n2026-11-06,STARBUCKS 0412,-6.45,Amex 3009\n2026-11-21,NEW LINE,-1.00,Amex 3009\n',
    );
    if (!parsed.ok) throw new Error('parse');
    await expect(store.importLines(parsed.lines)).resolves.toEqual({ added: 1, alreadyPresent: 1 });
    expect(await store.allLines()).toHaveLength(before + 1);
  });

  it('slugs source accounts for partition keys', () => {
    expect(sourceSlug('Chase Business 4411')).toBe('chase-business-4411');
    expect(sourceSlug('***')).toBe('unknown');
  });
});
