/**
 * The report model every kind produces: plain data that the renderers turn into HTML, text and
 * Slack blocks. Reports are pure functions of `ReportInput`; nothing here touches Slack or AWS.
 */
import type { LedgerLine } from './ledger';
import type { Portfolio } from './portfolio';

/** The report kinds, as `/report <kind>` and `bosun report <kind>` spell them. */
export const reportKinds = [
  'ceo',
  'cto',
  'cfo',
  'cmo',
  'accounting',
  'rental',
  'delivery',
  'billing',
] as const;

/** One of the report kinds. */
export type ReportKind = (typeof reportKinds)[number];

/** True when the string is a report kind. */
export function isReportKind(s: string): s is ReportKind {
  return (reportKinds as readonly string[]).includes(s);
}

/** What reports need to know about a sail; the sails store is adapted to this shape by the caller. */
export interface SailFacts {
  id: string;
  departAt: Date;
  /** When it returns; with the vessel, what tells a double booking. Default: departure + 2 h. */
  returnAt?: Date;
  /** The vessel it sails on; sails on one vessel at overlapping times are a double booking. */
  vesselId?: string;
  /** `scheduled`, `on_hold`, `cancelled`… */
  status: string;
  /** Guests actually invited (the sail's guest list); read for upcoming sails, 0 when not read. */
  guests: number;
  /** Seats for guests (the sail's capacity), not a booking. */
  capacity?: number;
  /** True once the sail has returned (and was not cancelled). */
  completed: boolean;
  /** The charter's price when known; otherwise the portfolio's average charter price is assumed. */
  revenue?: number;
}

/** Everything a report is computed from. */
export interface ReportInput {
  portfolio: Portfolio;
  ledger: readonly LedgerLine[];
  sails: readonly SailFacts[];
  /**
   * Set when the sails could not be read (the reason): the report says so at the top and computes
   * nothing from sails, rather than reporting zero charters.
   */
  sailsUnavailable?: string;
  now: Date;
  /** The month to report (`YYYY-MM`); default the current month, to date. */
  month?: string;
  /** Narrows the report to one entity id, where the kind supports it. */
  entity?: string;
  /** Months and dates are reckoned in this zone (default `America/Los_Angeles`). */
  timezone?: string;
}

/** A traffic-light status for a KPI. */
export type KpiStatus = 'good' | 'warn' | 'bad' | 'info';

/** A headline number with its target. */
export interface Kpi {
  label: string;
  value: string;
  target?: string;
  status: KpiStatus;
}

/** How serious a gap is. */
export type Severity = 'high' | 'medium' | 'low';

/** Something missing or wrong, with its severity. */
export interface Gap {
  text: string;
  severity: Severity;
}

/** The action plan's horizons, in days. */
export type Horizon = 30 | 60 | 90;

/** One step of the action plan. */
export interface Action {
  horizon: Horizon;
  action: string;
  owner: string;
  /** 1 is the most urgent. */
  priority: 1 | 2 | 3;
}

/** A risk placed on the likelihood × impact matrix. */
export interface RiskEntry {
  id: string;
  title: string;
  likelihood: number;
  impact: number;
  /** likelihood × impact, 1–25. */
  score: number;
  owner: string;
  mitigation: string;
}

/** A table of already-formatted cells. */
export interface Table {
  title: string;
  columns: string[];
  rows: string[][];
  /** Columns (by index) that hold numbers, right-aligned. */
  numeric?: number[];
  note?: string;
}

/** One series of a chart: bars, a line, or a dashed line (a projection). */
export interface ChartSeries {
  name: string;
  mark: 'bar' | 'line' | 'dashed';
  points: { x: string; y: number }[];
}

/**
 * A chart, as data: rendered to PNG in the report job (`render/charts.ts`), and as bars in HTML
 * or text where no image is made. `alt` describes what it shows in words, for the email's `alt`.
 */
export interface Chart {
  id: string;
  title: string;
  alt: string;
  /** `usd` or `count`: how the axis and labels read. */
  unit: 'usd' | 'count';
  /** Horizontal bars (categories, e.g. the expense mix) or months along the x axis. */
  layout: 'months' | 'categories';
  series: ChartSeries[];
  /** The x values in order. */
  x: string[];
}

