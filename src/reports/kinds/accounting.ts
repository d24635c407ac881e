/** The accounting report: balances per entity, expense audit month over month, uncategorised lines, revenue recognition. */
import { type Books, linesIn, openBooks, sailIdsIn, sumDollars, typeOf } from '../books';
import { agree, count, pct, plural, usd } from '../format';
import type { Action, Gap, ReportInput, ReportModel, SailFacts } from '../model';
import { sortActions, sortGaps } from '../model';
import { lastCompleteMonths, monthLabel } from '../months';

/** A change larger than this share month over month is flagged in the expense audit. */
export const EXPENSE_SWING = 0.25;

/** How one deposit line is recognised. */
export interface DepositRecognition {
  date: string;
  description: string;
  amount: number;
  sailId?: string;
  state: 'recognised' | 'deferred' | 'unmatched' | 'refund-due';
}

/**
 * Revenue recognition: a deposit stays deferred revenue until its sail is completed; then it is
 * recognised. A deposit naming no known sail is unmatched; one for a cancelled sail is a refund due.
 */
export function recogniseDeposits(books: Books, sails: readonly SailFacts[]): DepositRecognition[] {
  const byId = new Map(sails.map((s) => [s.id, s]));
  return books.lines
    .filter((l) => l.account && books.accounts.get(l.account)?.deferredRevenue)
    .map((l) => {
      const sailId = sailIdsIn(l.description)[0];
      const sail = sailId ? byId.get(sailId) : undefined;
      const state: DepositRecognition['state'] = !sail
        ? 'unmatched'
        : sail.completed
          ? 'recognised'
          : sail.status === 'cancelled'
            ? 'refund-due'
            : 'deferred';
      return {
        date: l.date,
        description: l.description,
        amount: l.amountCents / 100,
        ...(sailId ? { sailId } : {}),
        state,
      };
    });
}

