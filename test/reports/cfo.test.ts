import { describe, expect, it } from 'vitest';
import { cfoReport } from '../../src/reports/kinds/cfo';
import { parseLedgerCsv } from '../../src/reports/ledger';
import { fixtureInput, fixturePortfolio, fixtureYaml } from './fixture';
import { expectCommonShape, kpi, rows } from './support';

describe('CFO report (small fixture)', () => {
  const m = cfoReport(fixtureInput());

  it('has the common shape', () => expectCommonShape(m));

  it('monthly burn = Σ recurring costs + Σ loan payments', () => {
    // 1500 + 500 + 100 + 1000 (yacht loan) + 800 (house loan) = 3900
    expect(kpi(m, 'Monthly burn').value).toBe('$3,900');
  });

  it('break-even = ceil(charter fixed ÷ contribution)', () => {
    // charter + vessel fixed: 500 + 1500 + 1000 = 3000; ceil(3000 ÷ 950) = 4
    expect(kpi(m, 'Contribution per charter').value).toBe('$950');
    expect(kpi(m, 'Break-even').value).toBe('4');
    expect(m.footnotes.join(' ')).toContain('ceil($3,000 ÷ $950.00)');
  });

  it('runway = cash ÷ net burn over the last three complete months', () => {
    // Jan −1000, Feb −2000, Mar 3000 − 3000 − 150 − 300 = −450 → average burn 3450 ÷ 3 = 1150
    // cash 9000 + 1000 = 10000; 10000 ÷ 1150 = 8.7
    expect(kpi(m, 'Runway').value).toBe('8.7 months');
    expect(kpi(m, 'Runway').status).toBe('bad'); // below the 12-month reserve goal
    expect(kpi(m, 'Cash on hand').value).toBe('$10,000');
  });

  it('counts completed charters by San Diego month, against break-even', () => {
    // March: S-AAAAAA and S-CCCCCC (1 April UTC, 31 March local) → 2 < 4
    expect(kpi(m, 'Charters in Mar 2026').value).toBe('2');
    const chart = m.charts[0];
    expect(chart?.bars.map((b) => b.value)).toEqual([0, 0, 0, 0, 1, 2]); // Oct … Mar
    expect(chart?.marker?.value).toBe(4);
    expect(m.gaps[0]).toEqual({
      text: 'Mar 2026 had 2 charters against a break-even of 4.',
      severity: 'high',
    });
  });

  it('targets to the end of next quarter, with booked revenue', () => {
    const r = rows(m, 'Revenue targets');
    expect(r.map((x) => x[0])).toEqual([
      'Apr 2026',
      'May 2026',
      'Jun 2026',
      'Jul 2026',
      'Aug 2026',
      'Sep 2026',
    ]);
    // April: S-BBBBBB at $1,500; May: S-EEEEEE (on hold) at the average $1,250; the cancelled one is ignored.
    // break-even revenue 4 × 1250 = 5000; target max(5, 4) × 1250 = 6250
    expect(r[0]).toEqual(['Apr 2026', '1', '$1,500', '$5,000', '$6,250']);
    expect(r[1]).toEqual(['May 2026', '1', '$1,250', '$5,000', '$6,250']);
    expect(r[2]).toEqual(['Jun 2026', '0', '$0', '$5,000', '$6,250']);
  });

  it('zero contribution: break-even is not computable, stated, and nothing is NaN', () => {
    const yaml = fixtureYaml
      .replace('price: 1000, variableCost: 200', 'price: 500, variableCost: 500')
      .replace('price: 2000, variableCost: 600', 'price: 600, variableCost: 600');
    const z = cfoReport(fixtureInput({ portfolio: fixturePortfolio(yaml) }));
    expectCommonShape(z);
    expect(kpi(z, 'Break-even').value).toBe('n/a');
    expect(z.summary.join(' ')).toMatch(/not computable because each charter contributes \$0 or less/);
    expect(z.charts[0]?.marker).toBeUndefined();
  });

  it('zero burn: runway is not computable, stated', () => {
    const ledger = parseLedgerCsv('date,description,amount,account\n2026-02-10,PAYOUT,1000,Bank\n');
    if (!ledger.ok) throw new Error('parse');
    const z = cfoReport(fixtureInput({ ledger: ledger.lines }));
    expectCommonShape(z);
    expect(kpi(z, 'Runway').value).toBe('n/a');
    expect(z.findings.join(' ')).toMatch(/Runway is not computable because there is no net burn/);
  });

  it('an empty ledger says so instead of inventing a burn', () => {
    const z = cfoReport(fixtureInput({ ledger: [] }));
    expectCommonShape(z);
    expect(z.gaps.map((g) => g.text).join(' ')).toMatch(/not computable because the ledger has no lines/);
  });

  it('scopes to one entity', () => {
    const z = cfoReport(fixtureInput({ entity: 'yacht' }));
    // yacht only: slip 1500 + loan 1000 = 2500; cash 0
    expect(kpi(z, 'Monthly burn').value).toBe('$2,500');
    expect(kpi(z, 'Cash on hand').value).toBe('$0');
    expect(z.title).toBe('CFO report: yacht');
  });
});
