/**
 * Consistency over generated portfolios and ledgers (fast-check): no two reports state different
 * values for the same figure; no average counts a month without data; percentages and money are
 * formatted one way everywhere (two decimals under 10%, one from 10%; cents in the accounting
 * tables, whole dollars elsewhere).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildReport, reportKinds } from '../../src/reports';
import { ALL, financeOf } from '../../src/reports/definitions';
import type { LedgerLine } from '../../src/reports/ledger';
import type { ReportInput, ReportModel, SailFacts } from '../../src/reports/model';
import { portfolioSchema } from '../../src/reports/portfolio';

const NOW = new Date('2026-04-15T19:00:00Z');
const MONTHS = ['2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04'];
const OTHER_KINDS = ['vessel', 'services', 'property', 'delivery', 'agency'] as const;
const money = (max: number) => fc.integer({ min: 0, max: max * 100 }).map((c) => c / 100);

const arbInput = fc
  .record({
    others: fc.subarray([...OTHER_KINDS], { minLength: 0 }),
    costs: fc.array(
      fc.record({
        e: fc.nat(5),
        monthly: money(3000),
        category: fc.constantFrom('Slip', 'Insurance', 'Office'),
      }),
      { maxLength: 6 },
    ),
    loans: fc.array(fc.record({ e: fc.nat(5), payment: money(2500), value: money(400000) }), {
      maxLength: 3,
    }),
    charterStreams: fc.array(
      fc.record({ price: money(3000), variable: money(1500), mix: fc.integer({ min: 1, max: 3 }) }),
      { maxLength: 2 },
    ),
    feeRate: fc.constantFrom(0, 0.03, 0.05),
    cash: fc.array(fc.record({ e: fc.nat(5), amount: fc.integer({ min: -5000, max: 60000 }) }), {
      maxLength: 4,
    }),
    rent: money(5000),
    vacancy: fc.constantFrom(0, 0.05, 0.1),
    budget: fc.array(
      fc.record({ monthly: money(600), category: fc.constantFrom('tax', 'maintenance', 'utilities') }),
      { maxLength: 3 },
    ),
    cashInvested: fc.integer({ min: 0, max: 200000 }),
    withData: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
    lines: fc.array(
      fc.record({
        month: fc.nat(5),
        day: fc.integer({ min: 1, max: 28 }),
        e: fc.nat(5),
        kind: fc.constantFrom('IN', 'FX', 'VR', 'DB', 'DEP', 'ZZ'),
        cents: fc.integer({ min: 1, max: 900000 }),
      }),
      { maxLength: 40 },
    ),
    sails: fc.array(
      fc.record({
        day: fc.integer({ min: -120, max: 60 }),
        hour: fc.nat(23),
        price: fc.option(money(3000), { nil: undefined }),
        cancelled: fc.boolean(),
      }),
      { maxLength: 6 },
    ),
  })
  .map((g): ReportInput => {
    const kinds = ['charter', ...g.others];
    const ids = kinds.map((k) => `e-${k}`);
    const pick = (i: number) => ids[i % ids.length] ?? 'e-charter';
    const hasProperty = ids.includes('e-property');
    const assets = g.loans.map((l, i) => ({
      id: `a${i}`,
      name: `Asset ${i}`,
      type: 'equipment',
      entity: pick(l.e),
      value: l.value,
      financing: { lender: `Lender ${i}`, balance: 1000, monthlyPayment: l.payment },
    }));
    if (hasProperty)
      assets.push({
        id: 'house',
        name: 'House',
        type: 'property',
        entity: 'e-property',
        value: 300000,
        financing: { lender: 'Bank', balance: 1, monthlyPayment: 900 },
      });
    const raw = {
      asOf: '2026-04-10',
      brand: 'Generated',
      cashOnHand: g.cash.map((c, i) => ({ entity: pick(c.e), account: `Bank ${i}`, amount: c.amount })),
      entities: kinds.map((k, i) => ({ id: ids[i], name: `${k} business`, kind: k })),
      assets,
      recurringCosts: g.costs.map((c, i) => ({
        vendor: `Vendor ${i}`,
        category: c.category,
        monthly: c.monthly,
        entity: pick(c.e),
      })),
      revenueStreams: [
        ...g.charterStreams.map((s, i) => ({
          id: `c${i}`,
          entity: 'e-charter',
          name: `Charter ${i}`,
          unit: 'charter',
          price: s.price,
          variableCost: s.variable,
          mix: s.mix,
          account: '4000',
        })),
        ...ids.slice(1).map((e, i) => ({
          id: `s${i}`,
          entity: e,
          name: `Stream ${i}`,
          unit: 'month',
          price: 100,
          variableCost: 0,
          account: `40${String(i + 1).padStart(2, '0')}`,
        })),
      ],
      accounts: [
        { code: '2100', name: 'Deposits', type: 'liability', deferredRevenue: true },
        ...ids.map((_, i) => ({
          code: `40${String(i).padStart(2, '0')}`,
          name: `Income ${i}`,
          type: 'income',
        })),
        { code: '5000', name: 'Fixed', type: 'expense', cost: 'fixed' },
        { code: '5010', name: 'Variable', type: 'expense', cost: 'variable' },
        { code: '5080', name: 'Loans', type: 'expense', cost: 'debt-service' },
      ],
      ledgerRules: [
        { pattern: '^DEP ', account: '2100', entity: 'e-charter' },
        ...ids.flatMap((e, i) => [
          { pattern: `^IN${i} `, account: `40${String(i).padStart(2, '0')}`, entity: e },
          { pattern: `^FX${i} `, account: '5000', entity: e },
          { pattern: `^VR${i} `, account: '5010', entity: e },
          { pattern: `^DB${i} `, account: '5080', entity: e },
        ]),
      ],
      charterPayouts: { feeRate: g.feeRate, windowDays: 14, tolerance: 0.02 },
      ...(hasProperty
        ? {
            rental: {
              asset: 'house',
              entity: 'e-property',
              address: '1 Generated Way',
              monthlyRent: g.rent,
              vacancyRate: g.vacancy,
              monthlyCosts: g.budget.map((b, i) => ({
                name: `Budget ${i}`,
                monthly: b.monthly,
                category: b.category,
              })),
              purchasePrice: 250000,
              cashInvested: g.cashInvested,
            },
          }
        : {}),
      goals: { chartersPerMonth: 6, cashReserveMonths: 6 },
    };
    const portfolio = portfolioSchema.parse(raw);
    const ledger: LedgerLine[] = g.lines
      .filter((l) => g.withData[l.month])
      .map((l, i) => {
        const idx = l.e % ids.length;
        const sign = l.kind === 'IN' || l.kind === 'DEP' ? 1 : -1;
        const prefix = l.kind === 'DEP' ? 'DEP' : l.kind === 'ZZ' ? 'ZZ' : `${l.kind}${idx}`;
        const date = `${MONTHS[l.month]}-${String(l.day).padStart(2, '0')}`;
        return {
          date,
          description: `${prefix} LINE ${i}`,
          amountCents: sign * l.cents,
          source: 'Bank',
          hash: `h${i}`,
        };
      })
      // Nothing after the report's day: the ledger cannot hold the future.
      .filter((l) => l.date <= '2026-04-15');
    const sails: SailFacts[] = g.sails.map((s, i) => {
      const departAt = new Date(NOW.getTime() + s.day * 86_400_000 + s.hour * 3_600_000);
      return {
        id: `S-${String(i).padStart(6, 'A')}`,
        departAt,
        returnAt: new Date(departAt.getTime() + 7_200_000),
        vesselId: 'jada',
        status: s.cancelled ? 'cancelled' : 'scheduled',
        guests: 0,
        completed: !s.cancelled && departAt.getTime() + 7_200_000 <= NOW.getTime(),
        ...(s.price !== undefined ? { revenue: s.price } : {}),
      };
    });
    return { portfolio, ledger, sails, now: NOW };
  });

/** Every piece of text a report shows (and its tables' cells). */
function texts(m: ReportModel): string[] {
  return [
    ...m.summary,
    ...m.kpis.flatMap((k) => [k.value, k.target ?? '']),
    ...m.findings,
    ...m.gaps.map((g) => g.text),
    ...m.actionPlan.map((a) => a.action),
    ...m.footnotes,
    ...m.tables.flatMap((t) => t.rows.flat()),
  ];
}

