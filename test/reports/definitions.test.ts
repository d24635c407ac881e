/**
 * A hand-computed portfolio: three months of books (January with data, February with none, March
 * with data) and April to date, and every definition checked by value. Each expectation carries
 * its arithmetic; none is copied from the code's output.
 */
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/reports';
import { ALL, BREAK_EVEN, financeOf, UNPAID_CHARTERS } from '../../src/reports/definitions';
import { parseLedgerCsv } from '../../src/reports/ledger';
import type { ReportInput, SailFacts } from '../../src/reports/model';
import { parsePortfolio } from '../../src/reports/portfolio';
import { kpi, rows } from './support';

const yaml = `asOf: 2026-04-10
brand: Test Harbour
cashOnHand:
  - { entity: boat, account: Bank, amount: 9000 }
  - { entity: house, account: Bank 2, amount: 1000 }
entities:
  - { id: boat, name: Boat Co, kind: charter }
  - { id: yacht, name: The Yacht, kind: vessel }
  - { id: house, name: The House, kind: property }
assets:
  - { id: yacht-a, name: Yacht A, type: vessel, entity: yacht, value: 100000, financing: { lender: L1, balance: 40000, monthlyPayment: 1000 } }
  - { id: house-a, name: House A, type: property, entity: house, value: 200000, financing: { lender: L2, balance: 150000, monthlyPayment: 800 } }
recurringCosts:
  - { vendor: Marina, category: Slip, monthly: 1500, entity: yacht }
  - { vendor: Insurer, category: Insurance, monthly: 500, entity: boat }
  - { vendor: County, category: Property tax, monthly: 200, entity: house }
revenueStreams:
  - { id: sunset, entity: boat, name: Sunset, unit: charter, price: 1000, variableCost: 200, mix: 3, account: "4000" }
  - { id: day, entity: boat, name: Day, unit: charter, price: 2000, variableCost: 600, mix: 1, account: "4000" }
  - { id: rent, entity: house, name: Rent, unit: month, price: 2000, variableCost: 0, account: "4030" }
accounts:
  - { code: "2100", name: Deposits, type: liability, deferredRevenue: true }
  - { code: "4000", name: Charters, type: income }
  - { code: "4030", name: Rent, type: income }
  - { code: "5000", name: Slip, type: expense, cost: fixed }
  - { code: "5010", name: Fuel, type: expense, cost: variable }
  - { code: "5080", name: Loans, type: expense, cost: debt-service }
ledgerRules:
  - { pattern: "DEPOSIT S-", account: "2100", entity: boat }
  - { pattern: "PAYOUT", account: "4000", entity: boat }
  - { pattern: "RENT", account: "4030", entity: house }
  - { pattern: "MARINA", account: "5000", entity: yacht }
  - { pattern: "FUEL", account: "5010", entity: yacht }
  - { pattern: "LOAN", account: "5080", entity: yacht }
charterPayouts: { feeRate: 0.05, windowDays: 10, tolerance: 0.02 }
rental:
  asset: house-a
  entity: house
  address: 1 Test St
  monthlyRent: 2000
  vacancyRate: 0.1
  monthlyCosts:
    - { name: Property tax, monthly: 200, category: tax }
    - { name: Repairs reserve, monthly: 100, category: maintenance }
  purchasePrice: 150000
  cashInvested: 50000
goals: { chartersPerMonth: 5, cashReserveMonths: 12 }
`;

// January has data, February none, March has data, April runs to the 15th.
const csv = `date,description,amount,account
2026-01-05,MARINA SLIP,-4000,Bank
2026-01-06,LOAN YACHT,-1000,Bank
2026-01-10,PAYOUT JAN,3000,Bank
2026-01-12,FUEL DOCK,-150,Bank
2026-01-15,RENT JAN,2000,Bank 2
2026-03-05,MARINA SLIP,-4000,Bank
2026-03-06,LOAN YACHT,-1000,Bank
2026-03-12,PAYOUT S-AAAAAA,950,Bank
2026-03-14,FUEL DOCK,-250,Bank
2026-03-15,RENT MAR,1800,Bank 2
2026-03-20,MYSTERY SHOP,-100,Bank
2026-04-02,MARINA SLIP,-4000,Bank
2026-04-03,RENT APR,2000,Bank 2
2026-04-12,DEPOSIT S-BBBBBB,300,Bank
2026-04-14,FUEL DOCK,-50,Bank
`;

