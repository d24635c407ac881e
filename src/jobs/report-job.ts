/**
 * The `report` job: load the data → build the model → compare with the last run (history) →
 * render the charts to PNG → email the full report with the charts inline (with the audit copy) →
 * post the summary to the channel and upload the charts into its thread → record the run and its
 * key figures. A failure is never silent: the requester gets a DM saying what failed and how to
 * ask again.
 */
import { z } from 'zod';
import { logger } from '../log';
import type { InlineImage, Mailer } from '../mail/types';
import { buildReport } from '../reports';
import type { Figure, ReportModel, SailFacts } from '../reports/model';
import { reportKinds } from '../reports/model';
import {
  type ChartImageRef,
  type ReportTemplates,
  renderReportEmail,
  renderSlackSummary,
  type SlackBlock,
} from '../reports/render';
import type { ChartImage } from '../reports/render/charts';
import type { HistoryFigure, ReportHistoryEntry, ReportHistoryStore } from '../store/report-history';
import type { ReportRunStore } from '../store/report-runs';
import { changesSince } from './report-changes';
import { type ReportData, SAMPLE_SUBJECT_TAG, withSourceNotice } from './report-data';
import type { Job, JobHandler } from './types';

export { REPORT_JOB } from './types';

/** What `/report <kind> [entity] [YYYY-MM]` (or a schedule) hands to the job. */
export const reportJobPayload = z.object({
  kind: z.enum(reportKinds),
  entity: z.string().min(1).optional(),
  /** The month to report, `YYYY-MM`; default the current month to date. */
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional(),
  /** Slack user id of the admin who asked (or who set the schedule). */
  requestedBy: z.string().min(1),
  /** Where the summary goes; absent for scheduled runs, which are emailed only. */
  channel: z.string().min(1).optional(),
  /** Set for a scheduled run: its cadence and the period it is for. */
  scheduled: z.object({ cadence: z.enum(['weekly', 'monthly']), period: z.string().min(1) }).optional(),
});

/** The report job's payload. */
export type ReportJobPayload = z.infer<typeof reportJobPayload>;

/** A chart to upload into the summary's thread. */
export interface ReportUpload {
  channel: string;
  /** The summary message's ts: the upload goes into its thread. */
  threadTs?: string;
  filename: string;
  title: string;
  altText: string;
  data: Uint8Array;
}

/** What the report job needs; the Slack side is injected so this module knows nothing of Slack. */
export interface ReportJobDeps {
  loadData: () => Promise<ReportData>;
  loadSails: () => Promise<SailFacts[]>;
  templates: () => Promise<ReportTemplates>;
  mailer: Mailer;
  recipients: readonly string[];
  runs: ReportRunStore;
  /** Past runs' key figures; absent → no "since the last report". */
  history?: ReportHistoryStore;
  /** Renders the charts to PNG (lazily loads Vega and resvg); absent → charts drawn as HTML bars. */
  renderCharts?: (model: ReportModel) => Promise<ChartImage[]>;
  /** Posts the summary to the channel (`chat.postMessage`); returns the message's ts. */
  postSummary: (message: {
    channel: string;
    blocks: SlackBlock[];
    text: string;
  }) => Promise<{ ts?: string } | undefined>;
  /** Uploads a chart into the summary's thread (`files.uploadV2`). */
  uploadFile?: (file: ReportUpload) => Promise<void>;
  /** DMs the requester. */
  notifyRequester: (message: { userId: string; text: string }) => Promise<void>;
  now: () => Date;
  timezone?: string;
}

function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** How to ask again, in every failure message. */
export function resendHint(kind: string, entity?: string, month?: string): string {
  const args = [kind, entity, month].filter(Boolean).join(' ');
  return `Run \`/report ${args}\` again, or \`bosun report ${kind}${entity ? ` ${entity}` : ''} --out report.html\` to render it locally.`;
}

