/** The rental report: the rental property's rent, costs, NOI, cap rate and cash-on-cash (figures from `definitions.ts`). */
import { figureNote, financeOf, uniqueFigures } from '../definitions';
import { andList, count, pct, plural, usd } from '../format';
import type { Action, Gap, ReportInput, ReportModel } from '../model';
import { ignoredEntityNotice, notices, riskMatrix, sortActions, sortGaps } from '../model';
import { barsChart, booksTable } from '../sections';

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
  const f = financeOf(input);
  const n = f.rental();
  if (!rental || !n) return emptyReport(input);
  const months = f.booksMonths();
  const withData = months.filter((m) => f.month(rental.entity, m).hasData);
  const noData = months.filter((m) => !f.month(rental.entity, m).hasData);
  const actual = withData.map((m) => {
    const b = f.month(rental.entity, m);
    return {
      m,
      label: b.label,
      mtd: b.mtd,
      income: b.revenueTotal,
      costs: b.variableTotal + b.fixedTotal + b.debtService,
      net: b.net,
    };
  });
  const expectedMonthlyRent = rental.monthlyRent;
  // A month to date is not short yet: rent may still arrive.
  const shortMonths = actual.filter((a) => !a.mtd && a.income < expectedMonthlyRent);
  const complete = actual.filter((a) => !a.mtd);
  const hasReserve = rental.monthlyCosts.some((c) => c.category === 'maintenance');

  const gaps: Gap[] = [];
  if ((n.cashFlow.value ?? 0) < 0) {
    gaps.push({
      text: `The property loses ${usd(-(n.cashFlow.value ?? 0))} a year after the mortgage.`,
      severity: 'high',
    });
  }
  for (const a of shortMonths) {
    gaps.push({
      text: `${a.label}: rent received ${usd(a.income)} vs ${usd(expectedMonthlyRent)} due.`,
      severity: 'medium',
    });
  }
  if (!hasReserve) {
    gaps.push({ text: 'The property budget has no maintenance (repairs reserve) line.', severity: 'low' });
  }
  if (complete.length === 0) {
    gaps.push({
      text: 'No complete month has ledger data for the property: import its bank exports.',
      severity: 'medium',
    });
  }
  const actions: Action[] = [];
  if (shortMonths.length > 0) {
    actions.push({
      horizon: 30,
      action: 'Chase the missing rent and set up automatic payments.',
      owner: 'Owner',
      priority: 1,
    });
  }
  if ((n.cashFlow.value ?? 0) < 0) {
    actions.push({
      horizon: 60,
      action: 'Raise rent at renewal or refinance to make the property cash-positive.',
      owner: 'Owner',
      priority: 1,
    });
  }
  actions.push({
    horizon: 90,
    action: 'Compare rent to three current listings on the street before renewals.',
    owner: 'Owner',
    priority: 3,
  });
  const figures = uniqueFigures([n.noi, n.capRate, n.cashFlow, n.cashOnCash, f.fixedCosts(rental.entity)]);
  const chart = barsChart(
    'rent-received',
    `Rent received per month (due ${usd(expectedMonthlyRent)})`,
    'usd',
    actual.map((a) => ({ label: a.label, value: a.income })),
  );

  return {
    kind: 'rental',
    title: `Rental report: ${rental.address}`,
    entity: rental.entity,
    ...(portfolio.brand ? { brand: portfolio.brand } : {}),
    period: { month: f.period.month, label: f.period.label },
    generatedAt: now.toISOString(),
    ...notices(
      ignoredEntityNotice(input.entity, {
        id: rental.entity,
        label: `the rental property, ${rental.address}`,
      }),
    ),
    summary: [
      `${rental.address} rents for ${usd(rental.monthlyRent)} a month; after ${pct(rental.vacancyRate)} vacancy and ${usd(n.operatingMonthly * 12)} of yearly operating costs its NOI is ${n.noi.display}.`,
      `On a value of ${usd(n.value)} that is a cap rate of ${n.capRate.display}.`,
      `After ${usd(n.debtService)} of mortgage payments the yearly cash flow is ${n.cashFlow.display}, a cash-on-cash return of ${n.cashOnCash.display}.`,
      complete.length === 0
        ? 'No complete month has ledger data for the property, so rent received cannot be checked.'
        : shortMonths.length > 0
          ? `${count(shortMonths.length)} of ${plural(complete.length, 'month')} with ledger data received less rent than due.`
          : `Rent arrived in full in ${complete.length === 1 ? 'the one month' : `each of the ${count(complete.length)} months`} with ledger data (${andList(complete.map((a) => a.label))}).`,
    ],
    kpis: [
      { label: 'NOI / year', value: n.noi.display, status: (n.noi.value ?? 0) > 0 ? 'good' : 'bad' },
      {
        label: 'Cap rate',
        value: n.capRate.display,
        target: `≥ ${pct(0.05)}`,
        status: n.capRate.value !== undefined && n.capRate.value >= 0.05 ? 'good' : 'warn',
      },
      {
        label: 'Cash flow / year',
        value: n.cashFlow.display,
        target: '> $0',
        status: (n.cashFlow.value ?? 0) > 0 ? 'good' : 'bad',
      },
      {
        label: 'Cash-on-cash',
        value: n.cashOnCash.display,
        target: `≥ ${pct(0.06)}`,
        status: n.cashOnCash.value !== undefined && n.cashOnCash.value >= 0.06 ? 'good' : 'warn',
      },
    ],
    findings: [
      ...actual.map(
        (a) => `${a.label}: ${usd(a.income)} rent in, ${usd(a.costs)} out, net ${usd(a.net)} (ledger).`,
      ),
      ...(noData.length > 0
        ? [`No ledger data for ${andList(noData.map((m) => f.month(rental.entity, m).label))}.`]
        : []),
    ],
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
          ...f.operatingCosts(rental.entity).map((c) => [`${c.category} (× 12)`, usd(-c.monthly * 12)]),
          ['Net operating income', n.noi.display],
          ['Mortgage payments (× 12)', usd(-n.debtService)],
          ['Cash flow', n.cashFlow.display],
        ],
      },
      booksTable(f, rental.entity, { title: 'Actual, from the ledger' }),
    ],
    charts: chart ? [chart] : [],
    figures,
    keyFigures: [n.noi.id, n.capRate.id, n.cashOnCash.id],
    footnotes: [
      ...figures.map(figureNote),
      "Operating costs are the entity's recurring costs and the rental budget's lines not already among them (same amount and category); the mortgage is debt service, not an operating cost.",
      'Rent is checked only in complete months with ledger data; a month without ledger lines is "no data", never $0 received.',
    ],
  };
}