/**
 * One stated figure, from the definitions module (`definitions.ts`): the same id always has the
 * same value in every report, and `formula` shows how it was computed, with the numbers.
 */
export interface Figure {
  /** `fixed-costs:qsd`, `net-burn:all`, `cap-rate:rental-3028`… */
  id: string;
  label: string;
  /** Undefined when not computable (`reason` says why). */
  value: number | undefined;
  unit: 'usd' | 'pct' | 'count' | 'months';
  display: string;
  formula: string;
  reason?: string;
}

/** One report, ready to render. */
export interface ReportModel {
  kind: ReportKind;
  title: string;
  entity?: string;
  /** The business the report is for, from the portfolio (`brand`); shown in the email's header. */
  brand?: string;
  /** The month reported, `YYYY-MM`, and its label (`Nov 2026 MTD (to 25 Nov)`). */
  period?: { month: string; label: string };
  generatedAt: string;
  /**
   * Shown above everything else in the email, its text part and the Slack summary: what the reader
   * must know before trusting the numbers (sample data, a scope other than the one asked for).
   */
  notices?: string[];
  /** 3–5 sentences generated from the numbers. */
  summary: string[];
  kpis: Kpi[];
  findings: string[];
  gaps: Gap[];
  actionPlan: Action[];
  risks?: RiskEntry[];
  tables: Table[];
  /**
   * Charts: rendered to PNG in the report job (inline images in the email, uploads in the
   * summary's thread), and drawn as bars in HTML and text where no image is made.
   */
  charts: Chart[];
  /** Every figure the report states, with its formula; the first ones are the key figures history keeps. */
  figures?: Figure[];
  /** Ids of the figures kept in report history and compared on the next run. */
  keyFigures?: string[];
  /** What changed since the last report of this kind (filled by the report job from history). */
  changes?: string[];
  /** Each formula the numbers came from, stated in words. */
  footnotes: string[];
}

/** A number that may not be computable, with the reason when it is not. */
export type Computed = { ok: true; value: number } | { ok: false; reason: string };

/**
 * The notice a report that does not narrow to an entity carries when one was asked for, so a
 * reader of `/report ceo qdn` is told the numbers are not QuickDumpNow's alone.
 */
export function ignoredEntityNotice(
  asked: string | undefined,
  covers: { id?: string; label: string },
): string[] {
  if (!asked || asked === covers.id) return [];
  return [`This report always covers ${covers.label}; it is not narrowed to the entity "${asked}".`];
}

/** `{ notices }` when there are any, for spreading into a model (no empty list in the JSON). */
export function notices(list: readonly string[]): { notices?: string[] } {
  return list.length > 0 ? { notices: [...list] } : {};
}

/** Sorts an action plan by horizon, then priority. */
export function sortActions(actions: Action[]): Action[] {
  return [...actions].sort((a, b) => a.horizon - b.horizon || a.priority - b.priority);
}

/**
 * The action plan's heading, naming only the horizons it has: `Action plan (30 / 60 days)`, so a
 * plan with nothing at 90 days does not promise a 90-day column.
 */
export function actionPlanHeading(actions: readonly Action[]): string {
  const horizons = [...new Set(actions.map((a) => a.horizon))].sort((a, b) => a - b);
  return horizons.length > 0 ? `Action plan (${horizons.join(' / ')} days)` : 'Action plan';
}

/** Sorts gaps high → low. */
export function sortGaps(gaps: Gap[]): Gap[] {
  const rank: Record<Severity, number> = { high: 0, medium: 1, low: 2 };
  return [...gaps].sort((a, b) => rank[a.severity] - rank[b.severity]);
}

/** The risks of a portfolio (optionally one entity's), scored and sorted, highest first. */
export function riskMatrix(portfolio: Portfolio, entity?: string): RiskEntry[] {
  return portfolio.risks
    .filter((r) => !entity || r.entity === entity || r.entity === undefined)
    .map((r) => ({
      id: r.id,
      title: r.title,
      likelihood: r.likelihood,
      impact: r.impact,
      score: r.likelihood * r.impact,
      owner: r.owner,
      mitigation: r.mitigation,
    }))
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
}

/** Groups items by a key, keeping first-seen order (Node 20 has no `Map.groupBy`). */
export function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
