/**
 * Number formatting shared by every report, so one figure reads the same everywhere (US English):
 * money in whole dollars, except ledger amounts in the accounting tables and unit rates (per mile),
 * which keep cents; percentages with two decimals under 10% and one decimal from 10% up, so 1.75%
 * never shows as 1.8%.
 */
import type { Computed } from './model';

const usd0 = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const usd2 = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const one = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
const two = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2, minimumFractionDigits: 2 });

/** Rounds half away from zero (−1,412.50 → −1,413, as 1,412.50 → 1,413), the same for every sign. */
function roundHalfAway(n: number, decimals: number): number {
  const f = 10 ** decimals;
  // The epsilon keeps 1.005 (stored as 1.00499…) rounding the way it is written.
  return (Math.sign(n) * Math.round(Math.abs(n) * f + 1e-9)) / f;
}

/** `$12,345` (or `$12.35` with cents). A value that rounds to zero never shows as `-$0`. */
export function usd(n: number, cents = false): string {
  const rounded = roundHalfAway(n, cents ? 2 : 0);
  return (cents ? usd2 : usd0).format(rounded === 0 ? 0 : rounded);
}

/** A ledger amount with cents, as the accounting tables show money. */
export function cents(n: number): string {
  return usd(n, true);
}

/** `12,345`. */
export function count(n: number): string {
  return int.format(n === 0 ? 0 : n);
}

/** `4.2`. */
export function decimal(n: number): string {
  return one.format(n);
}

/**
 * `12.5%` from a ratio 0.125, and `1.75%` from 0.0175: two decimals under 10% (where a tenth of a
 * point is a large share of the value), one decimal from 10% up.
 */
export function pct(ratio: number): string {
  const p = ratio * 100;
  const rounded2 = Math.round(p * 100) / 100;
  if (Math.abs(rounded2) < 10) return `${two.format(rounded2 === 0 ? 0 : rounded2)}%`;
  return `${one.format(p)}%`;
}

/** A signed change in percent, `+12.0%` / `−3.25%` (a true minus sign). */
export function signedPct(ratio: number): string {
  const text = pct(Math.abs(ratio));
  if (text === '0.00%') return text;
  return `${ratio < 0 ? '−' : '+'}${text}`;
}

/** A computed value, or `n/a` when it is not computable. */
export function show(c: Computed, fmt: (n: number) => string): string {
  return c.ok ? fmt(c.value) : 'n/a';
}

/** Rounds to cents, avoiding binary-fraction noise in sums. */
export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** `1 sail`, `3 sails`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/** The word that agrees with a count: `agree(1, 'is', 'are')` → `is`, `agree(3, 'is', 'are')` → `are`. */
export function agree(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}

/** `a`, `a and b`, `a, b and c`. */
export function andList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
