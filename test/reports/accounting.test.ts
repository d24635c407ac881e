import { describe, expect, it } from 'vitest';
import { accountingReport } from '../../src/reports/kinds/accounting';
import { fixtureInput } from './fixture';
import { expectCommonShape, kpi, rows } from './support';

describe('accounting report (small fixture)', () => {
  const m = accountingReport(fixtureInput());

  it('has the common shape', () => expectCommonShape(m));

  it('balances per entity from the ledger', () => {
    const r = rows(m, 'Chart of accounts');
    // columns: account, type, boat, yacht, haul, agency, house, ship, total
    expect(r).toEqual([
      ['2100 Deposits', 'liability', '$1,000.00', '', '', '', '', '', '$1,000.00'],
      ['4000 Charters', 'income', '$6,000.00', '', '', '', '', '', '$6,000.00'],
      ['5000 Slip', 'expense', '', '-$9,000.00', '', '', '', '', '-$9,000.00'],
      ['5010 Fuel', 'expense', '', '-$150.00', '', '', '', '', '-$150.00'],
    ]);
  });

  it('audits expenses between the two latest months with data and flags new ones', () => {
    // Feb and Mar 2026 are the two latest complete months with ledger lines (Apr is to date).
    expect(rows(m, 'Expense audit')).toEqual([
      ['5000 Slip', '$3,000.00', '$3,000.00', '0.00%'],
      ['5010 Fuel', '$0.00', '$150.00', 'new'],
    ]);
    expect(kpi(m, 'Expense swings').value).toBe('1');
  });

  it('lists uncategorised lines, never dropping them', () => {
    expect(rows(m, 'Uncategorised')).toEqual([['2026-03-20', 'MYSTERY SHOP', 'Bank', '-$300.00']]);
    expect(kpi(m, 'Uncategorised').value).toBe('1');
  });

  it('defers deposits until the sail is completed', () => {
    // S-AAAAAA completed → recognised 500; S-BBBBBB future → deferred 300; S-ZZZZZZ unknown → unmatched
    expect(kpi(m, 'Deferred revenue').value).toBe('$300');
    expect(kpi(m, 'Recognised').value).toBe('$500');
    expect(kpi(m, 'Unmatched deposits').value).toBe('1');
    expect(rows(m, 'Revenue recognition').map((r) => [r[2], r[3]])).toEqual([
      ['S-AAAAAA', 'recognised'],
      ['S-BBBBBB', 'deferred'],
      ['S-ZZZZZZ', 'unmatched'],
    ]);
  });

  it('a deposit for a cancelled sail is a refund due', () => {
    const input = fixtureInput();
    const sails = input.sails.map((s) => (s.id === 'S-BBBBBB' ? { ...s, status: 'cancelled' } : s));
    const c = accountingReport({ ...input, sails });
    expect(c.gaps[0]).toEqual({
      text: 'Deposit for cancelled sail S-BBBBBB ($300) should be refunded.',
      severity: 'high',
    });
  });
});
