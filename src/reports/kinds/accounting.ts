/**
 * The accounting report: the monthly books with cents, balances per entity, the expense audit
 * between the two latest months with data, uncategorised lines and revenue recognition.
 */
import { type Books, linesIn, sailIdsIn, sumDollars, typeOf } from '../books';
import { ALL, figureNote, financeOf, uniqueFigures } from '../definitions';
import { agree, cents, count, pct, plural, usd } from '../format';
import type { Action, Figure, Gap, ReportInput, ReportModel, SailFacts } from '../model';
import { notices, sortActions, sortGaps } from '../model';
import { monthLabel } from '../months';
import { booksTable, expenseMixChart, revenueChart, sailsNotice } from '../sections';

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
  const f = financeOf(input);
  const { portfolio, now } = input;
  const books = f.books;
  const scopeId = input.entity ?? ALL;
  const scopeName = f.scope(scopeId).name;
  const through = f.period.through;
  const entityIds = portfolio.entities.map((e) => e.id).filter((e) => !input.entity || e === input.entity);
  const lines = books.lines.filter((l) => l.date <= through && (!input.entity || l.entity === input.entity));
  const uncategorised = books.uncategorised.filter((l) => l.date <= through);

  const balanceRows = portfolio.accounts
    .map((a) => {
      const per = entityIds.map((e) =>
        sumDollars(lines.filter((l) => l.account === a.code && l.entity === e)),
      );
      const total = per.reduce((x, y) => x + y, 0);
      return { a, per, total, used: lines.some((l) => l.account === a.code) };
    })
    .filter((r) => r.used);

  // The two latest complete months with ledger data: a month is compared only with one that has data.
  const withData = [...f.coverage]
    .filter((m) => m < f.period.month || (f.period.complete && m === f.period.month))
    .sort();
  const last = withData.at(-1);
  const prev = withData.at(-2);
  const expenseAccounts = portfolio.accounts.filter((a) => a.type === 'expense');
  const audit =
    last && prev
      ? expenseAccounts
          .map((a) => {
            const spend = (m: string) =>
              -sumDollars(linesIn(books, m, input.entity).filter((l) => l.account === a.code));
            const p = spend(prev);
            const l = spend(last);
            const change = p === 0 ? (l === 0 ? 0 : undefined) : (l - p) / p;
            return { a, p, l, change };
          })
          .filter((r) => r.p !== 0 || r.l !== 0)
      : [];
  const swings = audit.filter((r) => r.change === undefined || Math.abs(r.change) > EXPENSE_SWING);

  const deposits = recogniseDeposits(books, f.sailsUnavailable === undefined ? input.sails : []).filter(
    (d) =>
      d.date <= through &&
      (!input.entity || lines.some((l) => l.description === d.description && l.date === d.date)),
  );
  const sumState = (s: DepositRecognition['state']) =>
    deposits.filter((d) => d.state === s).reduce((a, d) => a + d.amount, 0);
  const deferred = sumState('deferred');
  const recognised = sumState('recognised');
  const unmatched = deposits.filter((d) => d.state === 'unmatched');
  const refunds = deposits.filter((d) => d.state === 'refund-due');
  const uncategorisedTotal = sumDollars(uncategorised);
  const income = sumDollars(lines.filter((l) => typeOf(books, l) === 'income'));
  const expense = -sumDollars(lines.filter((l) => typeOf(books, l) === 'expense'));
  const months = f.booksMonths();
  const figures: Figure[] = months.flatMap((m) => [f.revenue(scopeId, m), f.net(scopeId, m)]);

  const gaps: Gap[] = [];
  if (uncategorised.length > 0) {
    gaps.push({
      text: `${plural(uncategorised.length, 'line')} (${usd(uncategorisedTotal)}) ${agree(uncategorised.length, 'matches', 'match')} no rule and ${agree(uncategorised.length, 'sits', 'sit')} outside the chart of accounts.`,
      severity: uncategorised.length > 10 ? 'high' : 'medium',
    });
  }
  if (f.sailsUnavailable === undefined) {
    for (const d of unmatched) {
      gaps.push({
        text: `Deposit "${d.description}" (${usd(d.amount)}) names no known sail.`,
        severity: 'medium',
      });
    }
  }
  for (const d of refunds) {
    gaps.push({
      text: `Deposit for cancelled sail ${d.sailId} (${usd(d.amount)}) should be refunded.`,
      severity: 'high',
    });
  }
  for (const r of swings) {
    gaps.push({
      text: `${r.a.name} moved from ${usd(r.p)} in ${monthLabel(prev ?? '')} to ${usd(r.l)} in ${monthLabel(last ?? '')}${r.change !== undefined ? ` (${pct(r.change)})` : ', new'}; check it.`,
      severity: 'low',
    });
  }

  const actions: Action[] = [];
  if (uncategorised.length > 0) {
    actions.push({
      horizon: 30,
      action: `Categorise the ${plural(uncategorised.length, 'uncategorised line')} and add rules for ${agree(uncategorised.length, 'it', 'them')}.`,
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

  const all = uniqueFigures(figures);
  const charts = [revenueChart(f, scopeId), expenseMixChart(f, scopeId)].filter((c) => c !== undefined);
  return {
    kind: 'accounting',
    title: input.entity ? `Accounting report: ${scopeName}` : 'Accounting report',
    ...(input.entity ? { entity: input.entity } : {}),
    ...(portfolio.brand ? { brand: portfolio.brand } : {}),
    period: { month: f.period.month, label: f.period.label },
    generatedAt: now.toISOString(),
    ...notices(sailsNotice(f)),
    summary: [
      `The ledger holds ${plural(lines.length, 'line')}${input.entity ? ` for ${scopeName}` : ''} to ${through}: ${usd(income)} of income and ${usd(expense)} of expenses across ${plural(balanceRows.length, 'account')}.`,
      uncategorised.length > 0
        ? `${plural(uncategorised.length, 'line')} totalling ${usd(uncategorisedTotal)} ${agree(uncategorised.length, 'is', 'are')} uncategorised${input.entity ? ' in the whole ledger (they belong to no entity until a rule matches them)' : ''}.`
        : lines.length > 0
          ? 'Every line is categorised.'
          : 'The ledger has no lines: nothing to check.',
      f.sailsUnavailable === undefined
        ? `Deposits for future sails hold ${usd(deferred)} of deferred revenue; ${usd(recognised)} has been recognised on completed sails.`
        : 'Deposits were not matched to sails, because the sails could not be read.',
      last && prev
        ? `${plural(swings.length, 'expense account')} moved more than ${pct(EXPENSE_SWING)} between ${monthLabel(prev)} and ${monthLabel(last)}, the two latest months with data.`
        : 'Fewer than two complete months have ledger data, so no month is compared with another.',
    ],
    kpis: [
      {
        label: 'Uncategorised lines',
        value: count(uncategorised.length),
        target: '0',
        status: uncategorised.length ? 'warn' : 'good',
      },
      { label: 'Deferred revenue', value: usd(deferred), status: 'info' },
      { label: 'Recognised from deposits', value: usd(recognised), status: 'info' },
      {
        label: 'Unmatched deposits',
        value: f.sailsUnavailable === undefined ? count(unmatched.length) : 'n/a',
        target: '0',
        status: unmatched.length ? 'warn' : 'good',
      },
      {
        label: `Expense swings > ${pct(EXPENSE_SWING)}`,
        value: last && prev ? count(swings.length) : 'n/a',
        status: swings.length ? 'warn' : 'good',
      },
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
      booksTable(f, scopeId, { money: cents }),
      {
        title: 'Chart of accounts: balances per entity',
        columns: ['Account', 'Type', ...entityIds, 'Total'],
        numeric: entityIds.map((_, i) => i + 2).concat(entityIds.length + 2),
        rows: balanceRows.map((r) => [
          `${r.a.code} ${r.a.name}`,
          r.a.type,
          ...r.per.map((n) => (n === 0 ? '' : cents(n))),
          cents(r.total),
        ]),
      },
      {
        title: last && prev ? `Expense audit: ${monthLabel(prev)} → ${monthLabel(last)}` : 'Expense audit',
        columns: [
          'Account',
          prev ? monthLabel(prev) : 'Before',
          last ? monthLabel(last) : 'Latest',
          'Change',
        ],
        numeric: [1, 2, 3],
        rows: audit.map((r) => [
          `${r.a.code} ${r.a.name}`,
          cents(r.p),
          cents(r.l),
          r.change === undefined ? 'new' : pct(r.change),
        ]),
        ...(last && prev ? {} : { note: 'Needs two complete months with ledger data: nothing to compare.' }),
      },
      {
        title: 'Uncategorised lines',
        columns: ['Date', 'Description', 'Source', 'Amount'],
        numeric: [3],
        rows: uncategorised.map((l) => [l.date, l.description, l.source, cents(l.amountCents / 100)]),
      },
      {
        title: 'Revenue recognition (deposits)',
        columns: ['Date', 'Description', 'Sail', 'State', 'Amount'],
        numeric: [4],
        rows: deposits.map((d) => [d.date, d.description, d.sailId ?? '', d.state, cents(d.amount)]),
      },
    ],
    charts,
    figures: all,
    keyFigures: [f.revenue(scopeId, f.period.month).id, f.net(scopeId, f.period.month).id],
    footnotes: [
      ...(input.entity
        ? [
            `Scope: only the ledger lines the rules assign to ${scopeName}, and its deposits; uncategorised lines belong to no entity, so they are listed for the whole ledger.`,
          ]
        : []),
      ...all.map(figureNote),
      'Balance = Σ amounts of the ledger lines the rules put in each account and entity (inflows positive), with cents.',
      `Expense audit: change = (latest month − month before) ÷ month before, over the two latest complete months with ledger data; flagged above ${pct(EXPENSE_SWING)}, or "new" when the month before had data but no spending in the account.`,
      'Revenue recognition: a deposit line (deferred-revenue account) is deferred until the sail named in its description is completed, then recognised; a deposit for a cancelled sail is a refund due; one naming no known sail is unmatched.',
    ],
  };
}
