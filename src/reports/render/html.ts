/**
 * The report as an HTML email: a table layout fluid up to 600 px, CSS inlined by juice, no
 * scripts. Charts are inline PNG images (`cid:` references to parts of the same message) when the
 * report job rendered them, otherwise bars drawn with table cells. Every string from the model is
 * escaped here.
 */
import { renderInLayout } from '../../mail/layout';
import { escapeHtml as e, fillTemplate } from '../../mail/template';
import { count, usd } from '../format';
import { actionPlanHeading, type Chart, type ReportModel, type RiskEntry, type Table } from '../model';
import type { ReportTemplates } from './templates';

/** Extra lines for the header and footer. */
export interface RenderContext {
  /** Shown under the title, e.g. who asked for it. */
  requestedBy?: string;
  /** `America/Los_Angeles` by default; the generated time is shown in it. */
  timezone?: string;
  /** Charts rendered to PNG, by chart id: shown as `<img src="cid:…">` instead of HTML bars. */
  images?: ReadonlyMap<string, ChartImageRef>;
}

/** Where a rendered chart is: its `cid` in the message (or a `data:` URL) and its size in CSS px. */
export interface ChartImageRef {
  src: string;
  width: number;
  height: number;
}

/** Tables and lists longer than this are cut in the email (with a note) to stay under Gmail's 102 KB clip. */
export const MAX_EMAIL_ROWS = 60;

const statusWord = { good: 'on track', warn: 'watch', bad: 'off track', info: '' } as const;

function paragraphs(lines: readonly string[]): string {
  return lines.map((l) => `<p>${e(l)}</p>`).join('\n');
}

/**
 * A table that may be wider than a phone: it shrinks first (text wraps), and what still does not
 * fit scrolls inside its own box instead of widening the whole email.
 */
function scrollable(table: string): string {
  return `<div class="scroll">${table}</div>`;
}

function more(n: number): string {
  return n > 0
    ? `<p class="caption">… and ${n} more; render the full list with \`bosun report --out\`.</p>`
    : '';
}

function list(items: readonly string[], empty: string): string {
  if (items.length === 0) return `<p>${e(empty)}</p>`;
  const shown = items.slice(0, MAX_EMAIL_ROWS);
  return `<ul>${shown.map((i) => `<li>${e(i)}</li>`).join('')}</ul>${more(items.length - shown.length)}`;
}

function kpiGrid(model: ReportModel): string {
  if (model.kpis.length === 0) return '<p>No headline numbers.</p>';
  const cells = model.kpis.map(
    (k) =>
      `<td class="kpi"><div class="kpi-label">${e(k.label)}</div><div class="kpi-value ${k.status}">${e(k.value)}</div>` +
      `<div class="kpi-target">${k.target ? `target ${e(k.target)}${statusWord[k.status] ? ` · ${statusWord[k.status]}` : ''}` : '&nbsp;'}</div></td>`,
  );
  const rows: string[] = [];
  for (let i = 0; i < cells.length; i += 3) {
    const row = cells.slice(i, i + 3);
    while (row.length < 3) row.push('<td class="kpi">&nbsp;</td>');
    rows.push(`<tr>${row.join('')}</tr>`);
  }
  return `<table role="presentation" class="grid" width="100%" cellpadding="0" cellspacing="0">${rows.join('')}</table>`;
}

function gapsList(model: ReportModel): string {
  if (model.gaps.length === 0) return '<p>No gaps found.</p>';
  return `<table role="presentation" class="grid" width="100%" cellpadding="0" cellspacing="0">${model.gaps
    .map(
      (g) =>
        `<tr><td style="width:70px;"><span class="sev sev-${g.severity}">${g.severity}</span></td><td>${e(g.text)}</td></tr>`,
    )
    .join('')}</table>`;
}

