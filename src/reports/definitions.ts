/**
 * One set of definitions for every figure a report states. Each report and summary takes its
 * numbers from here, so a figure (fixed costs, net burn, runway, break-even, NOI…) has one value
 * wherever it appears, and its `formula` shows the arithmetic with the numbers.
 *
 * - Fixed costs of an entity = operating costs (its recurring costs; for the rental's entity also
 *   the rental budget's lines that are not already a recurring cost) + debt service (the monthly
 *   payments on loans against its assets). Gross burn is the fixed costs of the scope.
 * - Break-even counts the entities that the charters must carry: the charter business and its
 *   vessels (kinds `charter` and `vessel`).
 * - Monthly books: revenue by stream (income accounts) plus completed sails not yet paid out,
 *   variable costs, contribution = revenue − variable costs, fixed costs by category, debt service,
 *   net = contribution − fixed costs − debt service (+ uncategorised lines, for the whole portfolio).
 *   A month without ledger lines has no data: it is never shown or averaged as zero.
 * - Net burn = −(average monthly net) over the recent complete months that have data; runway =
 *   cash ÷ net burn.
 * - A completed sail and a charter payout in the ledger are the same money when the payout is
 *   within `windowDays` after the sail and within `tolerance` of price × (1 − fee): counted once.
 */
import { type Books, openBooks } from './books';
import { andList, count, decimal, pct, usd } from './format';
import { type CategorisedLine, monthOf } from './ledger';
import type { Figure, ReportInput, SailFacts } from './model';
import {
  addMonths,
  DEFAULT_TIMEZONE,
  dayKey,
  daysBetween,
  monthKey,
  monthLabel,
  monthsEndingWith,
} from './months';
import { periodOf, type ReportPeriod } from './period';
import type { Portfolio } from './portfolio';

/** The scope id of the whole portfolio. */
export const ALL = 'all';
/** The scope id of the entities break-even counts (the charter business and its vessels). */
export const BREAK_EVEN = 'break-even';
/** How many complete months the recent averages (net burn) look back. */
export const BURN_WINDOW_MONTHS = 3;
/** How many months the monthly books show, ending with the report month. */
export const BOOKS_MONTHS = 6;
/** A sail with no return time is taken to last this long (for double bookings). */
const DEFAULT_SAIL_MS = 2 * 3_600_000;
/** The books' revenue line for completed sails not (yet) matched to a payout. */
export const UNPAID_CHARTERS = 'Charters completed, not yet paid out';

/** A set of entities figures are computed for. */
export interface Scope {
  id: string;
  /** `the portfolio`, an entity's name, or the break-even group. */
  name: string;
  entities: ReadonlySet<string>;
  /** The whole portfolio: uncategorised ledger lines count too. */
  all: boolean;
}

/** One line of the fixed-cost budget. */
export interface CostLine {
  vendor: string;
  category: string;
  entity: string;
  monthly: number;
  kind: 'operating' | 'debt-service';
}

/** A named amount in the monthly books. */
export interface BookLine {
  label: string;
  amount: number;
}

/** One month of books for a scope. */
export interface MonthBooks {
  month: string;
  /** `Oct 2026` or `Nov 2026 MTD (to 25 Nov)`. */
  label: string;
  mtd: boolean;
  /** False when the ledger has no line in the month: every amount below is then not data. */
  hasData: boolean;
  revenue: BookLine[];
  revenueTotal: number;
  variable: BookLine[];
  variableTotal: number;
  contribution: number;
  fixed: BookLine[];
  fixedTotal: number;
  debtService: number;
  /** Uncategorised lines (whole portfolio only). */
  other: number;
  net: number;
  /** Memo: deposits for future sails (deferred revenue, not in net). */
  deposits: number;
  /** Completed sails that departed in the month, each counted once. */
  charters: number;
}

/** A completed sail matched to the payout line that paid it. */
export interface SailMatch {
  sailId: string;
  line: CategorisedLine;
}

