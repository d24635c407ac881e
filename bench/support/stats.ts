/**
 * Small helpers the benchmarks share: order statistics and one way of printing a target.
 * Targets are printed as met or missed, never asserted: a benchmark only fails when it crashes.
 */

/** The q-quantile (0..1) of a sample, nearest-rank; NaN for an empty sample. */
export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1));
  return s[i] ?? Number.NaN;
}

/** The median of a sample (mean of the middle two for an even count). */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const hi = s[mid] ?? Number.NaN;
  return s.length % 2 === 1 ? hi : ((s[mid - 1] ?? Number.NaN) + hi) / 2;
}

/** Milliseconds with one decimal. */
export const ms = (x: number): string => `${x.toFixed(1)} ms`;

/** A byte count in KiB or MiB. */
export function bytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(2)} MiB` : `${(n / 1024).toFixed(0)} KiB`;
}

/** Prints one target line: `target … : met` or `: MISSED`. */
export function target(what: string, met: boolean): string {
  return `target ${what}: ${met ? 'met' : 'MISSED'}`;
}

/** Prints a heading for a benchmark section. */
export function heading(title: string): void {
  console.log(`\n== ${title}`);
}