function actionsTable(model: ReportModel): string {
  if (model.actionPlan.length === 0) return '<p>No actions.</p>';
  const rows = model.actionPlan
    .map(
      (a) =>
        `<tr><td class="num">${a.horizon} days</td><td class="num">P${a.priority}</td><td>${e(a.action)}</td><td>${e(a.owner)}</td></tr>`,
    )
    .join('');
  return scrollable(
    `<table role="presentation" class="grid" width="100%" cellpadding="0" cellspacing="0"><tr><th>By</th><th>Priority</th><th>Action</th><th>Owner</th></tr>${rows}</table>`,
  );
}

function riskColour(score: number): string {
  if (score >= 15) return '#f4c7c3';
  if (score >= 8) return '#fce8b2';
  return '#d9ead3';
}

function riskSection(risks: readonly RiskEntry[] | undefined): string {
  if (!risks || risks.length === 0) return '';
  const grid: string[] = [];
  for (let impact = 5; impact >= 1; impact--) {
    const cells = [1, 2, 3, 4, 5].map((likelihood) => {
      const here = risks
        .filter((r) => r.impact === impact && r.likelihood === likelihood)
        .map((r) => e(r.id));
      return `<td class="risk" style="background:${riskColour(impact * likelihood)};">${here.join(' ') || '&nbsp;'}</td>`;
    });
    grid.push(`<tr><td class="risk-axis">impact ${impact}</td>${cells.join('')}</tr>`);
  }
  grid.push(
    `<tr><td>&nbsp;</td>${[1, 2, 3, 4, 5].map((l) => `<td class="risk-axis">likelihood ${l}</td>`).join('')}</tr>`,
  );
  const rows = risks
    .map(
      (r) =>
        `<tr><td style="white-space:nowrap;">${e(r.id)}</td><td>${e(r.title)}</td><td class="num">${r.likelihood} × ${r.impact} = ${r.score}</td><td>${e(r.owner)}</td><td>${e(r.mitigation)}</td></tr>`,
    )
    .join('');
  return (
    `<h2>Risk matrix</h2>${scrollable(`<table role="presentation" width="100%" cellpadding="0" cellspacing="0">${grid.join('')}</table>`)}` +
    scrollable(
      `<table role="presentation" class="grid" width="100%" cellpadding="0" cellspacing="0" style="margin-top:8px;"><tr><th>Id</th><th>Risk</th><th>Score</th><th>Owner</th><th>Mitigation</th></tr>${rows}</table>`,
    )
  );
}

/** A chart as bars drawn with table cells: the first series as bars, the others named beside. */
function barChart(chart: Chart): string {
  const bars = chart.series[0];
  if (!bars || bars.points.length === 0) return '';
  const others = chart.series.slice(1);
  const fmt = (n: number) => (chart.unit === 'usd' ? usd(n) : count(n));
  const max = Math.max(0, ...chart.series.flatMap((s) => s.points.map((p) => p.y)));
  const rows = bars.points
    .map((b) => {
      const width = max > 0 ? Math.max(0, Math.round((b.y / max) * 100)) : 0;
      const bar =
        width > 0
          ? `<table role="presentation" width="${width}%" cellpadding="0" cellspacing="0" style="width:${width}%;"><tr><td class="bar">&nbsp;</td></tr></table>`
          : '&nbsp;';
      const extra = others
        .map((o) => {
          const v = o.points.find((p) => p.x === b.x);
          return v ? ` · ${e(o.name)} ${e(fmt(v.y))}` : '';
        })
        .join('');
      return `<tr><td class="bar-label">${e(b.x)}</td><td class="bar-cell">${bar}</td><td class="bar-value">${e(fmt(b.y))}${extra}</td></tr>`;
    })
    .join('');
  return `<h3>${e(chart.title)}</h3><table role="presentation" width="100%" cellpadding="0" cellspacing="0">${rows}</table>`;
}

/** A chart: its PNG when one was rendered (with alt text), else bars drawn with table cells. */
function chartHtml(chart: Chart, images: ReadonlyMap<string, ChartImageRef> | undefined): string {
  const img = images?.get(chart.id);
  if (!img) return barChart(chart);
  // The title is drawn in the image; the alt text says what the chart shows.
  return `<img src="${e(img.src)}" alt="${e(chart.alt)}" width="${img.width}" style="display:block;width:100%;max-width:${img.width}px;height:auto;border:0;margin:12px 0;" />`;
}

