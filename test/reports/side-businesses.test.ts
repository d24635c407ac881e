import { describe, expect, it } from 'vitest';
import { billingReport } from '../../src/reports/kinds/billing';
import { deliveryReport } from '../../src/reports/kinds/delivery';
import { rentalReport } from '../../src/reports/kinds/rental';
import { fixtureInput, fixturePortfolio, fixtureYaml } from './fixture';
import { expectCommonShape, kpi, rows } from './support';

describe('rental report (small fixture)', () => {
  const m = rentalReport(fixtureInput());
  it('has the common shape', () => expectCommonShape(m));
  it('computes NOI, cap rate and cash-on-cash', () => {
    // gross 24000; × 0.9 = 21600; costs 150 × 12 = 1800; NOI 19800
    expect(kpi(m, 'NOI').value).toBe('$19,800');
    // 19800 ÷ 200000 = 9.90% (two decimals under 10%)
    expect(kpi(m, 'Cap rate').value).toBe('9.90%');
    // 19800 − 800 × 12 = 10200; ÷ 50000 = 20.4%
    expect(kpi(m, 'Cash flow').value).toBe('$10,200');
    expect(kpi(m, 'Cash-on-cash').value).toBe('20.4%');
  });
  it('flags months where the ledger shows less rent than due', () => {
    // the fixture ledger has no rent lines: three short months
    expect(m.gaps.filter((g) => g.text.includes('rent received $0'))).toHaveLength(3);
  });
  it('zero cash invested: cash-on-cash is n/a', () => {
    const z = rentalReport(
      fixtureInput({
        portfolio: fixturePortfolio(fixtureYaml.replace('cashInvested: 50000', 'cashInvested: 0')),
      }),
    );
    expectCommonShape(z);
    expect(kpi(z, 'Cash-on-cash').value).toBe('n/a');
  });
});

describe('delivery report (small fixture)', () => {
  const m = deliveryReport(fixtureInput());
  it('has the common shape', () => expectCommonShape(m));
  it('computes miles, revenue per mile and margin over done jobs', () => {
    // J1 + J2: 400 mi, $3,000 revenue, $1,900 costs
    expect(kpi(m, 'Miles').value).toBe('400');
    expect(kpi(m, 'Revenue per mile').value).toBe('$7.50');
    // (3000 − 1900) ÷ 3000 = 36.7%
    expect(kpi(m, 'Margin').value).toBe('36.7%');
    expect(kpi(m, 'Unpaid').value).toBe('$1,000');
    expect(rows(m, 'Jobs')).toHaveLength(3);
  });
  it('no miles delivered: revenue per mile is n/a', () => {
    const yaml = fixtureYaml
      .replace('status: completed', 'status: booked')
      .replace('status: paid', 'status: quoted');
    const z = deliveryReport(fixtureInput({ portfolio: fixturePortfolio(yaml) }));
    expectCommonShape(z);
    expect(kpi(z, 'Revenue per mile').value).toBe('n/a');
    expect(kpi(z, 'Margin').value).toBe('n/a');
  });
});

describe('billing report (small fixture)', () => {
  const m = billingReport(fixtureInput());
  it('has the common shape', () => expectCommonShape(m));
  it('totals retainers and unbilled work, and finds billing gaps', () => {
    expect(kpi(m, 'Retainers').value).toBe('$4,000');
    // 10 × 100 + 2 × 150 = 1300
    expect(kpi(m, 'Unbilled work').value).toBe('$1,300');
    expect(kpi(m, 'Not invoiced this month').value).toBe('1');
    // 3000 ÷ 4000
    expect(kpi(m, 'Largest client share').value).toBe('75.0%');
    const gaps = m.gaps.map((g) => `${g.severity}:${g.text}`);
    expect(gaps).toContain('high:C2 has not been invoiced this month (last: 2026-03-01).');
    expect(gaps).toContain('high:C2: "Logo" ($300) finished 2026-03-01 and is still unbilled.');
    expect(gaps).toContain('medium:C2 pays a retainer without a signed contract.');
    expect(rows(m, 'Unbilled work').map((r) => r[5])).toEqual(['5', '45']);
  });
});
