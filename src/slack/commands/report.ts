/**
 * `/report <kind> [entity]` (admins) and `/report list`: answers at once with "Preparing the …
 * report…"; the report is an effect (built, summarised in the channel, emailed) after the answer.
 */
import { reportDescriptions } from '../../reports/catalog';
import type { ReportKind } from '../../reports/model';
import { reportKinds } from '../../reports/model';
import { adminOnly, invocation, perform, type Subcommand } from '../context';
import { renderReport } from '../render/outcomes';

function kindCommand(kind: ReportKind): Subcommand {
  return {
    usage: `/report ${kind} [entity]`,
    adminOnly: true,
    async run(ctx) {
      if (!ctx.isAdmin) return adminOnly('ask for reports', ctx.services.config);
      return perform(
        ctx.services,
        ctx,
        (uc) => uc.requestReport(invocation(ctx), { kind, entity: ctx.args[0] }),
        (o) => renderReport(o, ctx.services.config),
      );
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
export function reportSubcommands(): Record<string, Subcommand> {
  const table: Record<string, Subcommand> = { list };
  for (const kind of reportKinds) table[kind] = kindCommand(kind);
  return table;
}
