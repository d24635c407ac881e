/**
 * The ledger seen through the portfolio: lines categorised by its rules, account balances per
 * entity, monthly totals and net cash flow. Shared by the CFO, accounting and other reports.
 */
import { type CategorisedLine, categorise, type LedgerLine, monthOf } from './ledger';
import type { Computed } from './model';
import type { Portfolio } from './portfolio';

/** The categorised ledger with lookups. */
export interface Books {
  lines: CategorisedLine[];
  uncategorised: LedgerLine[];
  accounts: Map<string, Portfolio['accounts'][number]>;
}

/** Categorises the ledger with the portfolio's rules. */
export function openBooks(portfolio: Portfolio, ledger: readonly LedgerLine[]): Books {
  const { lines, uncategorised } = categorise(ledger, portfolio.ledgerRules);
  return { lines, uncategorised, accounts: new Map(portfolio.accounts.map((a) => [a.code, a])) };
}

/** Sum of lines' amounts in dollars. */
export function sumDollars(lines: readonly LedgerLine[]): number {
  return lines.reduce((acc, l) => acc + l.amountCents, 0) / 100;
}

/** Lines in a month, optionally only one entity's (uncategorised lines belong to no entity). */
export function linesIn(books: Books, month: string, entity?: string): CategorisedLine[] {
  return books.lines.filter((l) => monthOf(l.date) === month && (!entity || l.entity === entity));
}

/** The account type of a categorised line, or undefined for uncategorised lines. */
export function typeOf(books: Books, line: CategorisedLine): string | undefined {
  return line.account ? books.accounts.get(line.account)?.type : undefined;
}

/**
 * Net burn per month = −(average net cash flow over the given months), from every ledger line in
 * scope (uncategorised lines are real cash and count too, unless an entity is chosen).
 */
export function netBurn(books: Books, months: readonly string[], entity?: string): Computed {
  const flows = months.map((m) => linesIn(books, m, entity));
  if (flows.every((f) => f.length === 0)) {
    return { ok: false, reason: `not computable because the ledger has no lines for ${months.join(', ')}` };
  }
  const total = flows.reduce((acc, f) => acc + sumDollars(f), 0);
  return { ok: true, value: -total / months.length };
}

/** Income (revenue accounts only) in a month, optionally for one entity. */
export function incomeIn(books: Books, month: string, entity?: string): number {
  return sumDollars(linesIn(books, month, entity).filter((l) => typeOf(books, l) === 'income'));
}

/** Sail ids mentioned in a ledger description (`S-` + six Crockford base32 characters). */
export function sailIdsIn(description: string): string[] {
  return description.toUpperCase().match(/\bS-[0-9A-HJKMNP-TV-Z]{6}\b/g) ?? [];
}
