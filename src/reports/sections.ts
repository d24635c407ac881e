/**
 * Parts several reports share, all built from the definitions (`definitions.ts`): the monthly
 * books table, the fixed-cost budget, the three finance charts and the notices about the data.
 */
import { ALL, type Finance, type MonthBooks } from './definitions';
import { andList, count, usd } from './format';
import type { Chart, Table } from './model';
import { addMonths, dayLabel, monthLabel } from './months';

/** What a cell of the books says for a month without ledger data. */
export const NO_DATA = 'no data';

/**
 * The monthly books of a scope as a table: a column per month (the last one to date), rows for
 * revenue by stream, variable costs, contribution, fixed costs by category, debt service and net.
 */
export function booksTable(
  f: Finance,
  scopeId: string,
  opts: { money?: (n: number) => string; months?: string[]; title?: string } = {},
): Table {
  const money = opts.money ?? ((n: number) => usd(n));
  const months = (opts.months ?? f.booksMonths()).map((m) => f.month(scopeId, m));
  const labels = (pick: (b: MonthBooks) => { label: string }[]) => [
    ...new Set(months.flatMap((b) => (b.hasData ? pick(b).map((x) => x.label) : []))),
  ];
  const cell = (b: MonthBooks, v: number) => (b.hasData ? money(v) : NO_DATA);
  const amountOf = (list: { label: string; amount: number }[], label: string) =>
    list.find((x) => x.label === label)?.amount ?? 0;
  const rows: string[][] = [];
  for (const l of labels((b) => b.revenue))
    rows.push([`  ${l}`, ...months.map((b) => cell(b, amountOf(b.revenue, l)))]);
  rows.push(['Revenue', ...months.map((b) => cell(b, b.revenueTotal))]);
  for (const l of labels((b) => b.variable))
    rows.push([`  ${l}`, ...months.map((b) => cell(b, amountOf(b.variable, l)))]);
  rows.push(['Variable costs', ...months.map((b) => cell(b, b.variableTotal))]);
  rows.push(['Contribution', ...months.map((b) => cell(b, b.contribution))]);
  for (const l of labels((b) => b.fixed))
    rows.push([`  ${l}`, ...months.map((b) => cell(b, amountOf(b.fixed, l)))]);
  rows.push(['Fixed costs', ...months.map((b) => cell(b, b.fixedTotal))]);
  rows.push(['Debt service', ...months.map((b) => cell(b, b.debtService))]);
  if (months.some((b) => b.hasData && b.other !== 0)) {
    rows.push(['Uncategorised lines', ...months.map((b) => cell(b, b.other))]);
  }
  rows.push(['Net', ...months.map((b) => cell(b, b.net))]);
  if (f.charterEntity && f.scope(scopeId).entities.has(f.charterEntity)) {
    rows.push([
      'Charters completed (sails)',
      ...months.map((b) => (f.sailsUnavailable !== undefined ? 'n/a' : count(b.charters))),
    ]);
  }
  if (months.some((b) => b.deposits !== 0)) {
    rows.push(['Memo: deposits received (deferred)', ...months.map((b) => cell(b, b.deposits))]);
  }
  return {
    title: opts.title ?? `Monthly books: ${f.scope(scopeId).name}`,
    columns: ['', ...months.map((b) => b.label)],
    numeric: months.map((_, i) => i + 1),
    rows,
    note: `A month without ledger lines shows "${NO_DATA}", never $0. Net = revenue − variable costs − fixed costs − debt service${scopeId === ALL ? ' + uncategorised lines' : ''}; deposits for future sails are not revenue until the sail.`,
  };
}

/** The fixed-cost budget of a scope: operating costs and debt service, largest first. */
export function fixedCostTable(f: Finance, scopeId: string): Table {
  const lines = [...f.operatingCosts(scopeId), ...f.debtService(scopeId)];
  return {
    title: `Fixed costs a month: ${f.scope(scopeId).name}`,
    columns: ['Vendor', 'Category', 'Entity', 'Kind', 'Monthly'],
    numeric: [4],
    rows: [
      ...lines
        .sort((a, b) => b.monthly - a.monthly)
        .map((c) => [
          c.vendor,
          c.category,
          c.entity,
          c.kind === 'operating' ? 'operating' : 'debt service',
          usd(c.monthly),
        ]),
      ['Total', '', '', '', f.fixedCosts(scopeId).display],
    ],
  };
}

/** Revenue against break-even revenue, by month with data. */
export function revenueChart(f: Finance, scopeId: string): Chart | undefined {
  const months = f.booksMonths().filter((m) => f.month(scopeId, m).hasData);
  if (months.length === 0) return undefined;
  const books = months.map((m) => {
    const b = f.month(scopeId, m);
    return { ...b, label: b.mtd ? `${monthLabel(m)} MTD` : b.label };
  });
  const be = months.map((m) => f.breakEvenRevenue(scopeId, m).value ?? 0);
  const name = f.scope(scopeId).name;
  const below = books.filter((b, i) => b.revenueTotal < (be[i] ?? 0)).map((b) => b.label);
  return {
    id: 'revenue-vs-break-even',
    title: `Revenue against break-even by month: ${name}`,
    alt: `Bar chart of ${name}'s revenue by month (${books.map((b) => `${b.label} ${usd(b.revenueTotal)}`).join(', ')}) with a line at break-even revenue (${be.map((v) => usd(v)).join(', ')}). ${below.length > 0 ? `Below break-even: ${andList(below)}.` : 'No month is below break-even.'}`,
    unit: 'usd',
    layout: 'months',
    x: books.map((b) => b.label),
    series: [
      { name: 'Revenue', mark: 'bar', points: books.map((b) => ({ x: b.label, y: b.revenueTotal })) },
      {
        name: 'Break-even revenue',
        mark: 'line',
        points: books.map((b, i) => ({ x: b.label, y: be[i] ?? 0 })),
      },
    ],
  };
}

