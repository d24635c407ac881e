/**
 * `/report <kind> [entity]` (admins) and `/report list`: acks at once with "Preparing the … report…"
 * and hands the work to a `report` job; the job posts the summary and emails the full report.
 * Register with `extensions.commands[commands.report] = () => createReportSubcommands(…)`.
 */
import type { ReportJobPayload } from '../../jobs/report-job';
import { reportDescriptions } from '../../reports/catalog';
import type { ReportKind } from '../../reports/model';
import { reportKinds } from '../../reports/model';
import { adminOnly, type Subcommand } from '../context';
import { escapeMrkdwn } from '../escape';

/** What the `/report` command needs: a way to queue the job (the job dispatcher). */
export interface ReportCommandDeps {
  dispatch: (payload: ReportJobPayload) => Promise<{ jobId: string }>;
}

const label = (kind: ReportKind) =>
  kind.length <= 3 ? kind.toUpperCase() : kind[0]?.toUpperCase() + kind.slice(1);

function kindCommand(kind: ReportKind, deps: ReportCommandDeps): Subcommand {
  return {
    usage: `/report ${kind} [entity]`,
    adminOnly: true,
    async run(ctx) {
      if (!ctx.isAdmin) return adminOnly('ask for reports', ctx.deps.config);
      const entity = ctx.args[0];
      if (entity !== undefined && !/^[a-z0-9][a-z0-9-]{0,40}$/.test(entity)) {
        return `"${escapeMrkdwn(entity.slice(0, 40))}" is not an entity id (like \`qsd\` or \`rental-3028\`). Try \`/report ${kind}\`.`;
      }
      const recipients = ctx.deps.config.mail.reportRecipients;
      await deps.dispatch({
        kind,
        ...(entity ? { entity } : {}),
        requestedBy: ctx.userId,
        // DESIGN.md: report summaries go to BOSUN_CHANNEL, wherever the command was typed.
        channel: ctx.deps.config.channel,
      });
      return `Preparing the ${label(kind)} report${entity ? ` for ${escapeMrkdwn(entity)}` : ''}… The summary will appear in <#${ctx.deps.config.channel}> and the full report goes to ${recipients.map(escapeMrkdwn).join(', ')}.`;
    },
  };
}

const list: Subcommand = {
  usage: '/report list',
  async run() {
    return `*Reports* — \`/report <kind> [entity]\`:\n${reportKinds
      .map((k) => `• \`${k}\`: ${reportDescriptions[k]}`)
      .join('\n')}`;
  },
};

/** The `/report` sub-commands: one per kind, plus `list`. */
export function createReportSubcommands(deps: ReportCommandDeps): Record<string, Subcommand> {
  const table: Record<string, Subcommand> = { list };
  for (const kind of reportKinds) table[kind] = kindCommand(kind, deps);
  return table;
}