function dataTable(t: Table): string {
  const numeric = new Set(t.numeric ?? []);
  const head = t.columns.map((c, i) => `<th${numeric.has(i) ? ' class="num"' : ''}>${e(c)}</th>`).join('');
  const body =
    t.rows.length === 0
      ? `<tr><td colspan="${t.columns.length}">None.</td></tr>`
      : t.rows
          .slice(0, MAX_EMAIL_ROWS)
          .map(
            (r) =>
              `<tr>${r.map((c, i) => `<td${numeric.has(i) ? ' class="num"' : ''}>${e(c)}</td>`).join('')}</tr>`,
          )
          .join('');
  return `<h3>${e(t.title)}</h3>${scrollable(`<table role="presentation" class="grid" width="100%" cellpadding="0" cellspacing="0"><tr>${head}</tr>${body}</table>`)}${more(t.rows.length - MAX_EMAIL_ROWS)}${t.note ? `<p class="caption">${e(t.note)}</p>` : ''}`;
}

/** The generated time as a readable line in the business's zone. */
export function generatedLine(model: ReportModel, ctx: RenderContext = {}): string {
  const at = new Date(model.generatedAt).toLocaleString('en-US', {
    timeZone: ctx.timezone ?? 'America/Los_Angeles',
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  return `${model.period ? `${model.period.label} · ` : ''}Generated ${at}${ctx.requestedBy ? ` for ${ctx.requestedBy}` : ''}${model.entity ? ` · entity ${model.entity}` : ''}`;
}

/**
 * The model's notices as a boxed block for the very top of the email, styled inline so it stands
 * out in every client; empty when there are none.
 */
export function noticesHtml(model: ReportModel): string {
  if (!model.notices?.length) return '';
  const rows = model.notices
    .map(
      (n) =>
        `<tr><td class="notice" style="background:#fff4ce;border:2px solid #b7791f;color:#3d2a00;padding:12px 14px;font-weight:bold;">&#9888; ${e(n)}</td></tr>`,
    )
    .join('');
  return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="margin:0 0 16px 0;">${rows}</table>`;
}

/** Renders the full report as an HTML email body. */
export function renderReportHtml(
  model: ReportModel,
  templates: ReportTemplates,
  ctx: RenderContext = {},
): string {
  const charts = model.charts.map((c) => chartHtml(c, ctx.images)).filter(Boolean);
  const content = fillTemplate(
    templates.html,
    {
      title: model.title,
      meta: generatedLine(model, ctx),
      summary:
        paragraphs(model.summary) +
        (model.changes?.length ? `<h3>Since the last report</h3>${list(model.changes, '')}` : ''),
      kpis: kpiGrid(model),
      gaps: gapsList(model),
      findings: list(model.findings, 'No findings.'),
      actionHeading: actionPlanHeading(model.actionPlan),
      actions: actionsTable(model),
      risks: riskSection(model.risks),
      charts: charts.length ? `<h2>Charts</h2>${charts.join('')}` : '',
      tables: model.tables.length ? `<h2>Details</h2>${model.tables.map(dataTable).join('')}` : '',
      footnotes: `<ol class="foot">${model.footnotes.map((f) => `<li>${e(f)}</li>`).join('')}</ol>`,
    },
    'html',
  );
  return renderInLayout(templates.layout, {
    title: model.title,
    // The inbox preview shows the notice first, so a sample-data report is never mistaken for real.
    preheader: model.notices?.[0] ?? model.summary[0] ?? model.title,
    brand: `${model.brand ?? 'Bosun'} · executive report`,
    content: noticesHtml(model) + content,
    footer:
      'Computed by Bosun from the portfolio, the ledger and the sails on record. Reply to this email with questions.',
  });
}