const NOW = new Date('2026-04-15T19:00:00Z');
const hours = (n: number) => n * 3_600_000;
const sail = (s: Partial<SailFacts> & Pick<SailFacts, 'id' | 'departAt'>): SailFacts => ({
  status: 'scheduled',
  guests: 0,
  completed: s.departAt.getTime() + hours(2) <= NOW.getTime(),
  vesselId: 'jada',
  returnAt: new Date(s.departAt.getTime() + hours(2)),
  ...s,
});
const sails: SailFacts[] = [
  // 8 March in San Diego, $1,000: paid out on 12 March as $1,000 × 95% = $950 → matched, counted once.
  sail({ id: 'S-AAAAAA', departAt: new Date('2026-03-09T02:00:00Z'), revenue: 1000 }),
  // 27 March, no price → the average $1,250; no payout → counted at $1,250 × 95% = $1,187.50.
  sail({ id: 'S-CCCCCC', departAt: new Date('2026-03-28T01:00:00Z') }),
  // 4 April (to date), $2,000, not paid out yet → $2,000 × 95% = $1,900 in April.
  sail({ id: 'S-DDDDDD', departAt: new Date('2026-04-05T01:00:00Z'), revenue: 2000 }),
  // Booked for 19 April; S-EEEEEE is on the same boat half an hour later: a double booking.
  sail({ id: 'S-BBBBBB', departAt: new Date('2026-04-20T01:00:00Z'), revenue: 1500 }),
  sail({ id: 'S-EEEEEE', departAt: new Date('2026-04-20T01:30:00Z'), revenue: 1500 }),
  sail({ id: 'S-FFFFFF', departAt: new Date('2026-05-03T01:00:00Z'), status: 'cancelled' }),
];

function input(over: Partial<ReportInput> = {}): ReportInput {
  const p = parsePortfolio(yaml);
  const l = parseLedgerCsv(csv);
  if (!p.ok || !l.ok) throw new Error('the test portfolio must parse');
  return { portfolio: p.portfolio, ledger: l.lines, sails, now: NOW, ...over };
}

describe('fixed costs: operating costs + debt service, per entity', () => {
  const f = financeOf(input());
  it('per entity and for the portfolio', () => {
    expect(f.fixedCosts('boat').value).toBe(500 + 0);
    expect(f.fixedCosts('yacht').value).toBe(1500 + 1000);
    // The rental budget's Property tax ($200) is the recurring cost already listed: counted once;
    // its Repairs reserve ($100) is added. Operating 200 + 100, debt service 800.
    expect(f.fixedCosts('house').value).toBe(200 + 100 + 800);
    expect(f.fixedCosts(ALL).value).toBe(500 + 2500 + 1100);
    expect(f.fixedCosts(ALL).formula).toBe('operating costs $2,300 + debt service $1,800 = $4,100 a month');
  });
  it('break-even counts the charter business and its vessel', () => {
    expect(f.breakEvenEntities).toEqual(['boat', 'yacht']);
    expect(f.fixedCosts(BREAK_EVEN).value).toBe(500 + 2500);
  });
});

