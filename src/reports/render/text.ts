/** The report as plain text, readable in a text-only mail client (72-column friendly). */
import { fillTemplate } from '../../mail/template';
import { count, usd } from '../format';
import { actionPlanHeading, type Chart, type ReportModel, type RiskEntry, type Table } from '../model';
import { generatedLine, type RenderContext } from './html';
import type { ReportTemplates } from './templates';

const WIDTH = 72;

/** Wraps a paragraph to the width, indenting continuation lines. */
export function wrap(text: string, indent = '', first = ''): string {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const w of words) {
    if (!empty && line.length + 1 + w.length > WIDTH) {
      lines.push(line);
      line = indent + w;
    } else line = empty ? `${line}${w}` : `${line} ${w}`;
    empty = false;
  }
  if (!empty) lines.push(line);
  return lines.join('\n');
}

function bullets(items: readonly string[], empty: string): string {
  return items.length ? items.map((i) => wrap(i, '  ', '- ')).join('\n') : empty;
}

function table(t: Table): string {
  const numeric = new Set(t.numeric ?? []);
  const all = [t.columns, ...t.rows];
  const widths = t.columns.map((_, i) => Math.min(28, Math.max(...all.map((r) => (r[i] ?? '').length))));
  const cell = (s: string, i: number) => {
    const w = widths[i] ?? 0;
    const v = s.length > w ? `${s.slice(0, w - 1)}…` : s;
    return numeric.has(i) ? v.padStart(w) : v.padEnd(w);
  };
  const line = (r: string[]) => r.map(cell).join('  ').trimEnd();
  const body = t.rows.length ? t.rows.map(line).join('\n') : 'None.';
  return `\n${t.title.toUpperCase()}\n${line(t.columns)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${body}\n`;
}

function chart(c: Chart): string {
  const bars = c.series[0];
  if (!bars || bars.points.length === 0) return '';
  const fmt = (n: number) => (c.unit === 'usd' ? usd(n) : count(n));
  const max = Math.max(0, ...c.series.flatMap((s) => s.points.map((p) => p.y)));
  const labelWidth = Math.min(24, Math.max(...bars.points.map((b) => b.x.length)));
  const rows = bars.points.map((b) => {
    const n = max > 0 ? Math.max(0, Math.round((b.y / max) * 30)) : 0;
    const extra = c.series
      .slice(1)
      .map((o) => {
        const v = o.points.find((p) => p.x === b.x);
        return v ? `, ${o.name.toLowerCase()} ${fmt(v.y)}` : '';
      })
      .join('');
    return `${b.x.slice(0, labelWidth).padEnd(labelWidth)} ${'#'.repeat(n).padEnd(30)} ${fmt(b.y)}${extra}`;
  });
  return `\n${c.title.toUpperCase()}\n${rows.join('\n')}\n`;
}

function risks(list: readonly RiskEntry[] | undefined): string {
  if (!list || list.length === 0) return '';
  return `\nRISKS (likelihood × impact)\n${list
    .map((r) =>
      wrap(
        `${r.id} [${r.likelihood}×${r.impact}=${r.score}] ${r.title}. Owner: ${r.owner}. Mitigation: ${r.mitigation}`,
        '  ',
        '- ',
      ),
    )
    .join('\n')}\n`;
}

/** Renders the full report as plain text. */
export function renderReportText(
  model: ReportModel,
  templates: ReportTemplates,
  ctx: RenderContext = {},
): string {
  const notices = (model.notices ?? []).map((n) => `${wrap(n, '    ', '!!! ')}\n\n`).join('');
  return (
    notices +
    fillTemplate(
      templates.text,
      {
        title: model.title,
        underline: '='.repeat(Math.min(WIDTH, model.title.length)),
        meta: generatedLine(model, ctx),
        summary:
          wrap(model.summary.join(' ')) +
          (model.changes?.length ? `\n\nSince the last report:\n${bullets(model.changes, '')}` : ''),
        kpis: model.kpis.length
          ? model.kpis
              .map((k) => `- ${k.label}: ${k.value}${k.target ? ` (target ${k.target})` : ''}`)
              .join('\n')
          : 'None.',
        gaps: bullets(
          model.gaps.map((g) => `[${g.severity.toUpperCase()}] ${g.text}`),
          'No gaps found.',
        ),
        findings: bullets(model.findings, 'No findings.'),
        actionHeading: actionPlanHeading(model.actionPlan).toUpperCase(),
        actions: bullets(
          model.actionPlan.map((a) => `${a.horizon} days, P${a.priority}: ${a.action} (owner: ${a.owner})`),
          'No actions.',
        ),
        risks: risks(model.risks),
        charts: model.charts.map(chart).join(''),
        tables: model.tables.map(table).join(''),
        footnotes: model.footnotes.map((f, i) => wrap(f, '   ', `${i + 1}. `)).join('\n'),
      },
      'text',
    )
  );
}
