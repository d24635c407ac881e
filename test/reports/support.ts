import { expect } from 'vitest';
import type { Kpi, ReportModel } from '../../src/reports/model';

/** The KPI whose label starts with the text; throws (failing the test) when there is none. */
export function kpi(model: ReportModel, label: string): Kpi {
  const k = model.kpis.find((x) => x.label.startsWith(label));
  if (!k) throw new Error(`no KPI "${label}" in ${model.kpis.map((x) => x.label).join(', ')}`);
  return k;
}

/** The rows of the table whose title starts with the text. */
export function rows(model: ReportModel, title: string): string[][] {
  const t = model.tables.find((x) => x.title.startsWith(title));
  if (!t) throw new Error(`no table "${title}" in ${model.tables.map((x) => x.title).join(', ')}`);
  return t.rows;
}

/** Every report has the common parts, and no number leaked as NaN or Infinity. */
export function expectCommonShape(model: ReportModel): void {
  expect(model.summary.length).toBeGreaterThanOrEqual(3);
  expect(model.summary.length).toBeLessThanOrEqual(5);
  expect(model.footnotes.length).toBeGreaterThan(0);
  expect(model.actionPlan.every((a) => [30, 60, 90].includes(a.horizon) && a.owner.length > 0)).toBe(true);
  expect(JSON.stringify(model)).not.toMatch(/NaN|Infinity|undefined/);
}
