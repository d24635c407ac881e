/** The rental report: 3028 51st St's income, costs, NOI, cap rate and cash-on-cash. */
import { incomeIn, linesIn, openBooks, sumDollars, typeOf } from '../books';
import { count, pct, plural, show, usd } from '../format';
import { ratio } from '../formulas';
import type { Action, Computed, Gap, ReportInput, ReportModel } from '../model';
import { ignoredEntityNotice, notices, riskMatrix, sortActions, sortGaps } from '../model';
import { lastCompleteMonths, monthLabel } from '../months';
import type { Portfolio } from '../portfolio';

/** The rental's yearly numbers. */
export interface RentalNumbers {
  grossRent: number;
  effectiveRent: number;
  operatingCosts: number;
  noi: number;
  debtService: number;
  cashFlow: number;
  value: number;
  capRate: Computed;
  cashOnCash: Computed;
}

/**
 * NOI = rent × 12 × (1 − vacancy) − operating costs × 12; cap rate = NOI ÷ current value;
 * cash flow = NOI − loan payments × 12; cash-on-cash = cash flow ÷ cash invested.
 */
export function rentalNumbers(portfolio: Portfolio, rental: NonNullable<Portfolio['rental']>): RentalNumbers {
  const asset = portfolio.assets.find((a) => a.id === rental.asset);
  const grossRent = rental.monthlyRent * 12;
  const effectiveRent = grossRent * (1 - rental.vacancyRate);
  const operatingCosts = rental.monthlyCosts.reduce((a, c) => a + c.monthly, 0) * 12;
  const noi = effectiveRent - operatingCosts;
  const debtService = (asset?.financing?.monthlyPayment ?? 0) * 12;
  const cashFlow = noi - debtService;
  const value = asset?.value ?? 0;
  return {
    grossRent,
    effectiveRent,
    operatingCosts,
    noi,
    debtService,
    cashFlow,
    value,
    capRate: ratio(noi, value, 'the property value'),
    cashOnCash: ratio(cashFlow, rental.cashInvested, 'the cash invested'),
  };
}

function emptyReport(input: ReportInput): ReportModel {
  return {
    kind: 'rental',
    title: 'Rental report',
    generatedAt: input.now.toISOString(),
    ...notices(ignoredEntityNotice(input.entity, { label: 'the rental property' })),
    summary: [
      'The portfolio describes no rental property, so there is nothing to report.',
      'Add a `rental` section to the portfolio file and import it again.',
      'Every number in this report needs it.',
    ],
    kpis: [],
    findings: [],
    gaps: [{ text: 'No rental property in the portfolio.', severity: 'medium' }],
    actionPlan: [
      { horizon: 30, action: 'Add the rental section to the portfolio file.', owner: 'Owner', priority: 2 },
    ],
    tables: [],
    charts: [],
    footnotes: [
      'Cap rate = NOI ÷ value and cash-on-cash = cash flow ÷ cash invested need the rental section.',
    ],
  };
}

