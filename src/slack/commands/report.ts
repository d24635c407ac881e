/**
 * `/report <kind> [entity] [YYYY-MM]` (admins): checks the entity and the month first, then acks
 * with "Preparing the … report…" and hands the work to a `report` job, which posts the summary and
 * emails the full report. Also `/report list`, `/report help` (with the portfolio's entities),
 * `/report schedule <kind> [entity] monthly|weekly|off` and `/report history <kind> [entity]`.
 * Register with `extensions.commands[commands.report] = () => createReportSubcommands(…)`.
 */

import type { DirectoryLookup } from '../../jobs/report-services';
import { describeReports, type ReportDirectory } from '../../reports/catalog';
import type { ReportKind } from '../../reports/model';
import { isReportKind, reportKinds } from '../../reports/model';
import { reportPeriod } from '../../reports/period';
import type { ReportHistoryStore } from '../../store/report-history';
import type { ReportCadence, ReportScheduleStore } from '../../store/report-schedules';

const cadences: Record<string, ReportCadence | 'off'> = { monthly: 'monthly', weekly: 'weekly', off: 'off' };

import { adminOnly, type CommandContext, invocation, perform, type Subcommand } from '../context';
import { escapeMrkdwn } from '../escape';
import { renderReport } from '../render/outcomes';

/** What the `/report` command reads besides the use case: the portfolio, schedules and history. */
export interface ReportCommandDeps {
  /** The portfolio's entities, to check one before answering; `missing` when none was imported (deployed). */
  directory?: DirectoryLookup;
  schedules?: ReportScheduleStore;
  history?: ReportHistoryStore;
  /** The zone months are reckoned in (default the config's). */
  timezone?: string;
}

/** What a deployed Bosun answers when no portfolio has been imported. */
export const NO_PORTFOLIO_REPLY =
  'No portfolio has been imported yet, so there is nothing to report. Import one with `bosun portfolio import <file.yaml>` and the bank exports with `bosun ledger import <file.csv>`, then ask again.';

const label = (kind: ReportKind) =>
  kind.length <= 3 ? kind.toUpperCase() : kind[0]?.toUpperCase() + kind.slice(1);

const ENTITY = /^[a-z0-9][a-z0-9-]{0,40}$/;
const MONTH = /^\d{4}-\d{2}$/;

/** The entities as `qsd (Queen of San Diego)`, for replies and help. */
export function entityList(directory: ReportDirectory): string {
  return directory.entities.map((e) => `\`${e.id}\` (${escapeMrkdwn(e.name)})`).join(', ');
}

type Parsed = { ok: true; entity?: string; month?: string } | { ok: false; reply: string };

/** Parses `[entity] [YYYY-MM]` and checks both: the month is not in the future, the entity exists. */
async function parseScope(
  ctx: CommandContext,
  args: readonly string[],
  deps: ReportCommandDeps,
  usage: string,
): Promise<Parsed> {
  let entity: string | undefined;
  let month: string | undefined;
  for (const a of args) {
    if (MONTH.test(a)) {
      const p = reportPeriod(ctx.services.now(), a, deps.timezone ?? ctx.services.config.timezone);
      if (!p.ok) {
        return {
          ok: false,
          reply:
            p.problem === 'future'
              ? `${a} has not happened yet; ask for this month (the default, to date) or a past one. Try \`${usage}\`.`
              : `"${escapeMrkdwn(a)}" is not a month; write it as YYYY-MM (like 2026-10). Try \`${usage}\`.`,
        };
      }
      month = a;
    } else if (ENTITY.test(a) && entity === undefined) entity = a;
    else {
      return {
        ok: false,
        reply: `"${escapeMrkdwn(a.slice(0, 40))}" is not an entity id or a month (YYYY-MM). Try \`${usage}\`.`,
      };
    }
  }
  if (deps.directory) {
    const dir = await deps.directory();
    if (dir === 'missing') return { ok: false, reply: NO_PORTFOLIO_REPLY };
    if (entity && !dir.entities.some((e) => e.id === entity)) {
      return {
        ok: false,
        reply: `There is no entity \`${escapeMrkdwn(entity)}\` in the portfolio. Entities: ${entityList(dir)}.`,
      };
    }
  }
  return { ok: true, ...(entity ? { entity } : {}), ...(month ? { month } : {}) };
}

function kindCommand(kind: ReportKind, deps: ReportCommandDeps): Subcommand {
  const usage = `/report ${kind} [entity] [YYYY-MM]`;
  return {
    usage,
    adminOnly: true,
    async run(ctx) {
      if (!ctx.isAdmin) return adminOnly('ask for reports', ctx.services.config);
      const parsed = await parseScope(ctx, ctx.args, deps, usage);
      if (!parsed.ok) return parsed.reply;
      const { entity, month } = parsed;
      // The report itself is an effect after the answer; asked twice by the same interaction
      // (a Slack retry), it is one effect with one key, sent once.
      return perform(
        ctx.services,
        ctx,
        (uc) => uc.requestReport(invocation(ctx), { kind, entity, month }),
        (o) => renderReport(o, ctx.services.config),
      );
    },
  };
}

