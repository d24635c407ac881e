/**
 * What changed since the last report of a kind: each key figure of the new run against the same
 * figure in the previous one, in words ("Net burn / month: $2,400 → $2,112, −12.0% since the
 * 1 Nov 2026 report").
 */
import { decimal, pct, signedPct, usd } from '../reports/format';
import { DEFAULT_TIMEZONE } from '../reports/months';
import type { HistoryFigure, ReportHistoryEntry } from '../store/report-history';

function show(f: Pick<HistoryFigure, 'unit' | 'value' | 'display'>): string {
  return f.value === undefined ? 'n/a' : f.display;
}

/** The change of one figure, or undefined when neither run could compute it. */
export function describeChange(before: HistoryFigure, after: HistoryFigure): string | undefined {
  if (before.value === undefined && after.value === undefined) return undefined;
  const head = `${after.label}: ${show(before)} → ${show(after)}`;
  if (before.value === undefined || after.value === undefined) return head;
  if (before.value === after.value) return `${after.label}: unchanged at ${show(after)}`;
  const delta = after.value - before.value;
  if (after.unit === 'pct') {
    const points = delta * 100;
    return `${head} (${points > 0 ? '+' : '−'}${pct(Math.abs(points) / 100).replace('%', '')} points)`;
  }
  if (before.value === 0) {
    const abs =
      after.unit === 'usd'
        ? usd(Math.abs(delta))
        : after.unit === 'months'
          ? `${decimal(Math.abs(delta))} months`
          : String(Math.abs(delta));
    return `${head} (${delta > 0 ? '+' : '−'}${abs})`;
  }
  return `${head}, ${signedPct(delta / Math.abs(before.value))}`;
}

/** The changes since the previous run, headed by its date ("since the 1 Nov 2026 report"). */
export function changesSince(
  previous: ReportHistoryEntry,
  figures: readonly HistoryFigure[],
  timezone: string = DEFAULT_TIMEZONE,
): string[] {
  const date = new Date(previous.at).toLocaleDateString('en-GB', {
    timeZone: timezone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  });
  const before = new Map(previous.figures.map((f) => [f.id, f]));
  const lines = figures.flatMap((f) => {
    const b = before.get(f.id);
    const text = b ? describeChange(b, f) : undefined;
    return text ? [text] : [];
  });
  if (lines.length === 0) return [];
  return [`Since the ${date} report (${previous.periodLabel}):`, ...lines];
}