/** A sail on the same vessel at the same time as an earlier one: counted once, flagged. */
export interface DoubleBooking {
  sail: SailFacts;
  /** The sail it overlaps, which is the one counted. */
  with: SailFacts;
}

/** The rental's yearly numbers. */
export interface RentalFigures {
  entity: string;
  address: string;
  grossRent: number;
  effectiveRent: number;
  operatingMonthly: number;
  noi: Figure;
  debtService: number;
  cashFlow: Figure;
  value: number;
  capRate: Figure;
  cashOnCash: Figure;
}

/** A figure with its display formatted by unit (`usd`, `pct`, `count`, `months`). */
export function figure(
  id: string,
  label: string,
  unit: Figure['unit'],
  value: number | undefined,
  formula: string,
  reason?: string,
): Figure {
  const display =
    value === undefined
      ? 'n/a'
      : unit === 'usd'
        ? usd(value)
        : unit === 'pct'
          ? pct(value)
          : unit === 'months'
            ? `${decimal(value)} months`
            : count(value);
  return { id, label, unit, value, display, formula, ...(reason ? { reason } : {}) };
}

/** The entities break-even counts: the charter business and its vessels. */
export function breakEvenEntities(portfolio: Portfolio): string[] {
  return portfolio.entities.filter((e) => e.kind === 'charter' || e.kind === 'vessel').map((e) => e.id);
}

/** The entity whose revenue sails are: the first of kind `charter`. */
export function charterEntity(portfolio: Portfolio): string | undefined {
  return portfolio.entities.find((e) => e.kind === 'charter')?.id;
}

/**
 * Sails on one vessel whose times overlap: each later one is a double booking of the first, and
 * only the first counts. Cancelled sails are never counted, so they never clash.
 */
export function doubleBookings(sails: readonly SailFacts[]): DoubleBooking[] {
  const live = sails
    .filter((s) => s.status !== 'cancelled')
    .sort((a, b) => a.departAt.getTime() - b.departAt.getTime() || a.id.localeCompare(b.id));
  const out: DoubleBooking[] = [];
  const kept = new Map<string, SailFacts[]>();
  for (const s of live) {
    const vessel = s.vesselId ?? '';
    const mine = kept.get(vessel) ?? [];
    const end = (x: SailFacts) => (x.returnAt ?? new Date(x.departAt.getTime() + DEFAULT_SAIL_MS)).getTime();
    const clash = mine.find((k) => k.departAt.getTime() < end(s) && s.departAt.getTime() < end(k));
    if (clash) out.push({ sail: s, with: clash });
    else kept.set(vessel, [...mine, s]);
  }
  return out;
}

/** The financial definitions over one report input; every figure is computed once and memoised. */
export interface Finance {
  portfolio: Portfolio;
  period: ReportPeriod;
  timezone: string;
  books: Books;
  /** Months (`YYYY-MM`) in which the ledger has at least one line. */
  coverage: ReadonlySet<string>;
  /** Why sails were not read, when they were not. */
  sailsUnavailable?: string;
  /** Sails counted: not cancelled, and not a double booking. */
  sails: SailFacts[];
  doubleBooked: DoubleBooking[];
  matches: SailMatch[];
  charterEntity?: string;
  breakEvenEntities: string[];
  scope(id?: string): Scope;
  operatingCosts(scope: string): CostLine[];
  debtService(scope: string): CostLine[];
  /** Fixed costs (gross burn) a month = operating costs + debt service. */
  fixedCosts(scope: string): Figure;
  month(scope: string, month: string): MonthBooks;
  /** The months the books show, ending with the report month. */
  booksMonths(): string[];
  /** The recent complete months net burn averages over, and which of them have data. */
  burnWindow(): { months: string[]; withData: string[] };
  netBurn(scope: string): Figure;
  cash(scope: string): Figure;
  /** Cash at the end of a day (`YYYY-MM-DD`), reconstructed from the ledger. */
  cashAt(scope: string, day: string): number;
  runway(scope: string): Figure;
  revenue(scope: string, month: string): Figure;
  net(scope: string, month: string): Figure;
  /** Break-even revenue of a month = fixed costs + that month's variable costs. */
  breakEvenRevenue(scope: string, month: string): Figure;
  contributionPerCharter(): Figure;
  averageCharterPrice(): Figure;
  breakEvenCharters(): Figure;
  /** What break-even charters bring in: break-even charters × average price × (1 − fee). */
  breakEvenChartersRevenue(): Figure;
  /** The price a sail is counted at: its own, else the average charter price. */
  sailPrice(s: SailFacts): number;
  /** What a sail's payout is expected to be: price × (1 − fee). */
  sailPayout(s: SailFacts): number;
  rental(): RentalFigures | undefined;
  /** Whether the ledger has money for a revenue stream (its account, else its entity's income). */
  streamTracked(stream: Portfolio['revenueStreams'][number]): boolean;
  /** Σ of a stream's or entity's income in the whole ledger. */
  incomeReceived(filter: { account?: string; entity?: string }): number;
}

