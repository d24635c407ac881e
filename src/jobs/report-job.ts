/**
 * The `report` job: load the data → build the model → email the full report (with the audit copy)
 * → post the summary to the channel → record the run. A failure is never silent: the requester
 * gets a DM saying what failed and how to ask again.
 */
import { z } from 'zod';
import type { Mailer } from '../mail/types';
import { buildReport } from '../reports';
import type { SailFacts } from '../reports/model';
import { reportKinds } from '../reports/model';
import {
  type ReportTemplates,
  renderReportEmail,
  renderSlackSummary,
  type SlackBlock,
} from '../reports/render';
import type { ReportRunStore } from '../store/report-runs';
import { type ReportData, SAMPLE_SUBJECT_TAG, withSourceNotice } from './report-data';
import type { Job, JobHandler } from './types';

export { REPORT_JOB } from './types';

/** What `/report <kind> [entity]` hands to the job. */
export const reportJobPayload = z.object({
  kind: z.enum(reportKinds),
  entity: z.string().min(1).optional(),
  /** Slack user id of the admin who asked. */
  requestedBy: z.string().min(1),
  /** Where the summary goes. */
  channel: z.string().min(1),
});

/** The report job's payload. */
export type ReportJobPayload = z.infer<typeof reportJobPayload>;

/** What the report job needs; Slack posting is injected so this module knows nothing of Slack. */
export interface ReportJobDeps {
  loadData: () => Promise<ReportData>;
  loadSails: () => Promise<SailFacts[]>;
  templates: () => Promise<ReportTemplates>;
  mailer: Mailer;
  recipients: readonly string[];
  runs: ReportRunStore;
  /** Posts the summary to the channel (`chat.postMessage`). */
  postSummary: (message: { channel: string; blocks: SlackBlock[]; text: string }) => Promise<void>;
  /** DMs the requester. */
  notifyRequester: (message: { userId: string; text: string }) => Promise<void>;
  now: () => Date;
  timezone?: string;
}

function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** How to ask again, in every failure message. */
export function resendHint(kind: string, entity?: string): string {
  const args = entity ? `${kind} ${entity}` : kind;
  return `Run \`/report ${args}\` again, or \`bosun report ${kind} --out report.html\` to render it locally.`;
}

/** Builds the handler for `report` jobs. */
export function createReportJobHandler(deps: ReportJobDeps): JobHandler {
  return async (job: Job) => {
    const payload = reportJobPayload.parse(job.payload);
    const { kind, entity, requestedBy, channel } = payload;
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

    let model: ReturnType<typeof buildReport>;
    let email: ReturnType<typeof renderReportEmail>;
    try {
      const [data, sails, templates] = await Promise.all([
        deps.loadData(),
        deps.loadSails(),
        deps.templates(),
      ]);
      if (entity && !data.portfolio.entities.some((e) => e.id === entity)) {
        throw new Error(
          `there is no entity '${entity}' (known: ${data.portfolio.entities.map((e) => e.id).join(', ')})`,
        );
      }
      model = withSourceNotice(
        buildReport(kind, {
          portfolio: data.portfolio,
          ledger: data.ledger,
          sails,
          now: at,
          ...(entity ? { entity } : {}),
          ...(deps.timezone ? { timezone: deps.timezone } : {}),
        }),
        data,
      );
      email = renderReportEmail(model, templates, {
        requestedBy: `Slack user ${requestedBy}`,
        ...(deps.timezone ? { timezone: deps.timezone } : {}),
      });
      if (data.source === 'files') email = { ...email, subject: `${SAMPLE_SUBJECT_TAG} ${email.subject}` };
    } catch (err) {
      await record({ status: 'failed', error: `compute: ${reason(err)}` });
      await deps.notifyRequester({
        userId: requestedBy,
        text: `I could not build the ${kind.toUpperCase()} report: ${reason(err)}. Nothing was sent. ${resendHint(kind, entity)}`,
      });
      return;
    }

    let messageId: string | undefined;
    let mailError: string | undefined;
    try {
      messageId = (await deps.mailer.send({ to: [...deps.recipients], ...email })).messageId;
    } catch (err) {
      mailError = reason(err);
    }

    const summary = renderSlackSummary(model, { recipients: mailError ? [] : deps.recipients });
    if (mailError) {
      const last = summary.blocks.at(-1);
      if (last?.type === 'context') {
        last.elements = [
          { type: 'mrkdwn', text: 'The full report could not be emailed; the requester has the details.' },
        ];
      }
    }
    let postError: string | undefined;
    try {
      await deps.postSummary({ channel, blocks: summary.blocks, text: summary.text });
    } catch (err) {
      postError = reason(err);
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
    if (mailError) {
      await deps.notifyRequester({
        userId: requestedBy,
        text: `The ${kind.toUpperCase()} report was built but the email to ${deps.recipients.join(', ')} failed: ${mailError}. ${resendHint(kind, entity)}`,
      });
    } else if (postError) {
      await deps.notifyRequester({
        userId: requestedBy,
        text: `The ${kind.toUpperCase()} report was emailed to ${deps.recipients.join(', ')}, but its summary could not be posted in <#${channel}>: ${postError}.`,
      });
    }
  };
}
