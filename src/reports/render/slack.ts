/**
 * The report's summary for the channel as Block Kit: a header, the summary, headline numbers as
 * fields, the top findings and a "full report sent to …" context line. Plain objects, so this
 * module needs no Slack library; limits are enforced here.
 * @see https://api.slack.com/reference/block-kit/blocks (50 blocks; 3000 characters per text; 10 fields)
 */
import type { ReportModel } from '../model';

/** Slack's limits that apply to the summary. */
export const slackLimits = { blocks: 50, text: 3000, fields: 10, fieldText: 2000, header: 150 } as const;

/** A Block Kit text object. */
export interface SlackText {
  type: 'plain_text' | 'mrkdwn';
  text: string;
  emoji?: boolean;
}

/** The Block Kit blocks this module produces. */
export type SlackBlock =
  | { type: 'header'; text: SlackText }
  | { type: 'section'; text?: SlackText; fields?: SlackText[] }
  | { type: 'context'; elements: SlackText[] }
  | { type: 'divider' };

/** Escapes the three characters Slack's mrkdwn treats as control characters. */
export function escapeMrkdwn(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

const dot = { good: '🟢', warn: '🟡', bad: '🔴', info: '⚪' } as const;
const sevIcon = { high: '🔴', medium: '🟡', low: '⚪' } as const;

/** The summary blocks and the notification fallback text. */
export function renderSlackSummary(
  model: ReportModel,
  opts: { recipients: readonly string[] },
): { blocks: SlackBlock[]; text: string } {
  const blocks: SlackBlock[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: clip(model.title, slackLimits.header), emoji: true },
    },
    ...(model.notices ?? []).map(
      (n): SlackBlock => ({
        type: 'section',
        text: { type: 'mrkdwn', text: clip(`:warning: *${escapeMrkdwn(n)}*`, slackLimits.text) },
      }),
    ),
    {
      type: 'section',
      text: { type: 'mrkdwn', text: clip(escapeMrkdwn(model.summary.join(' ')), slackLimits.text) },
    },
  ];
  const fields = model.kpis.slice(0, slackLimits.fields).map(
    (k): SlackText => ({
      type: 'mrkdwn',
      text: clip(
        `*${escapeMrkdwn(k.label)}*\n${dot[k.status]} ${escapeMrkdwn(k.value)}${k.target ? ` (target ${escapeMrkdwn(k.target)})` : ''}`,
        slackLimits.fieldText,
      ),
    }),
  );
  if (fields.length > 0) blocks.push({ type: 'section', fields });
  const top = model.gaps.slice(0, 5).map((g) => `${sevIcon[g.severity]} ${escapeMrkdwn(g.text)}`);
  const findings = top.length > 0 ? top : model.findings.slice(0, 5).map((f) => `• ${escapeMrkdwn(f)}`);
  if (findings.length > 0) {
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: clip(`*Top findings*\n${findings.join('\n')}`, slackLimits.text) },
    });
  }
  const next = model.actionPlan.filter((a) => a.horizon === 30).slice(0, 3);
  if (next.length > 0) {
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: clip(
          `*Next 30 days*\n${next.map((a) => `• ${escapeMrkdwn(a.action)} (${escapeMrkdwn(a.owner)})`).join('\n')}`,
          slackLimits.text,
        ),
      },
    });
  }
  blocks.push({ type: 'divider' });
  blocks.push({
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: clip(
          opts.recipients.length > 0
            ? `Full report sent to ${opts.recipients.map(escapeMrkdwn).join(', ')}`
            : 'Full report: run `bosun report` locally',
          slackLimits.text,
        ),
      },
    ],
  });
  const text = clip(
    `${model.title}: ${[...(model.notices ?? []), model.summary[0] ?? ''].join(' ')}`,
    slackLimits.text,
  );
  return { blocks: blocks.slice(0, slackLimits.blocks), text };
}
