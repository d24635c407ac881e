/**
 * Ledger lines from a bank or card export (CSV: date, description, amount, account), a stable
 * hash per line so that re-importing a file adds nothing, and categorisation by the portfolio's
 * rules (pattern → chart-of-accounts account and entity). Lines no rule matches are kept and
 * reported as uncategorised, never dropped.
 */
import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { Portfolio } from './portfolio';

/** One line of a bank or card export, normalised. Amounts are in cents, inflows positive. */
export interface LedgerLine {
  /** `YYYY-MM-DD`. */
  date: string;
  description: string;
  amountCents: number;
  /** The bank or card account the line came from. */
  source: string;
  /** sha256 of the normalised fields and the occurrence index among identical lines. */
  hash: string;
}

/** A ledger line with the account and entity its rule gave it (or none). */
export interface CategorisedLine extends LedgerLine {
  account?: string;
  entity?: string;
}

/** A problem in a CSV file, naming its line. */
export interface LedgerIssue {
  line: number;
  message: string;
}

/** The outcome of parsing a CSV export. */
export type LedgerParse = { ok: true; lines: LedgerLine[] } | { ok: false; issues: LedgerIssue[] };

const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function normaliseDate(raw: string): string | undefined {
  const iso = ISO_DATE.exec(raw);
  const us = US_DATE.exec(raw);
  const [y, m, d] = iso
    ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    : us
      ? [Number(us[3]), Number(us[1]), Number(us[2])]
      : [0, 0, 0];
  if (!y) return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return undefined;
  return date.toISOString().slice(0, 10);
}

/** Parses `-1,234.56`, `$45`, `(45.00)` into cents; undefined when it is not an amount. */
export function parseAmountCents(raw: string): number | undefined {
  let s = raw.trim().replace(/[$,\s]/g, '');
  let sign = 1;
  const paren = /^\((.*)\)$/.exec(s);
  if (paren) {
    sign = -1;
    s = paren[1] ?? '';
  }
  if (!/^[-+]?\d+(\.\d{1,2})?$/.test(s)) return undefined;
  const cents = Math.round(Number(s) * 100);
  return sign * cents;
}

const row = z.object({
  date: z.string().min(1, 'date is empty'),
  description: z.string().min(1, 'description is empty'),
  amount: z.string().min(1, 'amount is empty'),
  account: z.string().min(1, 'account is empty'),
});

function normaliseDescription(s: string): string {
  return s.trim().replace(/\s+/g, ' ');
}

function lineHash(date: string, description: string, cents: number, source: string, occurrence: number) {
  return createHash('sha256')
    .update(
      [date, description.toUpperCase(), String(cents), source.toUpperCase(), String(occurrence)].join(
        '\u001f',
      ),
    )
    .digest('hex');
}

/**
 * Parses a CSV export with a header row `date,description,amount,account` (any order, any case).
 * Every bad line is reported with its line number in the file; nothing is returned unless all are good.
 */
export function parseLedgerCsv(csvText: string): LedgerParse {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(csvText, {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      info: true,
      bom: true,
    });
  } catch (err) {
    const line =
      err && typeof err === 'object' && 'lines' in err && typeof err.lines === 'number' ? err.lines : 1;
    return { ok: false, issues: [{ line, message: err instanceof Error ? err.message : String(err) }] };
  }
  const issues: LedgerIssue[] = [];
  const lines: LedgerLine[] = [];
  const occurrences = new Map<string, number>();
  for (const { record, info } of records) {
    const line = info.lines;
    const parsed = row.safeParse(record);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path.join('.');
        issues.push({
          line,
          message: issue.code === 'invalid_type' ? `missing column '${field}'` : `${field}: ${issue.message}`,
        });
      }
      continue;
    }
    const date = normaliseDate(parsed.data.date);
    const cents = parseAmountCents(parsed.data.amount);
    if (!date) issues.push({ line, message: `date '${parsed.data.date}' is not a date (use YYYY-MM-DD)` });
    if (cents === undefined)
      issues.push({ line, message: `amount '${parsed.data.amount}' is not an amount` });
    if (!date || cents === undefined) continue;
    const description = normaliseDescription(parsed.data.description);
    const source = parsed.data.account.trim();
    const identity = [date, description.toUpperCase(), cents, source.toUpperCase()].join('|');
    // Two identical real lines (two coffees on one day) must both count, so the nth copy gets index n.
    const occurrence = occurrences.get(identity) ?? 0;
    occurrences.set(identity, occurrence + 1);
    lines.push({
      date,
      description,
      amountCents: cents,
      source,
      hash: lineHash(date, description, cents, source, occurrence),
    });
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, lines };
}

/** Gives each line the account and entity of the first rule whose pattern matches its description. */
export function categorise(
  lines: readonly LedgerLine[],
  rules: Portfolio['ledgerRules'],
): { lines: CategorisedLine[]; uncategorised: LedgerLine[] } {
  const compiled = rules.map((r) => ({ re: new RegExp(r.pattern, 'i'), rule: r }));
  const out: CategorisedLine[] = [];
  const uncategorised: LedgerLine[] = [];
  for (const line of lines) {
    const hit = compiled.find((c) => c.re.test(line.description));
    if (hit) out.push({ ...line, account: hit.rule.account, entity: hit.rule.entity });
    else {
      out.push({ ...line });
      uncategorised.push(line);
    }
  }
  return { lines: out, uncategorised };
}

/** `YYYY-MM` of a ledger date. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}
