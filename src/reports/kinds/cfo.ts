/** The CFO report: burn, contribution per charter, break-even, runway, charters vs break-even, targets. */
import { netBurn, openBooks } from '../books';
import { agree, count, decimal, plural, show, usd } from '../format';
import { averageCharterPrice, breakEvenCharters, contributionPerCharter, runwayMonths } from '../formulas';
import type { Action, BarChart, Gap, Kpi, ReportInput, ReportModel, Table } from '../model';
import { riskMatrix, sortActions, sortGaps } from '../model';
import { lastCompleteMonths, monthKey, monthLabel, monthsToEndOfNextQuarter } from '../months';
import type { Portfolio } from '../portfolio';

/** The entities whose costs the charters must cover: the charter business and its vessel. */
export function charterEntities(portfolio: Portfolio): Set<string> {
  return new Set(
    portfolio.entities.filter((e) => e.kind === 'charter' || e.kind === 'vessel').map((e) => e.id),
  );
}

/** Fixed monthly cost of a set of entities = Σ recurring costs + Σ loan payments on their assets. */
export function fixedMonthly(portfolio: Portfolio, entities?: Set<string>): number {
  const inScope = (e: string) => !entities || entities.has(e);
  const costs = portfolio.recurringCosts.filter((c) => inScope(c.entity)).reduce((a, c) => a + c.monthly, 0);
  const loans = portfolio.assets
    .filter((a) => inScope(a.entity))
    .reduce((a, x) => a + (x.financing?.monthlyPayment ?? 0), 0);
  return costs + loans;
}

/** Cash on hand, optionally for one entity. */
export function cashOnHand(portfolio: Portfolio, entity?: string): number {
  return portfolio.cashOnHand.filter((c) => !entity || c.entity === entity).reduce((a, c) => a + c.amount, 0);
}

/** The last month's charters target: break-even is the bar, the goal is named with it. */
function chartersTarget(breakEven: number, goal: number | undefined): string {
  return `≥ ${count(breakEven)} to break even${goal !== undefined && goal !== breakEven ? `; goal ${count(goal)}` : ''}`;
}

/**
 * Builds the CFO report. With an entity, every input is that entity's: its recurring costs and
 * loans, its cash, its revenue streams and its ledger lines; the sails count only for the charter
 * business and its vessel, since every sail is one of their charters.
 */