/** The key figures of a model, as history keeps them. */
export function keyFigures(model: ReportModel): HistoryFigure[] {
  const byId = new Map((model.figures ?? []).map((f) => [f.id, f]));
  return (model.keyFigures ?? [])
    .map((id) => byId.get(id))
    .filter((f): f is Figure => f !== undefined)
    .map((f) => ({
      id: f.id,
      label: f.label,
      unit: f.unit,
      display: f.display,
      ...(f.value !== undefined ? { value: f.value } : {}),
    }));
}

/** The inline parts and their `cid:` references for rendered charts. */
export function inlineCharts(
  images: readonly ChartImage[],
  runId: string,
): { inline: InlineImage[]; refs: Map<string, ChartImageRef> } {
  const inline: InlineImage[] = [];
  const refs = new Map<string, ChartImageRef>();
  for (const img of images) {
    const cid = `${img.id}.${runId.replace(/[^A-Za-z0-9-]/g, '')}@bosun`;
    inline.push({ cid, filename: `${img.id}.png`, contentType: 'image/png', content: img.png });
    // The PNG is drawn at twice its CSS size; shown at half for a sharp image on any screen.
    refs.set(img.id, {
      src: `cid:${cid}`,
      width: Math.round(img.width / 2),
      height: Math.round(img.height / 2),
    });
  }
  return { inline, refs };
}

