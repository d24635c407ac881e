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
  now: Date;
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

/** A horizontal bar chart, drawn with HTML/CSS. */
export interface BarChart {
  title: string;
  bars: { label: string; value: number; display: string }[];
  /** A reference line, e.g. break-even, on the same scale as the values. */
  marker?: { value: number; label: string };
}

/** One report, ready to render. */
export interface ReportModel {
  kind: ReportKind;
  title: string;
  entity?: string;
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
  charts: BarChart[];
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