export function cfoReport(input: ReportInput): ReportModel {
  const { portfolio, now, entity } = input;
  const tz = input.timezone;
  const books = openBooks(portfolio, input.ledger);
  const scope = entity ? new Set([entity]) : undefined;
  const scopeName = entity ? (portfolio.entities.find((e) => e.id === entity)?.name ?? entity) : undefined;
  const chartering = charterEntities(portfolio);
  const countsCharters = !entity || chartering.has(entity);
  const sails = countsCharters ? input.sails : [];
  const streams = portfolio.revenueStreams.filter((s) => !entity || s.entity === entity);
  const costs = portfolio.recurringCosts.filter((c) => !scope || scope.has(c.entity));
  const burn = fixedMonthly(portfolio, scope);
  const charterScope = scope ?? chartering;
  const charterFixed = fixedMonthly(portfolio, charterScope);
  const contribution = contributionPerCharter(streams, scopeName);
  const avgPrice = averageCharterPrice(streams, scopeName);
  const breakEven = breakEvenCharters(charterFixed, contribution);
  const cash = cashOnHand(portfolio, entity);
  const burnMonths = lastCompleteMonths(now, 3, tz);
  const net = netBurn(books, burnMonths, entity);
  const runway = runwayMonths(cash, net);
  const goal = portfolio.goals.chartersPerMonth;
  const reserve = portfolio.goals.cashReserveMonths;

  const history = lastCompleteMonths(now, 6, tz);
  const completedBy = new Map<string, number>();
  for (const s of sails) {
    if (!s.completed) continue;
    const m = monthKey(s.departAt, tz);
    completedBy.set(m, (completedBy.get(m) ?? 0) + 1);
  }
  const lastMonth = history[history.length - 1] ?? monthKey(now, tz);
  const lastMonthCharters = completedBy.get(lastMonth) ?? 0;
  const monthsBelow = breakEven.ok ? history.filter((m) => (completedBy.get(m) ?? 0) < breakEven.value) : [];

  const futureMonths = monthsToEndOfNextQuarter(now, tz);
  const bookedBy = new Map<string, { n: number; revenue: number }>();
  for (const s of sails) {
    if (s.status === 'cancelled' || s.completed || s.departAt <= now) continue;
    const m = monthKey(s.departAt, tz);
    const cur = bookedBy.get(m) ?? { n: 0, revenue: 0 };
    bookedBy.set(m, {
      n: cur.n + 1,
      revenue: cur.revenue + (s.revenue ?? (avgPrice.ok ? avgPrice.value : 0)),
    });
  }
  const targetCharters = Math.max(goal ?? 0, breakEven.ok ? breakEven.value : 0);

  // An entity that sells nothing per charter is not failing at charters: its n/a is information.
  const notApplicable = !!entity && !contribution.ok;
  const kpis: Kpi[] = [
    { label: 'Gross burn / month (fixed costs)', value: usd(burn), status: 'info' },
    {
      label: 'Net burn / month (after income)',
      value: net.ok ? (net.value > 0 ? usd(net.value) : `none: cash grew ${usd(-net.value)}`) : 'n/a',
      status: net.ok ? 'info' : 'warn',
    },
    {
      label: 'Contribution per charter',
      value: show(contribution, (n) => usd(n)),
      status: notApplicable ? 'info' : contribution.ok && contribution.value > 0 ? 'good' : 'bad',
    },
    {
      label: 'Break-even charters / month',
      value: show(breakEven, count),
      ...(goal !== undefined && !notApplicable ? { target: `≤ ${count(goal)}, the charters goal` } : {}),
      status: notApplicable
        ? 'info'
        : !breakEven.ok
          ? 'bad'
          : goal !== undefined && breakEven.value > goal
            ? 'bad'
            : 'good',
    },
    ...(countsCharters
      ? [
          {
            label: `Charters in ${monthLabel(lastMonth)}`,
            value: count(lastMonthCharters),
            ...(breakEven.ok ? { target: chartersTarget(breakEven.value, goal) } : {}),
            status: breakEven.ok ? (lastMonthCharters >= breakEven.value ? 'good' : 'bad') : 'warn',
          } satisfies Kpi,
        ]
      : []),
    {
      label: 'Runway',
      value: runway.ok ? `${decimal(runway.value)} months` : 'n/a',
      ...(reserve !== undefined ? { target: `≥ ${count(reserve)} months` } : {}),
      // Not computable is neither good nor bad news by itself: the summary says why.
      status: !runway.ok ? 'info' : reserve !== undefined && runway.value < reserve ? 'bad' : 'good',
    },
    { label: 'Cash on hand', value: usd(cash), status: 'info' },
  ];

  const findings: string[] = [];
  const charterNames = portfolio.entities.filter((e) => chartering.has(e.id)).map((e) => e.name);
  findings.push(
    scopeName
      ? `Fixed costs are ${usd(burn)} a month for ${scopeName}.`
      : `Fixed costs are ${usd(burn)} a month across the portfolio; ${charterNames.length > 0 ? charterNames.join(' and ') : 'the charter business'} ${charterNames.length === 1 ? 'carries' : 'carry'} ${usd(charterFixed)} of it.`,
  );
  if (scopeName && !countsCharters) {
    findings.push(
      `Sails are charters of ${charterNames.join(' and ') || 'the charter business'}, so charter counts and charter revenue targets are left out of ${scopeName}'s report.`,
    );
  }
  if (contribution.ok)
    findings.push(`Each charter contributes ${usd(contribution.value)} after variable costs.`);
  else findings.push(`Contribution per charter is ${contribution.reason}.`);
  if (breakEven.ok) {
    findings.push(
      `Break-even is ${plural(breakEven.value, 'charter')} a month; ${count(monthsBelow.length)} of the last ${plural(history.length, 'month')} ${agree(monthsBelow.length, 'was', 'were')} below it.`,
    );
  } else findings.push(`Break-even charters are ${breakEven.reason}.`);
  if (net.ok) {
    findings.push(
      net.value > 0
        ? `Net burn over ${burnMonths.map(monthLabel).join(', ')} averaged ${usd(net.value)} a month.`
        : `Cash flow over ${burnMonths.map(monthLabel).join(', ')} was positive: ${usd(-net.value)} a month on average.`,
    );
  }
  findings.push(
    runway.ok ? `Runway is ${decimal(runway.value)} months of cash.` : `Runway is ${runway.reason}.`,
  );

  const gaps: Gap[] = [];
  if (contribution.ok && contribution.value <= 0) {
    gaps.push({ text: 'Charters do not cover their variable costs; pricing must change.', severity: 'high' });
  } else if (!contribution.ok && !entity) {
    gaps.push({
      text: `Contribution per charter is ${contribution.reason}; add the charter revenue streams to the portfolio.`,
      severity: 'medium',
    });
  }
  if (breakEven.ok && lastMonthCharters < breakEven.value) {
    gaps.push({
      text: `${monthLabel(lastMonth)} had ${plural(lastMonthCharters, 'charter')} against a break-even of ${count(breakEven.value)}.`,
      severity: 'high',
    });
  }
  if (runway.ok && reserve !== undefined && runway.value < reserve) {
    gaps.push({
      text: `Runway of ${decimal(runway.value)} months is below the ${count(reserve)}-month reserve goal.`,
      severity: runway.value < 3 ? 'high' : 'medium',
    });
  }
  if (!net.ok) gaps.push({ text: `Net burn is ${net.reason}; import the bank exports.`, severity: 'medium' });
  if (books.uncategorised.length > 0) {
    gaps.push({
      text: `${plural(books.uncategorised.length, 'ledger line')} ${agree(books.uncategorised.length, 'is', 'are')} uncategorised, so the burn is less certain.`,
      severity: 'low',
    });
  }
  const untracked = streams.filter((s) => !s.tracked);
  if (untracked.length > 0) {
    gaps.push({
      text: `Revenue not tracked in the books: ${untracked.map((s) => s.name).join(', ')}.`,
      severity: 'medium',
    });
  }

  const actions: Action[] = [];
  if (breakEven.ok && lastMonthCharters < breakEven.value) {
    actions.push({
      horizon: 30,
      action: `Book ${plural(breakEven.value - lastMonthCharters, 'more charter')} a month to reach the break-even of ${count(breakEven.value)} (${monthLabel(lastMonth)} had ${count(lastMonthCharters)}).`,
      owner: 'Owner',
      priority: 1,
    });
  }
  if (books.uncategorised.length > 0) {
    actions.push({
      horizon: 30,
      action: 'Add ledger rules for the uncategorised lines.',
      owner: 'Bookkeeper',
      priority: 2,
    });
  }
  actions.push({
    horizon: 60,
    action: `Review the ${plural(costs.length, 'recurring cost')}; cut or renegotiate the ${costs.length > 3 ? 'three largest' : 'largest'}.`,
    owner: 'Owner',
    priority: 2,
  });
  if (runway.ok && reserve !== undefined && runway.value < reserve) {
    actions.push({
      horizon: 90,
      action: `Build the cash reserve to ${plural(reserve, 'month')} of burn.`,
      owner: 'Owner',
      priority: 1,
    });
  }
  if (untracked.length > 0) {
    actions.push({
      horizon: 60,
      action: 'Route untracked revenue through a tracked bank account.',
      owner: 'Owner',
      priority: 2,
    });
  }

  const priceText = show(avgPrice, (n) => usd(n));
  const summary = [
    `${scopeName ?? 'The portfolio'} spends ${usd(burn)} a month in fixed costs (gross burn) and holds ${usd(cash)} in cash.`,
    contribution.ok && breakEven.ok
      ? `At ${usd(contribution.value)} contribution per charter, break-even is ${plural(breakEven.value, 'charter')} a month.`
      : `Break-even charters are ${breakEven.ok ? count(breakEven.value) : breakEven.reason}.`,
    countsCharters
      ? `${monthLabel(lastMonth)} had ${plural(lastMonthCharters, 'completed charter')}${breakEven.ok ? `, against a break-even of ${count(breakEven.value)}${goal !== undefined ? ` and a goal of ${count(goal)}` : ''}` : goal !== undefined ? `, against a goal of ${count(goal)}` : ''}.`
      : net.ok
        ? net.value > 0
          ? `Its ledger shows a net burn of ${usd(net.value)} a month over ${burnMonths.map(monthLabel).join(', ')}.`
          : `Its ledger shows a positive cash flow of ${usd(-net.value)} a month over ${burnMonths.map(monthLabel).join(', ')}.`
        : `Its net burn is ${net.reason}.`,
    runway.ok
      ? `Runway at the recent net burn of ${usd(net.ok ? net.value : 0)} a month is ${decimal(runway.value)} months.`
      : net.ok && net.value <= 0
        ? `Runway is not computable because there is no net burn: over ${burnMonths.map(monthLabel).join(', ')} income covered the fixed costs and left cash ${usd(-net.value)} a month better off.`
        : `Runway is ${runway.reason}.`,
  ];

  const targetsTable: Table = {
    title: 'Revenue targets to the end of next quarter',
    columns: ['Month', 'Booked charters', 'Booked revenue', 'Break-even revenue', 'Target revenue'],
    numeric: [1, 2, 3, 4],
    rows: futureMonths.map((m) => {
      const b = bookedBy.get(m) ?? { n: 0, revenue: 0 };
      return [
        monthLabel(m),
        count(b.n),
        usd(b.revenue),
        breakEven.ok && avgPrice.ok ? usd(breakEven.value * avgPrice.value) : 'n/a',
        avgPrice.ok ? usd(targetCharters * avgPrice.value) : 'n/a',
      ];
    }),
  };
  const chartersChart: BarChart = {
    title: 'Completed charters vs break-even, last 6 months',
    bars: history.map((m) => ({
      label: monthLabel(m),
      value: completedBy.get(m) ?? 0,
      display: count(completedBy.get(m) ?? 0),
    })),
    ...(breakEven.ok
      ? { marker: { value: breakEven.value, label: `break-even ${count(breakEven.value)}` } }
      : {}),
  };

  return {
    kind: 'cfo',
    title: entity ? `CFO report: ${entity}` : 'CFO report',
    ...(entity ? { entity } : {}),
    generatedAt: now.toISOString(),
    summary,
    kpis,
    findings,
    gaps: sortGaps(gaps),
    actionPlan: sortActions(actions),
    risks: riskMatrix(portfolio, entity),
    tables: [
      {
        title: 'Fixed monthly costs',
        columns: ['Vendor', 'Category', 'Entity', 'Monthly'],
        numeric: [3],
        rows: [
          ...[...costs]
            .sort((a, b) => b.monthly - a.monthly)
            .map((c) => [c.vendor, c.category, c.entity, usd(c.monthly)]),
          ...portfolio.assets
            .filter((a) => a.financing && (!scope || scope.has(a.entity)))
            .map((a) => [
              a.financing?.lender ?? '',
              `Loan: ${a.name}`,
              a.entity,
              usd(a.financing?.monthlyPayment ?? 0),
            ]),
        ],
      },
      ...(countsCharters ? [targetsTable] : []),
    ],
    charts: countsCharters ? [chartersChart] : [],
    footnotes: [
      ...(scopeName
        ? [
            `Scope: only ${scopeName}'s recurring costs, loan payments, cash, revenue streams and ledger lines (rules assign lines to entities; uncategorised lines belong to none).`,
          ]
        : []),
      'Gross burn (fixed costs) = Σ recurring monthly costs + Σ monthly loan payments on assets: what the month costs before any income.',
      `Contribution per charter = Σ mix × (price − variable cost) ÷ Σ mix over ${scopeName ? `${scopeName}'s ` : ''}streams sold per charter.`,
      `Break-even charters per month = ceil(fixed monthly cost of ${scopeName ?? 'the charter business and vessel'} ÷ contribution per charter) = ceil(${usd(charterFixed)} ÷ ${show(contribution, (n) => usd(n, true))}).`,
      `Net burn = −(average monthly net cash flow in the ledger over ${burnMonths.map(monthLabel).join(', ')}): what cash actually fell by after income. Fixed costs can be high while net burn is none, when income covers them.`,
      'Runway (months) = cash on hand ÷ net burn; not computable when net burn is zero or negative.',
      ...(countsCharters
        ? [
            `Target revenue = max(goal charters per month, break-even charters) × average charter price (${priceText}); break-even revenue = break-even charters × average charter price.`,
            'Booked revenue counts scheduled or held future sails at their price, or the average charter price when none is set.',
          ]
        : []),
    ],
  };
}
