/**
 * The CFO report: the monthly books (the current month to date), fixed costs, net burn, runway,
 * contribution and break-even, booked revenue ahead. Every figure comes from `definitions.ts`.
 */
import { ALL, BREAK_EVEN, figureNote, financeOf, type MonthBooks, uniqueFigures } from '../definitions';
import { andList, count, pct, plural, usd } from '../format';
import type { Action, Figure, Gap, Kpi, ReportInput, ReportModel, Table } from '../model';
import { notices, riskMatrix, sortActions, sortGaps } from '../model';
import { monthKey, monthLabel, monthsToEndOfNextQuarter } from '../months';
import {
  booksTable,
  cashChart,
  doubleBookingGaps,
  expenseMixChart,
  fixedCostTable,
  revenueChart,
  sailsNotice,
} from '../sections';

/** The sentence for a month's books: revenue and net, or that it has no data. */
export function monthSentence(b: MonthBooks, revenue: Figure, net: Figure): string {
  if (!b.hasData) return `${b.label}: no ledger data.`;
  return `${b.label}: revenue ${revenue.display}, net ${net.display}.`;
}

/** Builds the CFO report, for the whole portfolio or one entity. */
export function cfoReport(input: ReportInput): ReportModel {
  const f = financeOf(input);
  const { portfolio, entity } = input;
  const scopeId = entity ?? ALL;
  const sc = f.scope(scopeId);
  const p = f.period;
  const sailsKnown = f.sailsUnavailable === undefined;
  const countsCharters = !entity || f.breakEvenEntities.includes(entity);
  const fixed = f.fixedCosts(scopeId);
  const beFixed = f.fixedCosts(BREAK_EVEN);
  const burn = f.netBurn(scopeId);
  const cash = f.cash(scopeId);
  const runway = f.runway(scopeId);
  const cpc = f.contributionPerCharter();
  const bec = f.breakEvenCharters();
  const becRevenue = f.breakEvenChartersRevenue();
  const avg = f.averageCharterPrice();
  const cur = f.month(scopeId, p.month);
  const curRevenue = f.revenue(scopeId, p.month);
  const curNet = f.net(scopeId, p.month);
  const curBreakEven = f.breakEvenRevenue(scopeId, p.month);
  const window = f.burnWindow();
  const lastWithData = window.withData.at(-1);
  const last = lastWithData ? f.month(scopeId, lastWithData) : undefined;
  const goal = portfolio.goals.chartersPerMonth;
  const reserve = portfolio.goals.cashReserveMonths;
  const op = f.operatingCosts(scopeId).reduce((a, c) => a + c.monthly, 0);
  const debt = f.debtService(scopeId).reduce((a, c) => a + c.monthly, 0);
  // Charter revenue of a month from the books of the charter business: payouts and unpaid sails.
  const charterBooks = (m: string) => (f.charterEntity ? f.month(f.charterEntity, m) : undefined);
  const lastCharter = lastWithData ? charterBooks(lastWithData) : undefined;
  const belowBreakEven =
    countsCharters && lastCharter?.hasData && becRevenue.value !== undefined
      ? lastCharter.revenueTotal < becRevenue.value
      : false;

  const figures: Figure[] = [fixed, burn, runway, cash, curRevenue, curNet];
  if (countsCharters) figures.push(beFixed, cpc, bec, becRevenue, avg);

  const kpis: Kpi[] = [
    { label: 'Fixed costs / month (gross burn)', value: fixed.display, status: 'info' },
    {
      label: 'Net burn / month',
      value:
        burn.value === undefined ? 'n/a' : burn.value > 0 ? burn.display : `none: gained ${usd(-burn.value)}`,
      status: burn.value === undefined ? 'warn' : 'info',
    },
    {
      label: 'Runway',
      value: runway.display,
      ...(reserve !== undefined ? { target: `≥ ${count(reserve)} months` } : {}),
      status:
        runway.value === undefined
          ? 'info'
          : reserve !== undefined && runway.value < reserve
            ? 'bad'
            : 'good',
    },
    { label: 'Cash', value: cash.display, status: 'info' },
    {
      label: `Revenue, ${p.label}`,
      value: curRevenue.value === undefined ? 'no data' : curRevenue.display,
      ...(curBreakEven.value !== undefined ? { target: `≥ ${curBreakEven.display} to break even` } : {}),
      status:
        curRevenue.value === undefined || curBreakEven.value === undefined || !p.complete
          ? 'info'
          : curRevenue.value >= curBreakEven.value
            ? 'good'
            : 'bad',
    },
    {
      label: `Net, ${p.label}`,
      value: curNet.value === undefined ? 'no data' : curNet.display,
      status: curNet.value === undefined ? 'info' : curNet.value >= 0 ? 'good' : 'warn',
    },
  ];
  if (countsCharters) {
    kpis.push(
      {
        label: 'Contribution per charter',
        value: cpc.display,
        status: cpc.value !== undefined && cpc.value > 0 ? 'good' : 'bad',
      },
      {
        label: 'Break-even charters / month',
        value: bec.display,
        ...(goal !== undefined ? { target: `≤ ${count(goal)}, the charters goal` } : {}),
        status: bec.value === undefined ? 'bad' : goal !== undefined && bec.value > goal ? 'bad' : 'good',
      },
    );
  }

  const summary: string[] = [
    `${sc.name} has fixed costs of ${fixed.display} a month (gross burn: operating costs ${usd(op)} + debt service ${usd(debt)}) and ${cash.display} in cash.`,
    cur.hasData
      ? `${p.label}: revenue ${curRevenue.display}, net ${curNet.display}${countsCharters && sailsKnown ? `, ${plural(cur.charters, 'completed charter')} on record` : ''}.`
      : `${p.label} has no ledger data yet${countsCharters && sailsKnown ? ` (${plural(cur.charters, 'completed charter')} on record)` : ''}.`,
    burn.value === undefined
      ? `Net burn is ${burn.reason}.`
      : burn.value > 0
        ? `Net burn averaged ${burn.display} a month over ${andList(window.withData.map(monthLabel))}; at that burn, runway is ${runway.display}.`
        : `Over ${andList(window.withData.map(monthLabel))} the books gained ${usd(-burn.value)} a month, so there is no net burn and runway is not computable.`,
  ];
  if (countsCharters) {
    summary.push(
      bec.value !== undefined
        ? `Break-even is ${plural(bec.value, 'charter')} a month: fixed costs of ${beFixed.display} (${f.scope(BREAK_EVEN).name}) ÷ ${cpc.display} contribution per charter.`
        : `Break-even charters are ${bec.reason}.`,
    );
  }

  const findings: string[] = f
    .booksMonths()
    .map((m) => monthSentence(f.month(scopeId, m), f.revenue(scopeId, m), f.net(scopeId, m)));
  if (entity && countsCharters) {
    findings.push(
      `Break-even covers ${f.scope(BREAK_EVEN).name}: their fixed costs are ${beFixed.display} a month, of which ${sc.name}'s own are ${fixed.display}.`,
    );
  }
  if (entity && !countsCharters) {
    findings.push(
      `Sails are charters of ${f.scope(BREAK_EVEN).name}, so charter counts and break-even charters are left out of ${sc.name}'s report.`,
    );
  }
  if (!p.complete && cur.hasData && cur.net < 0 && cash.value !== undefined) {
    findings.push(
      `${p.label} so far: net ${curNet.display}; cash is ${cash.display}${runway.value !== undefined ? ` and runway at the recent net burn ${runway.display}` : ''}.`,
    );
  }
  if (countsCharters && f.matches.length > 0) {
    findings.push(
      `${plural(f.matches.length, 'completed sail')} matched ${f.matches.length === 1 ? 'its payout' : 'their payouts'} in the ledger and ${f.matches.length === 1 ? 'is' : 'are'} counted once (${f.matches.map((m) => `${m.sailId} ↔ ${m.line.date} ${usd(m.line.amountCents / 100)}`).join('; ')}).`,
    );
  }

  const gaps: Gap[] = [...doubleBookingGaps(f)];
  if (countsCharters && cpc.value !== undefined && cpc.value <= 0) {
    gaps.push({ text: 'Charters do not cover their variable costs; pricing must change.', severity: 'high' });
  } else if (countsCharters && cpc.value === undefined && !entity) {
    gaps.push({
      text: `Contribution per charter is ${cpc.reason}; add the charter revenue streams to the portfolio.`,
      severity: 'medium',
    });
  }
  if (belowBreakEven && last && lastCharter && becRevenue.value !== undefined) {
    gaps.push({
      text: `${last.label}: charter revenue ${usd(lastCharter.revenueTotal)}${sailsKnown ? ` (${plural(lastCharter.charters, 'completed sail')} on record)` : ''} is below the ${becRevenue.display} that ${count(bec.value ?? 0)} break-even charters bring.`,
      severity: 'high',
    });
  }
  if (runway.value !== undefined && reserve !== undefined && runway.value < reserve) {
    gaps.push({
      text: `Runway of ${runway.display} is below the ${count(reserve)}-month reserve goal.`,
      severity: runway.value < 3 ? 'high' : 'medium',
    });
  }
  if (burn.value === undefined)
    gaps.push({ text: `Net burn is ${burn.reason}; import the bank exports.`, severity: 'medium' });
  if (f.books.uncategorised.length > 0 && !entity) {
    gaps.push({
      text: `${plural(f.books.uncategorised.length, 'ledger line')} ${f.books.uncategorised.length === 1 ? 'is' : 'are'} uncategorised, so the books are less certain.`,
      severity: 'low',
    });
  }
  const streams = portfolio.revenueStreams.filter((s) => !entity || s.entity === entity);
  const untracked = streams.filter((s) => !f.streamTracked(s));
  if (untracked.length > 0) {
    gaps.push({
      text: `Revenue with no ledger lines: ${untracked.map((s) => `${s.name}${s.account ? ` (account ${s.account})` : ''}`).join(', ')}.`,
      severity: 'medium',
    });
  }

  const actions: Action[] = [];
  if (belowBreakEven && lastCharter && becRevenue.value !== undefined && last) {
    actions.push({
      horizon: 30,
      action: `Book charters worth ${usd(becRevenue.value - lastCharter.revenueTotal)} more a month to reach break-even (${last.label} brought ${usd(lastCharter.revenueTotal)}).`,
      owner: 'Owner',
      priority: 1,
    });
  }
  if (f.doubleBooked.length > 0) {
    actions.push({
      horizon: 30,
      action: 'Resolve the double-booked sails (move or cancel one of each pair).',
      owner: 'Owner',
      priority: 1,
    });
  }
  if (f.books.uncategorised.length > 0 && !entity) {
    actions.push({
      horizon: 30,
      action: 'Add ledger rules for the uncategorised lines.',
      owner: 'Bookkeeper',
      priority: 2,
    });
  }
  const costs = f.operatingCosts(scopeId);
  if (costs.length > 0) {
    actions.push({
      horizon: 60,
      action: `Review the ${plural(costs.length, 'operating cost')}; cut or renegotiate the ${costs.length > 3 ? 'three largest' : 'largest'}.`,
      owner: 'Owner',
      priority: 2,
    });
  }
  if (runway.value !== undefined && reserve !== undefined && runway.value < reserve) {
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
      action: 'Route the untracked revenue through its account in the books.',
      owner: 'Owner',
      priority: 2,
    });
  }

  const tables: Table[] = [booksTable(f, scopeId), fixedCostTable(f, scopeId)];
  if (countsCharters) {
    // Completed sails count in their month too, so the current month never reads "0 charters"
    // when one has sailed; a double booking counts once (f.sails leaves it out).
    const booked = new Map<string, { done: number; ahead: number; revenue: number }>();
    for (const s of f.sails) {
      const m = monthKey(s.departAt, f.timezone);
      const row = booked.get(m) ?? { done: 0, ahead: 0, revenue: 0 };
      const past = s.completed && s.departAt.getTime() <= p.asOf.getTime();
      booked.set(m, {
        done: row.done + (past ? 1 : 0),
        ahead: row.ahead + (past ? 0 : 1),
        revenue: row.revenue + f.sailPrice(s),
      });
    }
    const target = Math.max(goal ?? 0, bec.value ?? 0);
    tables.push({
      title: 'Charters and booked revenue to the end of next quarter',
      columns: [
        'Month',
        'Sailed',
        'Booked ahead',
        'Revenue (sails)',
        'At break-even charters',
        'Target revenue',
      ],
      numeric: [1, 2, 3, 4, 5],
      rows: monthsToEndOfNextQuarter(p.asOf, f.timezone).map((m) => {
        const b = booked.get(m) ?? { done: 0, ahead: 0, revenue: 0 };
        return [
          m === p.month && !p.complete ? `${monthLabel(m)} MTD` : monthLabel(m),
          sailsKnown ? count(b.done) : 'n/a',
          sailsKnown ? count(b.ahead) : 'n/a',
          sailsKnown ? usd(b.revenue) : 'n/a',
          becRevenue.display,
          avg.value !== undefined ? usd(target * avg.value * (1 - portfolio.charterPayouts.feeRate)) : 'n/a',
        ];
      }),
      note: 'Sailed = completed sails; booked ahead = scheduled or held sails still to come; each counted once (a double booking counts once), at its price or the average charter price.',
    });
  }

  const charts = [revenueChart(f, scopeId), cashChart(f, scopeId), expenseMixChart(f, scopeId)].filter(
    (c) => c !== undefined,
  );
  const all = uniqueFigures(figures);
  return {
    kind: 'cfo',
    title: entity ? `CFO report: ${sc.name}` : 'CFO report',
    ...(entity ? { entity } : {}),
    ...(portfolio.brand ? { brand: portfolio.brand } : {}),
    period: { month: p.month, label: p.label },
    generatedAt: input.now.toISOString(),
    ...notices(sailsNotice(f)),
    summary,
    kpis,
    findings,
    gaps: sortGaps(gaps),
    actionPlan: sortActions(actions),
    risks: riskMatrix(portfolio, entity),
    tables,
    charts,
    figures: all,
    keyFigures: [fixed.id, burn.id, runway.id, cash.id, curRevenue.id, curNet.id],
    footnotes: [
      ...(entity
        ? [
            `Scope: only ${sc.name}'s costs, loans, cash and ledger lines (rules assign lines to entities; uncategorised lines belong to none).`,
          ]
        : []),
      ...all.map(figureNote),
      `Months: net burn averages the complete months of the last ${f.burnWindow().months.length} that have ledger data; a month without ledger lines is left out, never counted as $0.`,
      ...(countsCharters
        ? [
            `Charter revenue is counted once: a payout in the ledger within ${portfolio.charterPayouts.windowDays} days after a completed sail and within ${pct(portfolio.charterPayouts.tolerance)} of its price less the processor's fee is that sail's money; a completed sail with no such payout counts at its price less the fee.`,
          ]
        : []),
    ],
  };
}