/** Builds the accounting report. */
export function accountingReport(input: ReportInput): ReportModel {
  const { portfolio, now } = input;
  const books = openBooks(portfolio, input.ledger);
  const entityIds = portfolio.entities.map((e) => e.id).filter((e) => !input.entity || e === input.entity);
  const lines = books.lines.filter((l) => !input.entity || l.entity === input.entity);

  const balanceRows = portfolio.accounts
    .map((a) => {
      const per = entityIds.map((e) =>
        sumDollars(lines.filter((l) => l.account === a.code && l.entity === e)),
      );
      const total = per.reduce((x, y) => x + y, 0);
      return { a, per, total, used: lines.some((l) => l.account === a.code) };
    })
    .filter((r) => r.used);

  const [prev, last] = lastCompleteMonths(now, 2, input.timezone);
  const expenseAccounts = portfolio.accounts.filter((a) => a.type === 'expense');
  const audit = expenseAccounts
    .map((a) => {
      const spend = (m: string | undefined) =>
        m ? -sumDollars(linesIn(books, m, input.entity).filter((l) => l.account === a.code)) : 0;
      const p = spend(prev);
      const l = spend(last);
      const change = p === 0 ? (l === 0 ? 0 : undefined) : (l - p) / p;
      return { a, p, l, change };
    })
    .filter((r) => r.p !== 0 || r.l !== 0);
  const swings = audit.filter((r) => r.change === undefined || Math.abs(r.change) > EXPENSE_SWING);

  const deposits = recogniseDeposits(books, input.sails).filter(
    (d) => !input.entity || lines.some((l) => l.description === d.description && l.date === d.date),
  );
  const sumState = (s: DepositRecognition['state']) =>
    deposits.filter((d) => d.state === s).reduce((a, d) => a + d.amount, 0);
  const deferred = sumState('deferred');
  const recognised = sumState('recognised');
  const unmatched = deposits.filter((d) => d.state === 'unmatched');
  const refunds = deposits.filter((d) => d.state === 'refund-due');
  const uncategorisedTotal = sumDollars(books.uncategorised);
  const income = sumDollars(lines.filter((l) => typeOf(books, l) === 'income'));
  const expense = -sumDollars(lines.filter((l) => typeOf(books, l) === 'expense'));

  const gaps: Gap[] = [];
  if (books.uncategorised.length > 0) {
    gaps.push({
      text: `${plural(books.uncategorised.length, 'line')} (${usd(uncategorisedTotal, true)}) ${agree(books.uncategorised.length, 'matches', 'match')} no rule and ${agree(books.uncategorised.length, 'sits', 'sit')} outside the chart of accounts.`,
      severity: books.uncategorised.length > 10 ? 'high' : 'medium',
    });
  }
  for (const d of unmatched) {
    gaps.push({
      text: `Deposit "${d.description}" (${usd(d.amount)}) names no known sail.`,
      severity: 'medium',
    });
  }
  for (const d of refunds)
    gaps.push({
      text: `Deposit for cancelled sail ${d.sailId} (${usd(d.amount)}) should be refunded.`,
      severity: 'high',
    });
  for (const r of swings) {
    gaps.push({
      text: `${r.a.name} moved from ${usd(r.p)} to ${usd(r.l)}${r.change !== undefined ? ` (${pct(r.change)})` : ''}; check it.`,
      severity: 'low',
    });
  }

  const actions: Action[] = [];
  if (books.uncategorised.length > 0) {
    actions.push({
      horizon: 30,
      action: `Categorise the ${plural(books.uncategorised.length, 'uncategorised line')} and add rules for ${agree(books.uncategorised.length, 'it', 'them')}.`,
      owner: 'Bookkeeper',
      priority: 1,
    });
  }
  if (unmatched.length + refunds.length > 0) {
    actions.push({
      horizon: 30,
      action: 'Match every deposit to its sail (put the sail id in the payment memo).',
      owner: 'Bookkeeper',
      priority: 2,
    });
  }
  if (swings.length > 0) {
    actions.push({
      horizon: 30,
      action: `Review ${swings.map((s) => s.a.name).join(', ')} for the month-over-month swing.`,
      owner: 'Owner',
      priority: 3,
    });
  }
  actions.push({
    horizon: 90,
    action: 'Close the books monthly: reconcile each bank account to its statement.',
    owner: 'Bookkeeper',
    priority: 3,
  });

  return {
    kind: 'accounting',
    title: input.entity ? `Accounting report: ${input.entity}` : 'Accounting report',
    ...(input.entity ? { entity: input.entity } : {}),
    generatedAt: now.toISOString(),
    summary: [
      `The ledger holds ${plural(lines.length, 'line')}${input.entity ? ` for ${input.entity}` : ''}: ${usd(income)} of income and ${usd(expense)} of expenses across ${plural(balanceRows.length, 'account')}.`,
      books.uncategorised.length > 0
        ? `${plural(books.uncategorised.length, 'line')} totalling ${usd(uncategorisedTotal, true)} ${agree(books.uncategorised.length, 'is', 'are')} uncategorised${input.entity ? ' in the whole ledger (they belong to no entity until a rule matches them)' : ''}.`
        : 'Every line is categorised.',
      `Deposits for future sails hold ${usd(deferred)} of deferred revenue; ${usd(recognised)} has been recognised on completed sails.`,
      `${plural(swings.length, 'expense account')} moved more than ${pct(EXPENSE_SWING)} between ${prev ? monthLabel(prev) : '?'} and ${last ? monthLabel(last) : '?'}.`,
    ],
    kpis: [
      {
        label: 'Uncategorised lines',
        value: count(books.uncategorised.length),
        target: '0',
        status: books.uncategorised.length ? 'warn' : 'good',
      },
      { label: 'Deferred revenue', value: usd(deferred), status: 'info' },
      { label: 'Recognised from deposits', value: usd(recognised), status: 'info' },
      {
        label: 'Unmatched deposits',
        value: count(unmatched.length),
        target: '0',
        status: unmatched.length ? 'warn' : 'good',
      },
      { label: 'Expense swings > 25%', value: count(swings.length), status: swings.length ? 'warn' : 'good' },
    ],
    findings: [
      ...balanceRows
        .filter((r) => r.a.type === 'income')
        .map((r) => `${r.a.code} ${r.a.name}: ${usd(r.total)}.`),
      ...deposits.map((d) => `${d.date} ${d.sailId ?? 'no sail'}: ${usd(d.amount)} ${d.state}.`),
    ],
    gaps: sortGaps(gaps),
    actionPlan: sortActions(actions),
    tables: [
      {
        title: 'Chart of accounts: balances per entity',
        columns: ['Account', 'Type', ...entityIds, 'Total'],
        numeric: entityIds.map((_, i) => i + 2).concat(entityIds.length + 2),
        rows: balanceRows.map((r) => [
          `${r.a.code} ${r.a.name}`,
          r.a.type,
          ...r.per.map((n) => (n === 0 ? '' : usd(n))),
          usd(r.total),
        ]),
      },
      {
        title: `Expense audit: ${prev ? monthLabel(prev) : '?'} → ${last ? monthLabel(last) : '?'}`,
        columns: ['Account', prev ? monthLabel(prev) : '', last ? monthLabel(last) : '', 'Change'],
        numeric: [1, 2, 3],
        rows: audit.map((r) => [
          `${r.a.code} ${r.a.name}`,
          usd(r.p),
          usd(r.l),
          r.change === undefined ? 'new' : pct(r.change),
        ]),
      },
      {
        title: 'Uncategorised lines',
        columns: ['Date', 'Description', 'Source', 'Amount'],
        numeric: [3],
        rows: books.uncategorised.map((l) => [
          l.date,
          l.description,
          l.source,
          usd(l.amountCents / 100, true),
        ]),
      },
      {
        title: 'Revenue recognition (deposits)',
        columns: ['Date', 'Description', 'Sail', 'State', 'Amount'],
        numeric: [4],
        rows: deposits.map((d) => [d.date, d.description, d.sailId ?? '', d.state, usd(d.amount)]),
      },
    ],
    charts: [
      {
        title: `Expenses by account, ${last ? monthLabel(last) : ''}`,
        bars: audit
          .filter((r) => r.l > 0)
          .sort((a, b) => b.l - a.l)
          .map((r) => ({ label: r.a.name, value: r.l, display: usd(r.l) })),
      },
    ],
    footnotes: [
      ...(input.entity
        ? [
            `Scope: only the ledger lines the rules assign to ${input.entity}, and its deposits; uncategorised lines belong to no entity, so they are listed for the whole ledger.`,
          ]
        : []),
      'Balance = Σ amounts of the ledger lines the rules put in each account and entity (inflows positive).',
      `Expense audit: change = (last month − month before) ÷ month before; flagged above ${pct(EXPENSE_SWING)} or when new.`,
      'Revenue recognition: a deposit line (deferred-revenue account) is deferred until the sail named in its description is completed, then recognised; a deposit for a cancelled sail is a refund due; one naming no known sail is unmatched.',
    ],
  };
}