const financeCache = new WeakMap<ReportInput, Finance>();

/** The definitions over a report input (memoised per input object). */
export function financeOf(input: ReportInput): Finance {
  const cached = financeCache.get(input);
  if (cached) return cached;
  const f = createFinance(input);
  financeCache.set(input, f);
  return f;
}

function createFinance(input: ReportInput): Finance {
  const { portfolio } = input;
  const timezone = input.timezone ?? DEFAULT_TIMEZONE;
  const period = periodOf(input.now, input.month, timezone);
  const books = openBooks(portfolio, input.ledger);
  const asOfDay = period.through;
  const coverage = new Set(books.lines.map((l) => monthOf(l.date)));
  const accounts = books.accounts;
  const breakEven = breakEvenEntities(portfolio);
  const charter = charterEntity(portfolio);
  const fee = portfolio.charterPayouts.feeRate;
  const entityName = new Map(portfolio.entities.map((e) => [e.id, e.name]));

  const sailsKnown = input.sailsUnavailable === undefined;
  const doubleBooked = sailsKnown ? doubleBookings(input.sails) : [];
  const doubled = new Set(doubleBooked.map((d) => d.sail.id));
  const sails = sailsKnown ? input.sails.filter((s) => s.status !== 'cancelled' && !doubled.has(s.id)) : [];

  const charterStreams = portfolio.revenueStreams.filter(
    (s) => s.unit === 'charter' && (breakEven.includes(s.entity) || s.entity === charter),
  );
  const weights = charterStreams.map((s) => s.mix ?? 1);
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const avgPrice =
    charterStreams.length > 0 && totalWeight > 0
      ? charterStreams.reduce((a, s, i) => a + (weights[i] ?? 0) * s.price, 0) / totalWeight
      : undefined;
  const sailPrice = (s: SailFacts) => s.revenue ?? avgPrice ?? 0;
  const sailPayout = (s: SailFacts) => sailPrice(s) * (1 - fee);

  // Completed sails up to the report's instant, each matched to at most one payout line.
  const completed = sails
    .filter((s) => s.completed && s.departAt.getTime() <= period.asOf.getTime())
    .sort((a, b) => a.departAt.getTime() - b.departAt.getTime() || a.id.localeCompare(b.id));
  const charterAccounts = new Set(charterStreams.flatMap((s) => (s.account ? [s.account] : [])));
  const payoutLines = books.lines.filter(
    (l) =>
      l.entity === charter &&
      l.account !== undefined &&
      accounts.get(l.account)?.type === 'income' &&
      (charterAccounts.size === 0 || charterAccounts.has(l.account)),
  );
  const { windowDays, tolerance } = portfolio.charterPayouts;
  const used = new Set<string>();
  const matches: SailMatch[] = [];
  for (const s of completed) {
    const day = dayKey(s.departAt, timezone);
    const expected = sailPayout(s);
    const line = payoutLines.find((l) => {
      if (used.has(l.hash)) return false;
      const after = daysBetween(day, l.date);
      if (after < 0 || after > windowDays) return false;
      return Math.abs(l.amountCents / 100 - expected) <= Math.max(1, tolerance * expected);
    });
    if (line) {
      used.add(line.hash);
      matches.push({ sailId: s.id, line });
    }
  }
  const matched = new Set(matches.map((m) => m.sailId));

  const scopes = new Map<string, Scope>();
  const scope = (id: string = ALL): Scope => {
    const known = scopes.get(id);
    if (known) return known;
    let s: Scope;
    if (id === ALL) {
      s = {
        id,
        name: portfolio.brand ? `${portfolio.brand}'s portfolio` : 'the portfolio',
        entities: new Set(portfolio.entities.map((e) => e.id)),
        all: true,
      };
    } else if (id === BREAK_EVEN) {
      const names = breakEven.map((e) => entityName.get(e) ?? e);
      s = {
        id,
        name: names.length > 0 ? andList(names) : 'the charter business',
        entities: new Set(breakEven),
        all: false,
      };
    } else {
      s = { id, name: entityName.get(id) ?? id, entities: new Set([id]), all: false };
    }
    scopes.set(id, s);
    return s;
  };

  const rental = portfolio.rental;
  const operatingCosts = (id: string): CostLine[] => {
    const sc = scope(id);
    const lines: CostLine[] = portfolio.recurringCosts
      .filter((c) => sc.entities.has(c.entity))
      .map((c) => ({
        vendor: c.vendor,
        category: c.category,
        entity: c.entity,
        monthly: c.monthly,
        kind: 'operating',
      }));
    if (rental && sc.entities.has(rental.entity)) {
      const recurring = portfolio.recurringCosts.filter((c) => c.entity === rental.entity);
      for (const b of rental.monthlyCosts) {
        // A budget line already listed as a recurring cost (same amount, same category) counts once.
        const dup = recurring.some(
          (c) =>
            c.monthly === b.monthly &&
            [c.category.toLowerCase(), c.vendor.toLowerCase()].includes(b.name.toLowerCase()),
        );
        if (!dup) {
          lines.push({
            vendor: b.name,
            category: b.name,
            entity: rental.entity,
            monthly: b.monthly,
            kind: 'operating',
          });
        }
      }
    }
    return lines;
  };
  const debtService = (id: string): CostLine[] => {
    const sc = scope(id);
    return portfolio.assets
      .filter((a) => a.financing && sc.entities.has(a.entity))
      .map((a) => ({
        vendor: a.financing?.lender ?? '',
        category: `Loan: ${a.name}`,
        entity: a.entity,
        monthly: a.financing?.monthlyPayment ?? 0,
        kind: 'debt-service',
      }));
  };
  const sum = (xs: readonly { monthly: number }[]) => xs.reduce((a, x) => a + x.monthly, 0);

  const memo = new Map<string, unknown>();
  const once = <T>(key: string, f: () => T): T => {
    if (memo.has(key)) return memo.get(key) as T;
    const v = f();
    memo.set(key, v);
    return v;
  };

  const fixedCosts = (id: string) =>
    once(`fixed:${id}`, () => {
      const op = sum(operatingCosts(id));
      const debt = sum(debtService(id));
      return figure(
        `fixed-costs:${id}`,
        `Fixed costs / month (${scope(id).name})`,
        'usd',
        op + debt,
        `operating costs ${usd(op)} + debt service ${usd(debt)} = ${usd(op + debt)} a month`,
      );
    });

  const inScope = (sc: Scope, l: CategorisedLine) =>
    sc.all ? true : l.entity !== undefined && sc.entities.has(l.entity);

  const month = (id: string, m: string): MonthBooks =>
    once(`month:${id}:${m}`, () => {
      const sc = scope(id);
      const mtd = m === period.month && !period.complete;
      const lines = books.lines.filter((l) => monthOf(l.date) === m && l.date <= asOfDay && inScope(sc, l));
      const add = (list: BookLine[], label: string, amount: number) => {
        const hit = list.find((x) => x.label === label);
        if (hit) hit.amount += amount;
        else list.push({ label, amount });
      };
      const revenue: BookLine[] = [];
      const variable: BookLine[] = [];
      const fixed: BookLine[] = [];
      let debt = 0;
      let other = 0;
      let deposits = 0;
      for (const l of lines) {
        const amount = l.amountCents / 100;
        const acct = l.account ? accounts.get(l.account) : undefined;
        if (!acct) {
          other += amount;
          continue;
        }
        if (acct.type === 'income') add(revenue, acct.name, amount);
        else if (acct.type === 'expense') {
          const kind = acct.cost ?? 'fixed';
          if (kind === 'variable') add(variable, acct.name, -amount);
          else if (kind === 'debt-service') debt += -amount;
          else add(fixed, acct.name, -amount);
        } else if (acct.deferredRevenue) deposits += amount;
      }
      let charters = 0;
      let sailRevenue = 0;
      if (charter && sc.entities.has(charter)) {
        for (const s of completed) {
          if (monthKey(s.departAt, timezone) !== m) continue;
          charters += 1;
          if (!matched.has(s.id)) sailRevenue += sailPayout(s);
        }
      }
      if (sailRevenue > 0) add(revenue, UNPAID_CHARTERS, sailRevenue);
      const total = (xs: BookLine[]) => xs.reduce((a, x) => a + x.amount, 0);
      const revenueTotal = total(revenue);
      const variableTotal = total(variable);
      const fixedTotal = total(fixed);
      const contribution = revenueTotal - variableTotal;
      const hasData = coverage.has(m) || (mtd && sailRevenue > 0);
      return {
        month: m,
        label: mtd ? period.label : monthLabel(m),
        mtd,
        hasData,
        revenue: revenue.sort((a, b) => b.amount - a.amount),
        revenueTotal,
        variable: variable.sort((a, b) => b.amount - a.amount),
        variableTotal,
        contribution,
        fixed: fixed.sort((a, b) => b.amount - a.amount),
        fixedTotal,
        debtService: debt,
        other: sc.all ? other : 0,
        net: contribution - fixedTotal - debt + (sc.all ? other : 0),
        deposits,
        charters,
      };
    });

  const booksMonths = () => monthsEndingWith(period.month, BOOKS_MONTHS);
  const burnWindow = () =>
    once('burn-window', () => {
      const last = period.complete ? period.month : addMonths(period.month, -1);
      const months = monthsEndingWith(last, BURN_WINDOW_MONTHS);
      return { months, withData: months.filter((m) => coverage.has(m)) };
    });

  const netBurn = (id: string) =>
    once(`burn:${id}`, () => {
      const { months, withData } = burnWindow();
      const label = `Net burn / month (${scope(id).name})`;
      const missing = months.filter((m) => !withData.includes(m));
      const missingNote =
        missing.length > 0
          ? `; ${andList(missing.map(monthLabel))} ${missing.length === 1 ? 'has' : 'have'} no ledger data and ${missing.length === 1 ? 'is' : 'are'} left out`
          : '';
      if (withData.length === 0) {
        const reason = `not computable because the ledger has no lines for ${andList(months.map(monthLabel))}`;
        return figure(`net-burn:${id}`, label, 'usd', undefined, reason, reason);
      }
      const nets = withData.map((m) => month(id, m).net);
      const avg = nets.reduce((a, b) => a + b, 0) / nets.length;
      const terms = withData.map((m, i) => `${usd(nets[i] ?? 0)} (${monthLabel(m)})`).join(' + ');
      return figure(
        `net-burn:${id}`,
        label,
        'usd',
        -avg,
        `−(${terms}) ÷ ${withData.length} ${withData.length === 1 ? 'month' : 'months'} with data = ${usd(-avg)} a month${missingNote}`,
      );
    });

  /** Cash at the end of a day: on hand at the portfolio's date, moved by the ledger flows between. */
  const cashParts = (id: string, day: string) => {
    const sc = scope(id);
    const onHand = portfolio.cashOnHand
      .filter((c) => sc.entities.has(c.entity))
      .reduce((a, c) => a + c.amount, 0);
    const at = portfolio.asOf;
    const after = books.lines.filter((l) => inScope(sc, l) && l.date > at && l.date <= day);
    const before = books.lines.filter((l) => inScope(sc, l) && l.date > day && l.date <= at);
    const plus = after.reduce((a, l) => a + l.amountCents, 0) / 100;
    const minus = before.reduce((a, l) => a + l.amountCents, 0) / 100;
    return {
      onHand,
      at,
      plus,
      minus,
      after: after.length,
      before: before.length,
      value: onHand + plus - minus,
    };
  };
  const cashAt = (id: string, day: string) => cashParts(id, day).value;

  const cash = (id: string) =>
    once(`cash:${id}`, () => {
      const c = cashParts(id, asOfDay);
      const parts = [`${usd(c.onHand)} on hand at ${c.at} (portfolio)`];
      if (c.after > 0) parts.push(`+ ledger flows to ${asOfDay} ${usd(c.plus)}`);
      if (c.before > 0) parts.push(`− ledger flows after ${asOfDay} ${usd(c.minus)}`);
      return figure(
        `cash:${id}`,
        `Cash (${scope(id).name})`,
        'usd',
        c.value,
        parts.length > 1 ? `${parts.join(' ')} = ${usd(c.value)}` : (parts[0] ?? ''),
      );
    });

  const runway = (id: string) =>
    once(`runway:${id}`, () => {
      const burn = netBurn(id);
      const c = cash(id);
      const label = `Runway (${scope(id).name})`;
      if (burn.value === undefined) {
        return figure(
          `runway:${id}`,
          label,
          'months',
          undefined,
          `net burn is ${burn.formula}`,
          `not computable because net burn is ${burn.reason ?? 'n/a'}`,
        );
      }
      if (burn.value <= 0) {
        const reason = `not computable because there is no net burn: the books gained ${usd(-burn.value)} a month over ${andList(burnWindow().withData.map(monthLabel))}`;
        return figure(
          `runway:${id}`,
          label,
          'months',
          undefined,
          `cash ${c.display} ÷ net burn ${burn.display}: ${reason}`,
          reason,
        );
      }
      const v = (c.value ?? 0) / burn.value;
      return figure(
        `runway:${id}`,
        label,
        'months',
        v,
        `cash ${c.display} ÷ net burn ${burn.display} = ${decimal(v)} months`,
      );
    });

  const revenue = (id: string, m: string) =>
    once(`revenue:${id}:${m}`, () => {
      const b = month(id, m);
      const label = `Revenue, ${b.label} (${scope(id).name})`;
      if (!b.hasData)
        return figure(
          `revenue:${id}:${m}`,
          label,
          'usd',
          undefined,
          'no ledger data for the month',
          'no data',
        );
      return figure(
        `revenue:${id}:${m}`,
        label,
        'usd',
        b.revenueTotal,
        b.revenue.length > 0
          ? `${b.revenue.map((r) => `${r.label} ${usd(r.amount)}`).join(' + ')} = ${usd(b.revenueTotal)}`
          : 'no income lines = $0',
      );
    });

  const net = (id: string, m: string) =>
    once(`net:${id}:${m}`, () => {
      const b = month(id, m);
      const label = `Net, ${b.label} (${scope(id).name})`;
      if (!b.hasData)
        return figure(`net:${id}:${m}`, label, 'usd', undefined, 'no ledger data for the month', 'no data');
      const other = b.other !== 0 ? ` + uncategorised ${usd(b.other)}` : '';
      return figure(
        `net:${id}:${m}`,
        label,
        'usd',
        b.net,
        `revenue ${usd(b.revenueTotal)} − variable costs ${usd(b.variableTotal)} − fixed costs ${usd(b.fixedTotal)} − debt service ${usd(b.debtService)}${other} = ${usd(b.net)}`,
      );
    });

  const breakEvenRevenue = (id: string, m: string) =>
    once(`ber:${id}:${m}`, () => {
      const b = month(id, m);
      const fx = fixedCosts(id);
      const label = `Break-even revenue, ${b.label} (${scope(id).name})`;
      if (!b.hasData)
        return figure(
          `break-even-revenue:${id}:${m}`,
          label,
          'usd',
          undefined,
          'no ledger data for the month',
          'no data',
        );
      const v = (fx.value ?? 0) + b.variableTotal;
      return figure(
        `break-even-revenue:${id}:${m}`,
        label,
        'usd',
        v,
        `fixed costs ${fx.display} + variable costs booked ${usd(b.variableTotal)} = ${usd(v)}`,
      );
    });

  const averageCharterPrice = () =>
    once('avg-price', () => {
      if (avgPrice === undefined) {
        const reason = 'not computable because no revenue stream is sold per charter';
        return figure('average-charter-price', 'Average charter price', 'usd', undefined, reason, reason);
      }
      const terms = charterStreams.map((s, i) => `${weights[i]} × ${usd(s.price)}`).join(' + ');
      return figure(
        'average-charter-price',
        'Average charter price',
        'usd',
        avgPrice,
        `(${terms}) ÷ ${totalWeight} (mix) = ${usd(avgPrice)}`,
      );
    });

  const contributionPerCharter = () =>
    once('cpc', () => {
      if (avgPrice === undefined) {
        const reason = 'not computable because no revenue stream is sold per charter';
        return figure(
          'contribution-per-charter',
          'Contribution per charter',
          'usd',
          undefined,
          reason,
          reason,
        );
      }
      const value =
        charterStreams.reduce(
          (a, s, i) => a + (weights[i] ?? 0) * (s.price * (1 - fee) - s.variableCost),
          0,
        ) / totalWeight;
      const feeText = fee > 0 ? ` × (1 − ${pct(fee)} fee)` : '';
      const terms = charterStreams
        .map((s, i) => `${weights[i]} × (${usd(s.price)}${feeText} − ${usd(s.variableCost)})`)
        .join(' + ');
      return figure(
        'contribution-per-charter',
        'Contribution per charter',
        'usd',
        value,
        `(${terms}) ÷ ${totalWeight} = ${usd(value)}`,
      );
    });

  const breakEvenCharters = () =>
    once('bec', () => {
      const c = contributionPerCharter();
      const fx = fixedCosts(BREAK_EVEN);
      const label = 'Break-even charters / month';
      if (c.value === undefined)
        return figure('break-even-charters', label, 'count', undefined, c.formula, c.reason);
      if (c.value <= 0) {
        const reason = 'not computable because each charter contributes $0 or less (price ≤ variable cost)';
        return figure('break-even-charters', label, 'count', undefined, reason, reason);
      }
      // The epsilon keeps an exact multiple (3800 ÷ 950) from rounding up through float noise.
      const v = Math.max(0, Math.ceil((fx.value ?? 0) / c.value - 1e-9));
      return figure(
        'break-even-charters',
        label,
        'count',
        v,
        `ceil(fixed costs of ${scope(BREAK_EVEN).name} ${fx.display} ÷ contribution per charter ${usd(c.value)}) = ${v}`,
      );
    });

  const breakEvenChartersRevenue = () =>
    once('becr', () => {
      const n = breakEvenCharters();
      const label = 'Revenue at break-even charters / month';
      if (n.value === undefined || avgPrice === undefined) {
        return figure('break-even-charters-revenue', label, 'usd', undefined, n.formula, n.reason);
      }
      const v = n.value * avgPrice * (1 - fee);
      return figure(
        'break-even-charters-revenue',
        label,
        'usd',
        v,
        `${n.value} break-even charters × average price ${usd(avgPrice)}${fee > 0 ? ` × (1 − ${pct(fee)} fee)` : ''} = ${usd(v)}`,
      );
    });

  const rentalFigures = () =>
    once('rental', (): RentalFigures | undefined => {
      if (!rental) return undefined;
      const asset = portfolio.assets.find((a) => a.id === rental.asset);
      const grossRent = rental.monthlyRent * 12;
      const effectiveRent = grossRent * (1 - rental.vacancyRate);
      const operatingMonthly = sum(operatingCosts(rental.entity));
      const noiValue = effectiveRent - operatingMonthly * 12;
      const debt = sum(debtService(rental.entity)) * 12;
      const flow = noiValue - debt;
      const value = asset?.value ?? 0;
      const e = rental.entity;
      const noi = figure(
        `noi:${e}`,
        `NOI / year (${rental.address})`,
        'usd',
        noiValue,
        `rent ${usd(rental.monthlyRent)} × 12 × (1 − ${pct(rental.vacancyRate)} vacancy) − operating costs ${usd(operatingMonthly)} × 12 = ${usd(effectiveRent)} − ${usd(operatingMonthly * 12)} = ${usd(noiValue)}`,
      );
      const cashFlow = figure(
        `rental-cash-flow:${e}`,
        `Cash flow / year (${rental.address})`,
        'usd',
        flow,
        `NOI ${usd(noiValue)} − debt service ${usd(debt / 12)} × 12 = ${usd(flow)}`,
      );
      const capRate =
        value > 0
          ? figure(
              `cap-rate:${e}`,
              'Cap rate',
              'pct',
              noiValue / value,
              `NOI ${usd(noiValue)} ÷ value ${usd(value)} = ${pct(noiValue / value)}`,
            )
          : figure(
              `cap-rate:${e}`,
              'Cap rate',
              'pct',
              undefined,
              'not computable because the property value is zero',
              'not computable because the property value is zero',
            );
      const cashOnCash =
        rental.cashInvested > 0
          ? figure(
              `cash-on-cash:${e}`,
              'Cash-on-cash',
              'pct',
              flow / rental.cashInvested,
              `cash flow ${usd(flow)} ÷ cash invested ${usd(rental.cashInvested)} = ${pct(flow / rental.cashInvested)}`,
            )
          : figure(
              `cash-on-cash:${e}`,
              'Cash-on-cash',
              'pct',
              undefined,
              'not computable because the cash invested is zero',
              'not computable because the cash invested is zero',
            );
      return {
        entity: e,
        address: rental.address,
        grossRent,
        effectiveRent,
        operatingMonthly,
        noi,
        debtService: debt,
        cashFlow,
        value,
        capRate,
        cashOnCash,
      };
    });

  const incomeReceived = (f: { account?: string; entity?: string }) =>
    books.lines
      .filter(
        (l) =>
          l.account !== undefined &&
          accounts.get(l.account)?.type === 'income' &&
          l.date <= asOfDay &&
          (f.account === undefined || l.account === f.account) &&
          (f.entity === undefined || l.entity === f.entity),
      )
      .reduce((a, l) => a + l.amountCents, 0) / 100;

  const streamTracked = (s: Portfolio['revenueStreams'][number]) =>
    books.lines.some(
      (l) =>
        l.account !== undefined &&
        accounts.get(l.account)?.type === 'income' &&
        (s.account ? l.account === s.account : l.entity === s.entity),
    );

  return {
    portfolio,
    period,
    timezone,
    books,
    coverage,
    ...(input.sailsUnavailable !== undefined ? { sailsUnavailable: input.sailsUnavailable } : {}),
    sails,
    doubleBooked,
    matches,
    ...(charter ? { charterEntity: charter } : {}),
    breakEvenEntities: breakEven,
    scope,
    operatingCosts,
    debtService,
    fixedCosts,
    month,
    booksMonths,
    burnWindow,
    netBurn,
    cash,
    cashAt,
    runway,
    revenue,
    net,
    breakEvenRevenue,
    contributionPerCharter,
    averageCharterPrice,
    breakEvenCharters,
    breakEvenChartersRevenue,
    sailPrice,
    sailPayout,
    rental: rentalFigures,
    streamTracked,
    incomeReceived,
  };
}

/** Figures listed once each, in first-seen order. */
export function uniqueFigures(list: readonly Figure[]): Figure[] {
  const seen = new Set<string>();
  return list.filter((f) => {
    if (seen.has(f.id)) return false;
    seen.add(f.id);
    return true;
  });
}

/** The footnote of a figure: its label, and the formula with the numbers. */
export function figureNote(f: Figure): string {
  return `${f.label}: ${f.formula}.`;
}
