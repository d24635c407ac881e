/** Number formatting shared by the reports (US English, whole dollars unless asked). */
import type { Computed } from './model';

const usd0 = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const usd2 = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2 });
const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const one = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 1 });

/** `$12,345` (or `$12.35` with cents). */
export function usd(n: number, cents = false): string {
  return (cents ? usd2 : usd0).format(n === 0 ? 0 : n);
}

/** `12,345`. */
export function count(n: number): string {
  return int.format(n);
}

/** `4.2`. */
export function decimal(n: number): string {
  return one.format(n);
}

/** `12.5%` from a ratio 0.125. */
export function pct(ratio: number): string {
  return `${one.format(ratio * 100)}%`;
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