/** How many months ahead the cash projection runs. */
export const PROJECTION_MONTHS = 12;

/** Cash at each month's end (from the ledger), then projected at the net burn until it runs out. */
export function cashChart(f: Finance, scopeId: string): Chart {
  const name = f.scope(scopeId).name;
  const months = f.booksMonths().filter((m) => f.coverage.has(m) || m === f.period.month);
  const history = months.map((m) => {
    const day = m === f.period.month ? f.period.through : `${m}-${lastDay(m)}`;
    return { x: m === f.period.month ? dayLabel(day) : monthLabel(m), y: Math.round(f.cashAt(scopeId, day)) };
  });
  const burn = f.netBurn(scopeId).value;
  const start = f.cash(scopeId).value ?? 0;
  const projection: { x: string; y: number }[] = [];
  const last = history.at(-1);
  if (burn !== undefined && burn > 0 && last) {
    projection.push(last);
    let cash = start;
    for (let i = 1; i <= PROJECTION_MONTHS && cash > 0; i++) {
      cash = Math.max(0, cash - burn);
      projection.push({ x: monthLabel(addMonths(f.period.month, i)), y: Math.round(cash) });
    }
  }
  const runway = f.runway(scopeId);
  return {
    id: 'cash-runway',
    title: `Cash with the runway projection: ${name}`,
    alt: `Line chart of ${name}'s cash at each month's end (${history.map((h) => `${h.x} ${usd(h.y)}`).join(', ')})${projection.length > 1 ? `, then projected at a net burn of ${f.netBurn(scopeId).display} a month: ${runway.display} of runway` : `; no projection because runway is ${runway.reason ?? runway.display}`}.`,
    unit: 'usd',
    layout: 'months',
    x: [...new Set([...history.map((h) => h.x), ...projection.map((p) => p.x)])],
    series: [
      { name: 'Cash', mark: 'line', points: history },
      ...(projection.length > 1
        ? [{ name: 'Projection at net burn', mark: 'dashed' as const, points: projection }]
        : []),
    ],
  };
}

function lastDay(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return String(new Date(Date.UTC(y ?? 1970, m ?? 1, 0)).getUTCDate()).padStart(2, '0');
}

/** Spending by category (variable, fixed, debt service) in the latest month with data. */
export function expenseMixChart(f: Finance, scopeId: string): Chart | undefined {
  const month = [...f.booksMonths()].reverse().find((m) => f.month(scopeId, m).hasData);
  if (!month) return undefined;
  const b = f.month(scopeId, month);
  const items = [
    ...b.variable.map((x) => ({ x: `${x.label} (variable)`, y: x.amount })),
    ...b.fixed.map((x) => ({ x: x.label, y: x.amount })),
    ...(b.debtService !== 0 ? [{ x: 'Debt service', y: b.debtService }] : []),
  ]
    .filter((i) => i.y > 0)
    .sort((a, c) => c.y - a.y);
  if (items.length === 0) return undefined;
  const total = items.reduce((a, i) => a + i.y, 0);
  return {
    id: 'expense-mix',
    title: `Expense mix, ${b.label}: ${f.scope(scopeId).name}`,
    alt: `Bar chart of spending by category in ${b.label}, ${usd(total)} in all: ${items.map((i) => `${i.x} ${usd(i.y)}`).join(', ')}.`,
    unit: 'usd',
    layout: 'categories',
    x: items.map((i) => i.x),
    series: [{ name: 'Spending', mark: 'bar', points: items }],
  };
}

/** A simple categories chart from label/value pairs (the other reports' charts). */
export function barsChart(
  id: string,
  title: string,
  unit: Chart['unit'],
  items: readonly { label: string; value: number }[],
): Chart | undefined {
  if (items.length === 0) return undefined;
  const fmt = (n: number) => (unit === 'usd' ? usd(n) : count(n));
  return {
    id,
    title,
    alt: `Bar chart: ${items.map((i) => `${i.label} ${fmt(i.value)}`).join(', ')}.`,
    unit,
    layout: 'categories',
    x: items.map((i) => i.label),
    series: [{ name: title, mark: 'bar', points: items.map((i) => ({ x: i.label, y: i.value })) }],
  };
}

/** The notice a report carries when sails could not be read. */
export function sailsNotice(f: Finance): string[] {
  return f.sailsUnavailable !== undefined
    ? [
        `Sails could not be read (${f.sailsUnavailable}), so nothing in this report is computed from them: charter counts, sail revenue and the booked pipeline are left out, not zero.`,
      ]
    : [];
}

/** The notice for double-booked sails (same vessel, overlapping times), each counted once. */
export function doubleBookingGaps(f: Finance): { text: string; severity: 'high' }[] {
  return f.doubleBooked.map((d) => ({
    text: `${d.sail.id} is double-booked: same vessel${d.sail.vesselId ? ` (${d.sail.vesselId})` : ''} at the same time as ${d.with.id}; it is counted once, as ${d.with.id}.`,
    severity: 'high' as const,
  }));
}
