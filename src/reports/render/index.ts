/** Renders a report model as an email (subject, HTML, text) and as a Slack summary. */
import type { ReportModel } from '../model';
import { type ChartImageRef, type RenderContext, renderReportHtml } from './html';
import { renderSlackSummary, type SlackBlock } from './slack';
import type { ReportTemplates } from './templates';
import { renderReportText } from './text';

/** The email form of a report. */
export interface RenderedReportEmail {
  subject: string;
  html: string;
  text: string;
}

/** The subject line of a report email. */
export function reportSubject(model: ReportModel, ctx: RenderContext = {}): string {
  const day = new Date(model.generatedAt).toLocaleDateString('en-US', {
    timeZone: ctx.timezone ?? 'America/Los_Angeles',
    dateStyle: 'medium',
  });
  return `${model.title} · ${day}`;
}

/** Renders the report email. */
export function renderReportEmail(
  model: ReportModel,
  templates: ReportTemplates,
  ctx: RenderContext = {},
): RenderedReportEmail {
  return {
    subject: reportSubject(model, ctx),
    html: renderReportHtml(model, templates, ctx),
    text: renderReportText(model, templates, ctx),
  };
}

export { loadReportTemplates } from './templates';
export type { ChartImageRef, RenderContext, ReportTemplates, SlackBlock };
export { renderReportHtml, renderReportText, renderSlackSummary };