describe('monthly books: three months, one without data, and the month to date', () => {
  const f = financeOf(input());
  it('January: payout and rent, fuel, slip, loan', () => {
    const jan = f.month(ALL, '2026-01');
    expect(jan.hasData).toBe(true);
    expect(jan.revenueTotal).toBe(3000 + 2000);
    expect(jan.variableTotal).toBe(150);
    expect(jan.contribution).toBe(5000 - 150);
    expect(jan.fixedTotal).toBe(4000);
    expect(jan.debtService).toBe(1000);
    expect(jan.net).toBe(4850 - 4000 - 1000);
  });
  it('February has no data: never zero', () => {
    const feb = f.month(ALL, '2026-02');
    expect(feb.hasData).toBe(false);
    expect(f.revenue(ALL, '2026-02').value).toBeUndefined();
    expect(f.net(ALL, '2026-02').display).toBe('n/a');
  });
  it('March: the matched sail counts once (its payout), the unpaid one at price less the fee', () => {
    const mar = f.month(ALL, '2026-03');
    expect(f.matches.map((m) => [m.sailId, m.line.date])).toEqual([['S-AAAAAA', '2026-03-12']]);
    expect(mar.revenue).toEqual([
      { label: 'Rent', amount: 1800 },
      { label: UNPAID_CHARTERS, amount: 1250 * 0.95 },
      { label: 'Charters', amount: 950 },
    ]);
    expect(mar.revenueTotal).toBe(950 + 1800 + 1187.5);
    expect(mar.other).toBe(-100);
    expect(mar.charters).toBe(2);
    // 3,937.50 − 250 − 4,000 − 1,000 − 100
    expect(mar.net).toBe(3937.5 - 250 - 4000 - 1000 - 100);
  });
  it('April to date: labelled MTD with its day; the completed charter and its net appear', () => {
    const apr = f.month(ALL, '2026-04');
    expect(apr.label).toBe('Apr 2026 MTD (to 15 Apr)');
    expect(apr.mtd).toBe(true);
    expect(apr.revenueTotal).toBe(2000 + 2000 * 0.95);
    expect(apr.net).toBe(3900 - 50 - 4000);
    // The deposit is deferred revenue: a memo, not revenue.
    expect(apr.deposits).toBe(300);
    expect(apr.charters).toBe(1);
  });
  it('the CFO books table shows "no data" for February, whole dollars elsewhere', () => {
    const m = buildReport('cfo', input());
    const t = m.tables.find((x) => x.title.startsWith('Monthly books'));
    expect(t?.columns).toEqual([
      '',
      'Nov 2025',
      'Dec 2025',
      'Jan 2026',
      'Feb 2026',
      'Mar 2026',
      'Apr 2026 MTD (to 15 Apr)',
    ]);
    const net = t?.rows.find((r) => r[0] === 'Net');
    // −1,412.50 rounds half away from zero, like +1,412.50 would; April: 3,900 − 50 − 4,000 = −150
    expect(net).toEqual(['Net', 'no data', 'no data', '-$150', 'no data', '-$1,413', '-$150']);
    // The accounting report shows the same books with cents.
    const a = buildReport('accounting', input());
    expect(rows(a, 'Monthly books').find((r) => r[0] === 'Net')).toEqual([
      'Net',
      'no data',
      'no data',
      '-$150.00',
      'no data',
      '-$1,412.50',
      '-$150.00',
    ]);
  });
});

describe('burn, runway, contribution, break-even', () => {
  const f = financeOf(input());
  it('net burn averages only the months with data, and says which', () => {
    // Jan −150, Mar −1,412.50 (Feb has none): −(−150 − 1,412.50) ÷ 2 = 781.25
    expect(f.burnWindow()).toEqual({
      months: ['2026-01', '2026-02', '2026-03'],
      withData: ['2026-01', '2026-03'],
    });
    expect(f.netBurn(ALL).value).toBe(-(-150 + -1412.5) / 2);
    expect(f.netBurn(ALL).formula).toContain('÷ 2 months with data');
    expect(f.netBurn(ALL).formula).toContain('Feb 2026 has no ledger data and is left out');
  });
  it('cash is moved from the portfolio date to the report day by the ledger; runway = cash ÷ net burn', () => {
    // $10,000 at 10 April, then +300 (deposit, 12 Apr) − 50 (fuel, 14 Apr)
    expect(f.cash(ALL).value).toBe(10000 + 300 - 50);
    expect(f.runway(ALL).value).toBeCloseTo(10250 / 781.25, 10);
    expect(f.runway(ALL).display).toBe('13.1 months');
  });
  it('gross burn is the fixed costs; a scope that gains has no runway, and says why', () => {
    // Boat Co: Jan +3,000, Mar 950 + 1,187.50 → gains 2,568.75 a month
    expect(f.netBurn('boat').value).toBe(-(3000 + 2137.5) / 2);
    expect(f.runway('boat').value).toBeUndefined();
    expect(f.runway('boat').reason).toMatch(/^not computable because there is no net burn/);
  });
  it('contribution per charter includes the processor fee; break-even charters round up', () => {
    // (3 × (1,000 × 95% − 200) + 1 × (2,000 × 95% − 600)) ÷ 4 = (2,250 + 1,300) ÷ 4
    expect(f.contributionPerCharter().value).toBe(3550 / 4);
    expect(f.averageCharterPrice().value).toBe((3 * 1000 + 2000) / 4);
    // ceil(3,000 ÷ 887.50) = ceil(3.38)
    expect(f.breakEvenCharters().value).toBe(4);
    expect(f.breakEvenChartersRevenue().value).toBe(4 * 1250 * 0.95);
    // Break-even revenue of a month = fixed costs + that month's variable costs
    expect(f.breakEvenRevenue(ALL, '2026-03').value).toBe(4100 + 250);
  });
});

