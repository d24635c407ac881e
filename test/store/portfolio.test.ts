import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPortfolioStore, type PortfolioStore } from '../../src/store/portfolio';
import { freshTable, WORKSPACE } from '../support/aws';

const sample = readFileSync('data/portfolio.yaml', 'utf8');

describe('portfolio store (DynamoDB Local)', () => {
  let store: PortfolioStore;
  beforeAll(async () => {
    const { doc, table } = await freshTable();
    store = createPortfolioStore({
      workspace: WORKSPACE,
      doc,
      table,
      now: () => new Date('2026-11-20T10:00:00Z'),
    });
  });

  it('is empty before the first import', async () => {
    await expect(store.current()).resolves.toBeUndefined();
  });

  it('imports, re-imports idempotently and versions changes', async () => {
    await expect(store.importYaml(sample)).resolves.toEqual({ ok: true, version: 1, changed: true });
    await expect(store.importYaml(sample)).resolves.toEqual({ ok: true, version: 1, changed: false });
    const changed = sample.replace('amount: 38250', 'amount: 40000');
    await expect(store.importYaml(changed)).resolves.toEqual({ ok: true, version: 2, changed: true });
    const cur = await store.current();
    expect(cur?.version).toBe(2);
    expect(cur?.portfolio.cashOnHand[0]?.amount).toBe(40000);
    expect(cur?.importedAt).toBe('2026-11-20T10:00:00.000Z');
  });

  it('rejects a bad file with its issues and stores nothing', async () => {
    const res = await store.importYaml('asOf: nope\n');
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.issues.map((i) => i.path)).toContain('asOf');
    expect((await store.current())?.version).toBe(2);
  });
});