function buildAll(input: ReportInput): ReportModel[] {
  const out = reportKinds.map((k) => buildReport(k, input));
  for (const e of input.portfolio.entities) {
    for (const k of ['cfo', 'accounting'] as const) out.push(buildReport(k, { ...input, entity: e.id }));
  }
  return out;
}

describe('consistency over generated portfolios and ledgers', () => {
  it('no two reports state different values for the same figure, or KPI', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const models = buildAll(input);
        const seen = new Map<string, { value: number | undefined; display: string; kind: string }>();
        for (const m of models) {
          for (const f of m.figures ?? []) {
            const before = seen.get(f.id);
            if (before) {
              expect({ id: f.id, value: f.value, display: f.display }).toEqual({
                id: f.id,
                value: before.value,
                display: before.display,
              });
            } else seen.set(f.id, { value: f.value, display: f.display, kind: m.kind });
          }
        }
        // KPIs the whole-portfolio reports share (CFO and CEO: cash, fixed costs) read the same.
        const whole = models.filter((m) => m.entity === undefined);
        const kpis = new Map<string, string>();
        for (const m of whole) {
          for (const k of m.kpis) {
            const before = kpis.get(k.label);
            if (before !== undefined && ['Cash', 'Fixed costs / month (gross burn)'].includes(k.label))
              expect(k.value).toBe(before);
            kpis.set(k.label, k.value);
          }
        }
      }),
      { numRuns: 30 },
    );
  });

  it('no average counts a month without data', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const f = financeOf(input);
        const withLines = new Set(input.ledger.map((l) => l.date.slice(0, 7)));
        const { months, withData } = f.burnWindow();
        expect(withData).toEqual(months.filter((m) => withLines.has(m)));
        for (const scope of [ALL, ...input.portfolio.entities.map((e) => e.id)]) {
          const burn = f.netBurn(scope);
          if (withData.length === 0) expect(burn.value).toBeUndefined();
          else {
            const nets = withData.map((m) => f.month(scope, m).net);
            expect(burn.value).toBeCloseTo(-nets.reduce((a, b) => a + b, 0) / withData.length, 6);
          }
          for (const m of f.booksMonths()) {
            const b = f.month(scope, m);
            if (!withLines.has(m) && !(b.mtd && b.hasData)) {
              expect(b.hasData).toBe(false);
              expect(f.revenue(scope, m).value).toBeUndefined();
            }
          }
        }
        // The expense audit compares two months that both have data.
        const audit = buildReport('accounting', input).tables.find((t) =>
          t.title.startsWith('Expense audit'),
        );
        const compared = audit?.title.match(/: (\w{3} \d{4}) → (\w{3} \d{4})$/);
        if (compared) {
          for (const label of compared.slice(1)) {
            const month = MONTHS.find((m) => labelOf(m) === label);
            expect(month && withLines.has(month)).toBe(true);
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it('percentages: two decimals under 10%, one from 10%; money: cents in accounting tables, whole dollars elsewhere', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        for (const m of buildAll(input)) {
          for (const t of texts(m)) {
            for (const [, num] of t.matchAll(/(-?\d[\d,]*(?:\.\d+)?)%/g)) {
              const n = Math.abs(Number((num ?? '').replace(/,/g, '')));
              const decimals = (num ?? '').split('.')[1]?.length ?? 0;
              if (Math.round(n * 100) / 100 < 10) expect({ t, decimals }).toEqual({ t, decimals: 2 });
              else expect({ t, decimals }).toEqual({ t, decimals: 1 });
            }
          }
          const prose = [
            ...m.summary,
            ...m.kpis.map((k) => k.value),
            ...m.findings,
            ...m.gaps.map((g) => g.text),
          ];
          for (const t of prose) {
            // Unit rates (per mile) keep cents; every other amount in prose is whole dollars.
            const amounts = t.replace(/\$[\d,]+\.\d\d(?= per mile|\/mile)/g, '').match(/\$[\d,]+\.\d+/g);
            expect({ t, amounts }).toEqual({ t, amounts: null });
          }
          if (m.kind === 'accounting') {
            for (const table of m.tables) {
              for (const cell of table.rows.flat()) {
                for (const amount of cell.match(/\$[\d,]+(?:\.\d+)?/g) ?? [])
                  expect(amount).toMatch(/\.\d\d$/);
              }
            }
          } else if (m.kind !== 'delivery') {
            for (const cell of m.tables.flatMap((t) => t.rows.flat()))
              expect(cell).not.toMatch(/\$[\d,]+\.\d/);
          }
        }
      }),
      { numRuns: 30 },
    );
  });
});

function labelOf(month: string): string {
  const names = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${names[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}
