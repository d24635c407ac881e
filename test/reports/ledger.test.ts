import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { categorise, parseAmountCents, parseLedgerCsv } from '../../src/reports/ledger';

const rules = [
  { pattern: 'PAYOUT', account: '4000', entity: 'boat' },
  { pattern: 'MARINA', account: '5000', entity: 'boat' },
];

describe('parseLedgerCsv', () => {
  it('parses lines, normalises dates and amounts to cents', () => {
    const res = parseLedgerCsv(
      'Date,Description,Amount,Account\n01/05/2026,FAREHARBOR  PAYOUT,"1,200.50",Chase 1\n2026-01-06,MARINA,(45.00),Chase 1\n',
    );
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.lines.map((l) => [l.date, l.description, l.amountCents])).toEqual([
      ['2026-01-05', 'FAREHARBOR PAYOUT', 120050],
      ['2026-01-06', 'MARINA', -4500],
    ]);
  });

  it('gives two identical lines on one day different hashes, stable across parses', () => {
    const csv =
      'date,description,amount,account\n2026-01-06,COFFEE,-4.50,Amex\n2026-01-06,COFFEE,-4.50,Amex\n';
    const a = parseLedgerCsv(csv);
    const b = parseLedgerCsv(csv);
    if (!a.ok || !b.ok) throw new Error('expected both to parse');
    expect(a.lines).toHaveLength(2);
    expect(a.lines[0]?.hash).not.toBe(a.lines[1]?.hash);
    expect(a.lines.map((l) => l.hash)).toEqual(b.lines.map((l) => l.hash));
  });

  it('reports each bad line by its line number', () => {
    const res = parseLedgerCsv(
      'date,description,amount,account\n2026-01-06,OK,1.00,A\n2026-02-30,BAD DATE,1.00,A\n2026-01-07,BAD AMOUNT,twelve,A\n',
    );
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.issues).toEqual([
      { line: 3, message: expect.stringContaining("date '2026-02-30'") },
      { line: 4, message: expect.stringContaining("amount 'twelve'") },
    ]);
  });

  it('names a missing column', () => {
    const res = parseLedgerCsv('date,description,amount\n2026-01-06,OK,1.00\n');
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.issues[0]).toEqual({ line: 2, message: "missing column 'account'" });
  });

  it('reports malformed CSV with a line', () => {
    const res = parseLedgerCsv('date,description,amount,account\n2026-01-06,"unclosed,1.00,A\n');
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.issues[0]?.line).toBeGreaterThanOrEqual(2);
  });

  it('parses the shipped sample', () => {
    const res = parseLedgerCsv(readFileSync('data/ledger-sample.csv', 'utf8'));
    expect(res.ok).toBe(true);
    if (res.ok) expect(new Set(res.lines.map((l) => l.hash)).size).toBe(res.lines.length);
  });

  it('round-trips any amount in cents (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000_000, max: 10_000_000 }), (cents) => {
        const s = (cents / 100).toFixed(2);
        expect(parseAmountCents(s)).toBe(cents);
      }),
    );
  });

  it('hashes any description consistently and never throws on it (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), (desc) => {
        const cell = `"${desc.replace(/"/g, '""')}"`;
        const csv = `date,description,amount,account\n2026-01-06,${cell},1.00,A\n`;
        const a = parseLedgerCsv(csv);
        const b = parseLedgerCsv(csv);
        expect(a).toEqual(b);
      }),
    );
  });
});

describe('categorise', () => {
  it('applies the first matching rule and lists the rest as uncategorised, keeping them', () => {
    const res = parseLedgerCsv(
      'date,description,amount,account\n2026-01-05,FH PAYOUT,100,A\n2026-01-06,marina slip,-50,A\n2026-01-07,HOME DEPOT,-20,A\n',
    );
    if (!res.ok) throw new Error('parse');
    const out = categorise(res.lines, rules);
    expect(out.lines.map((l) => l.account)).toEqual(['4000', '5000', undefined]);
    expect(out.lines).toHaveLength(3);
    expect(out.uncategorised.map((l) => l.description)).toEqual(['HOME DEPOT']);
  });
});