function listCommand(deps: ReportCommandDeps): Subcommand {
  return {
    usage: '/report list',
    async run() {
      const dir = deps.directory ? await deps.directory() : undefined;
      const descriptions = describeReports(dir && dir !== 'missing' ? dir : undefined);
      return `*Reports* — \`/report <kind> [entity] [YYYY-MM]\`:\n${reportKinds
        .map((k) => `• \`${k}\`: ${escapeMrkdwn(descriptions[k])}`)
        .join('\n')}`;
    },
  };
}

function scheduleCommand(deps: ReportCommandDeps): Subcommand {
  const usage = '/report schedule <kind> [entity] monthly|weekly|off';
  return {
    usage,
    adminOnly: true,
    async run(ctx) {
      if (!ctx.isAdmin) return adminOnly('schedule reports', ctx.services.config);
      if (!deps.schedules) return 'Scheduled reports are not set up here.';
      const [kind, ...rest] = ctx.args;
      const cadence = cadences[rest.at(-1) ?? ''];
      if (!kind || !isReportKind(kind) || !cadence) {
        return `Write it as \`${usage}\`, e.g. \`/report schedule cfo monthly\`. Kinds: ${reportKinds.join(', ')}.`;
      }
      const parsed = await parseScope(ctx, rest.slice(0, -1), deps, usage);
      if (!parsed.ok) return parsed.reply;
      if (parsed.month) return `A schedule reports the latest period; leave out the month. Try \`${usage}\`.`;
      const { entity } = parsed;
      const what = `the ${label(kind)} report${entity ? ` for ${escapeMrkdwn(entity)}` : ''}`;
      if (cadence === 'off') {
        const removed = await deps.schedules.remove(kind, entity);
        return removed
          ? `${what[0]?.toUpperCase()}${what.slice(1)} is no longer scheduled.`
          : `${what[0]?.toUpperCase()}${what.slice(1)} was not scheduled.`;
      }
      await deps.schedules.put({
        kind,
        ...(entity ? { entity } : {}),
        cadence,
        setBy: ctx.userId,
        setAt: ctx.services.now().toISOString(),
      });
      const when =
        cadence === 'weekly'
          ? 'every Monday from 07:00 (the month to date)'
          : 'on the 1st of each month from 07:00 (the month just closed)';
      return `Scheduled: ${what} goes to ${ctx.services.config.mail.reportRecipients.map(escapeMrkdwn).join(', ')} ${when}, starting with the next one. \`/report schedule ${kind}${entity ? ` ${entity}` : ''} off\` stops it.`;
    },
  };
}

function historyCommand(deps: ReportCommandDeps): Subcommand {
  const usage = '/report history <kind> [entity]';
  return {
    usage,
    adminOnly: true,
    async run(ctx) {
      if (!ctx.isAdmin) return adminOnly('see report history', ctx.services.config);
      if (!deps.history) return 'Report history is not set up here.';
      const [kind, ...rest] = ctx.args;
      if (!kind || !isReportKind(kind)) return `Write it as \`${usage}\`. Kinds: ${reportKinds.join(', ')}.`;
      const parsed = await parseScope(ctx, rest, deps, usage);
      if (!parsed.ok) return parsed.reply;
      const runs = await deps.history.latest(kind, parsed.entity, 10);
      if (runs.length === 0) {
        return `No ${label(kind)} report${parsed.entity ? ` for ${escapeMrkdwn(parsed.entity)}` : ''} has been sent yet. Ask for one with \`/report ${kind}\`.`;
      }
      const tz = deps.timezone ?? ctx.services.config.timezone;
      const lines = runs.map((r) => {
        const day = new Date(r.at).toLocaleString('en-US', {
          timeZone: tz,
          dateStyle: 'medium',
          timeStyle: 'short',
        });
        const figures = r.figures
          .map((f) => `${escapeMrkdwn(f.label)} ${escapeMrkdwn(f.display)}`)
          .join('; ');
        return `• ${day} — ${escapeMrkdwn(r.periodLabel)}${r.scheduled ? ' (scheduled)' : ''}: ${figures || 'no key figures'}`;
      });
      return `*${label(kind)} report history${parsed.entity ? ` (${escapeMrkdwn(parsed.entity)})` : ''}*, newest first:\n${lines.join('\n')}`;
    },
  };
}

function helpCommand(deps: ReportCommandDeps, table: () => Record<string, Subcommand>): Subcommand {
  return {
    usage: '/report help',
    async run(ctx) {
      const lines = Object.values(table())
        .filter((s) => ctx.isAdmin || !s.adminOnly)
        .map((s) => `• \`${s.usage}\`${s.adminOnly ? ' (admins)' : ''}`);
      const dir = deps.directory ? await deps.directory() : undefined;
      const entities =
        dir === 'missing'
          ? `\n${NO_PORTFOLIO_REPLY}`
          : dir
            ? `\nEntities: ${entityList(dir)}.${dir.source === 'files' ? ' (sample data: a demo until a portfolio is imported)' : ''}`
            : '';
      return `*/report* — what you can do:\n${lines.join('\n')}${entities}`;
    },
  };
}

/** The `/report` sub-commands: one per kind, plus `list`, `help`, `schedule` and `history`. */
export function createReportSubcommands(deps: ReportCommandDeps): Record<string, Subcommand> {
  const table: Record<string, Subcommand> = { list: listCommand(deps) };
  for (const kind of reportKinds) table[kind] = kindCommand(kind, deps);
  table.schedule = scheduleCommand(deps);
  table.history = historyCommand(deps);
  table.help = helpCommand(deps, () => table);
  return table;
}