/** Builds the rental report. */
export function rentalReport(input: ReportInput): ReportModel {
  const { portfolio, now } = input;
  const rental = portfolio.rental;
  if (!rental) return emptyReport(input);
  const n = rentalNumbers(portfolio, rental);
  const books = openBooks(portfolio, input.ledger);
  const months = lastCompleteMonths(now, 3, input.timezone);
  const actual = months.map((m) => {
    const lines = linesIn(books, m, rental.entity);
    return {
      m,
      income: incomeIn(books, m, rental.entity),
      costs: -sumDollars(lines.filter((l) => typeOf(books, l) === 'expense')),
    };
  });
  const expectedMonthlyRent = rental.monthlyRent;
  const shortMonths = actual.filter((a) => a.income < expectedMonthlyRent);

  const gaps: Gap[] = [];
  if (n.cashFlow < 0)
    gaps.push({
      text: `The property loses ${usd(-n.cashFlow)} a year after the mortgage.`,
      severity: 'high',
    });
  for (const a of shortMonths) {
    gaps.push({
      text: `${monthLabel(a.m)}: rent received ${usd(a.income)} vs ${usd(expectedMonthlyRent)} due.`,
      severity: 'medium',
    });
  }
  if (!rental.monthlyCosts.some((c) => /reserve/i.test(c.name))) {
    gaps.push({ text: 'No repairs reserve is budgeted.', severity: 'low' });
  }
  const actions: Action[] = [];
  if (shortMonths.length > 0)
    actions.push({
      horizon: 30,
      action: 'Chase the missing rent and set up automatic payments.',
      owner: 'Owner',
      priority: 1,
    });
  if (n.cashFlow < 0)
    actions.push({
      horizon: 60,
      action: 'Raise rent at renewal or refinance to make the property cash-positive.',
      owner: 'Owner',
      priority: 1,
    });
  actions.push({
    horizon: 90,
    action: 'Compare rent to three current listings on the street before renewals.',
    owner: 'Owner',
    priority: 3,
  });

  return {
    kind: 'rental',
    title: `Rental report: ${rental.address}`,
    entity: rental.entity,
    generatedAt: now.toISOString(),
    ...notices(
      ignoredEntityNotice(input.entity, {
        id: rental.entity,
        label: `the rental property, ${rental.address}`,
      }),
    ),
    summary: [
      `${rental.address} rents for ${usd(rental.monthlyRent)} a month; after ${pct(rental.vacancyRate)} vacancy and ${usd(n.operatingCosts)} of yearly costs its NOI is ${usd(n.noi)}.`,
      `On a value of ${usd(n.value)} that is a cap rate of ${show(n.capRate, pct)}.`,
      `After ${usd(n.debtService)} of mortgage payments the yearly cash flow is ${usd(n.cashFlow)}, a cash-on-cash return of ${show(n.cashOnCash, pct)}.`,
      shortMonths.length > 0
        ? `${count(shortMonths.length)} of the last ${plural(actual.length, 'month')} received less rent than due.`
        : actual.length === 1
          ? 'Rent arrived in full last month.'
          : `Rent arrived in full in each of the last ${plural(actual.length, 'month')}.`,
    ],
    kpis: [
      { label: 'NOI / year', value: usd(n.noi), status: n.noi > 0 ? 'good' : 'bad' },
      {
        label: 'Cap rate',
        value: show(n.capRate, pct),
        target: '≥ 5.0%',
        status: n.capRate.ok && n.capRate.value >= 0.05 ? 'good' : 'warn',
      },
      {
        label: 'Cash flow / year',
        value: usd(n.cashFlow),
        target: '> $0',
        status: n.cashFlow > 0 ? 'good' : 'bad',
      },
      {
        label: 'Cash-on-cash',
        value: show(n.cashOnCash, pct),
        target: '≥ 6.0%',
        status: n.cashOnCash.ok && n.cashOnCash.value >= 0.06 ? 'good' : 'warn',
      },
    ],
    findings: actual.map(
      (a) => `${monthLabel(a.m)}: ${usd(a.income)} rent in, ${usd(a.costs)} out (ledger).`,
    ),
    gaps: sortGaps(gaps),
    actionPlan: sortActions(actions),
    risks: riskMatrix(portfolio, rental.entity).filter(
      (r) => portfolio.risks.find((x) => x.id === r.id)?.entity === rental.entity,
    ),
    tables: [
      {
        title: 'Yearly pro forma',
        columns: ['Line', 'Amount'],
        numeric: [1],
        rows: [
          ['Gross rent (× 12)', usd(n.grossRent)],
          [`Vacancy (${pct(rental.vacancyRate)})`, usd(n.effectiveRent - n.grossRent)],
          ...rental.monthlyCosts.map((c) => [`${c.name} (× 12)`, usd(-c.monthly * 12)]),
          ['Net operating income', usd(n.noi)],
          ['Mortgage payments (× 12)', usd(-n.debtService)],
          ['Cash flow', usd(n.cashFlow)],
        ],
      },
      {
        title: 'Actual, from the ledger',
        columns: ['Month', 'Rent in', 'Costs out', 'Net'],
        numeric: [1, 2, 3],
        rows: actual.map((a) => [monthLabel(a.m), usd(a.income), usd(a.costs), usd(a.income - a.costs)]),
      },
    ],
    charts: [
      {
        title: 'Rent received per month',
        bars: actual.map((a) => ({ label: monthLabel(a.m), value: a.income, display: usd(a.income) })),
        marker: { value: expectedMonthlyRent, label: `due ${usd(expectedMonthlyRent)}` },
      },
    ],
    footnotes: [
      'NOI = monthly rent × 12 × (1 − vacancy rate) − Σ monthly operating costs × 12 (mortgage excluded).',
      'Cap rate = NOI ÷ current property value.',
      'Cash flow = NOI − monthly mortgage payment × 12; cash-on-cash = cash flow ÷ cash invested.',
    ],
  };
}