/** Builds the handler for `report` jobs. */
export function createReportJobHandler(deps: ReportJobDeps): JobHandler {
  return async (job: Job) => {
    const payload = reportJobPayload.parse(job.payload);
    const { kind, entity, month, requestedBy, channel } = payload;
    const at = deps.now();
    const record = (r: { status: 'sent' | 'failed'; messageId?: string; error?: string }) =>
      deps.runs.record({
        runId: job.jobId,
        kind,
        ...(entity ? { entity } : {}),
        requestedBy,
        at: at.toISOString(),
        recipients: [...deps.recipients],
        ...r,
      });

    let model: ReportModel;
    let data: ReportData;
    let templates: ReportTemplates;
    try {
      const [loaded, sails, loadedTemplates] = await Promise.all([
        deps.loadData(),
        // Sails that cannot be read are said so at the top of the report; nothing is counted from them.
        deps.loadSails().then(
          (list) => ({ list, error: undefined }),
          (err: unknown) => ({ list: [] as SailFacts[], error: reason(err) }),
        ),
        deps.templates(),
      ]);
      data = loaded;
      templates = loadedTemplates;
      if (entity && !data.portfolio.entities.some((e) => e.id === entity)) {
        throw new Error(
          `there is no entity '${entity}' (known: ${data.portfolio.entities.map((e) => e.id).join(', ')})`,
        );
      }
      model = withSourceNotice(
        buildReport(kind, {
          portfolio: data.portfolio,
          ledger: data.ledger,
          sails: sails.list,
          ...(sails.error !== undefined ? { sailsUnavailable: sails.error } : {}),
          now: at,
          ...(month ? { month } : {}),
          ...(entity ? { entity } : {}),
          ...(deps.timezone ? { timezone: deps.timezone } : {}),
        }),
        data,
      );
    } catch (err) {
      await record({ status: 'failed', error: `compute: ${reason(err)}` });
      await deps.notifyRequester({
        userId: requestedBy,
        text: `I could not build the ${kind.toUpperCase()} report: ${reason(err)}. Nothing was sent. ${resendHint(kind, entity, month)}`,
      });
      return;
    }

    // What changed since the last run of this kind (history is a nicety: its failure is logged, not fatal).
    const figures = keyFigures(model);
    let previous: ReportHistoryEntry | undefined;
    if (deps.history) {
      try {
        previous = (await deps.history.latest(kind, entity, 5)).find((h) => h.runId !== job.jobId);
      } catch (err) {
        logger.warn('report history could not be read', { kind, error: reason(err) });
      }
    }
    if (previous) {
      const changes = changesSince(previous, figures, deps.timezone);
      if (changes.length > 0) model = { ...model, changes };
    }

    // Charts: PNGs inline in the email and in the summary's thread; without them, HTML bars.
    let images: ChartImage[] = [];
    if (deps.renderCharts && model.charts.length > 0) {
      try {
        images = await deps.renderCharts(model);
      } catch (err) {
        logger.warn('report charts could not be rendered; the email draws them as bars', {
          kind,
          error: reason(err),
        });
      }
    }
    const { inline, refs } = inlineCharts(images, job.jobId);
    let email: ReturnType<typeof renderReportEmail>;
    try {
      email = renderReportEmail(model, templates, {
        requestedBy: payload.scheduled
          ? `the ${payload.scheduled.cadence} schedule`
          : `Slack user ${requestedBy}`,
        ...(deps.timezone ? { timezone: deps.timezone } : {}),
        images: refs,
      });
      if (data.source === 'files') email = { ...email, subject: `${SAMPLE_SUBJECT_TAG} ${email.subject}` };
    } catch (err) {
      await record({ status: 'failed', error: `render: ${reason(err)}` });
      await deps.notifyRequester({
        userId: requestedBy,
        text: `I could not render the ${kind.toUpperCase()} report: ${reason(err)}. Nothing was sent. ${resendHint(kind, entity, month)}`,
      });
      return;
    }

    let messageId: string | undefined;
    let mailError: string | undefined;
    try {
      messageId = (
        await deps.mailer.send({
          to: [...deps.recipients],
          ...email,
          ...(inline.length > 0 ? { inline } : {}),
        })
      ).messageId;
    } catch (err) {
      mailError = reason(err);
    }

    let postError: string | undefined;
    if (channel) {
      const summary = renderSlackSummary(model, { recipients: mailError ? [] : deps.recipients });
      if (mailError) {
        const last = summary.blocks.at(-1);
        if (last?.type === 'context') {
          last.elements = [
            { type: 'mrkdwn', text: 'The full report could not be emailed; the requester has the details.' },
          ];
        }
      }
      try {
        const posted = await deps.postSummary({ channel, blocks: summary.blocks, text: summary.text });
        if (deps.uploadFile) {
          for (const img of images) {
            await deps.uploadFile({
              channel,
              ...(posted?.ts ? { threadTs: posted.ts } : {}),
              filename: `${kind}-${img.id}.png`,
              // A chart from the shipped sample says so wherever it is seen, like the report.
              title: data.source === 'files' ? `${SAMPLE_SUBJECT_TAG} ${img.title}` : img.title,
              altText: img.alt.slice(0, 1000),
              data: img.png,
            });
          }
        }
      } catch (err) {
        postError = reason(err);
      }
    }

    await record(
      mailError
        ? { status: 'failed', error: `email: ${mailError}` }
        : {
            status: 'sent',
            ...(messageId ? { messageId } : {}),
            ...(postError ? { error: `summary: ${postError}` } : {}),
          },
    );
    if (!mailError && deps.history) {
      await deps.history.record({
        runId: job.jobId,
        kind,
        ...(entity ? { entity } : {}),
        at: at.toISOString(),
        month: model.period?.month ?? '',
        periodLabel: model.period?.label ?? '',
        requestedBy,
        scheduled: payload.scheduled !== undefined,
        figures,
      });
    }
    if (mailError) {
      await deps.notifyRequester({
        userId: requestedBy,
        text: `The ${kind.toUpperCase()} report was built but the email to ${deps.recipients.join(', ')} failed: ${mailError}. ${resendHint(kind, entity, month)}`,
      });
    } else if (postError && channel) {
      await deps.notifyRequester({
        userId: requestedBy,
        text: `The ${kind.toUpperCase()} report was emailed to ${deps.recipients.join(', ')}, but its summary could not be posted in <#${channel}> (or its charts uploaded there): ${postError}.`,
      });
    }
  };
}