describe('rental: NOI, cap rate and cash-on-cash from the same operating costs', () => {
  const r = financeOf(input()).rental();
  it('by value, with precision: two decimals under 10%', () => {
    // 2,000 × 12 × 0.9 − 300 × 12 = 21,600 − 3,600
    expect(r?.noi.value).toBe(18000);
    expect(r?.capRate.value).toBe(18000 / 200000);
    expect(r?.capRate.display).toBe('9.00%');
    // 18,000 − 800 × 12 = 8,400; ÷ 50,000
    expect(r?.cashFlow.value).toBe(8400);
    expect(r?.cashOnCash.display).toBe('16.8%');
  });
  it('the rental report states those figures and checks rent only in complete months with data', () => {
    const m = buildReport('rental', input());
    expect(kpi(m, 'Cap rate').value).toBe('9.00%');
    // January $2,000 (in full), March $1,800 (short); February has no data and is not "short".
    expect(m.gaps.map((g) => g.text)).toContain('Mar 2026: rent received $1,800 vs $2,000 due.');
    expect(m.gaps.some((g) => g.text.startsWith('Feb 2026'))).toBe(false);
    // A maintenance line exists in the budget: no "no repairs reserve" gap, whatever it is called.
    expect(m.gaps.some((g) => /maintenance/.test(g.text))).toBe(false);
  });
});

describe('sails: double bookings, and sails that cannot be read', () => {
  it('a double booking counts once in booked revenue and is flagged', () => {
    const m = buildReport('cfo', input());
    expect(m.gaps[0]?.text).toMatch(
      /^S-EEEEEE is double-booked: same vessel \(jada\) at the same time as S-BBBBBB/,
    );
    // April to date: S-DDDDDD sailed ($2,000), S-BBBBBB ahead ($1,500); S-EEEEEE not counted.
    const apr = rows(m, 'Charters and booked revenue').find((r) => r[0] === 'Apr 2026 MTD');
    expect(apr?.slice(1, 4)).toEqual(['1', '1', '$3,500']);
  });
  it('unreadable sails are said at the top and nothing is computed from them', () => {
    const f = financeOf(input({ sailsUnavailable: 'DynamoDB timed out' }));
    // March without the unpaid sail: 950 + 1,800
    expect(f.month(ALL, '2026-03').revenueTotal).toBe(950 + 1800);
    const m = buildReport('cfo', input({ sailsUnavailable: 'DynamoDB timed out' }));
    expect(m.notices?.[0]).toMatch(/^Sails could not be read \(DynamoDB timed out\)/);
    expect(
      rows(m, 'Monthly books')
        .find((r) => r[0] === 'Charters completed (sails)')
        ?.at(-1),
    ).toBe('n/a');
    expect(rows(m, 'Charters and booked revenue')[0]?.slice(1, 4)).toEqual(['n/a', 'n/a', 'n/a']);
  });
});

describe('periods', () => {
  it('a past month is complete, and its averages end with it', () => {
    const f = financeOf(input({ month: '2026-03' }));
    expect(f.period.label).toBe('Mar 2026');
    expect(f.burnWindow().months).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(f.booksMonths().at(-1)).toBe('2026-03');
    // Cash at 31 March: 10,000 − (lines from 1 Apr to 10 Apr: −4,000 + 2,000)
    expect(f.cash(ALL).value).toBe(10000 - (-4000 + 2000));
  });
});

describe('every figure states its formula in the footnotes', () => {
  it.each(['cfo', 'ceo', 'rental', 'accounting'] as const)('%s', (kind) => {
    const m = buildReport(kind, input());
    for (const fig of m.figures ?? []) expect(m.footnotes).toContain(`${fig.label}: ${fig.formula}.`);
  });
});
