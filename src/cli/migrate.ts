/**
 * `bosun migrate --workspace <T…> [--dry-run]`: reads the arguments and prints what
 * `migrateToWorkspace` (`src/store/migrate.ts`, wired by `src/cli.ts`) moved.
 */
import { parseArgs } from 'node:util';
import { BosunError, errorCodes } from '../errors';
import type { EntityCounts, MigrationReport } from '../store/migrate';
import { workspaceId } from '../workspace-id';

/** The report as a table of counts per entity, then the conflicts. */
export function describeMigration(r: MigrationReport, table: string): string {
  const kinds = Object.keys(r.counts).sort();
  const width = Math.max(6, ...kinds.map((k) => k.length));
  const row = (name: string, c: EntityCounts | undefined) =>
    `  ${name.padEnd(width)}  ${String(c?.moved ?? 0).padStart(5)}  ${String(c?.skipped ?? 0).padStart(7)}  ${String(c?.conflicts ?? 0).padStart(9)}`;
  const total = kinds.reduce(
    (t, k) => {
      const c = r.counts[k];
      return {
        moved: t.moved + (c?.moved ?? 0),
        skipped: t.skipped + (c?.skipped ?? 0),
        conflicts: t.conflicts + (c?.conflicts ?? 0),
      };
    },
    { moved: 0, skipped: 0, conflicts: 0 },
  );
  const lines = [
    `Migrating table ${table} to workspace ${r.workspace}${r.dryRun ? ' (dry run: nothing was written; "moved" is what would move)' : ''}:`,
    `  ${'entity'.padEnd(width)}  moved  skipped  conflicts`,
    ...kinds.map((k) => row(k, r.counts[k])),
    row('total', total),
  ];
  if (r.conflicts.length > 0) {
    lines.push(
      `${r.conflicts.length} item(s) were left in place because their new key already holds a different item; compare the two and delete the one to drop, then run the migration again:`,
      ...r.conflicts.map((c) => `  ${c}`),
    );
  } else if (!r.dryRun) {
    lines.push(total.moved === 0 ? 'Nothing to move: the table is already migrated.' : 'Done.');
  }
  return lines.join('\n');
}

/** The verb's usage. */
export const MIGRATE_USAGE = `Usage: bosun migrate --workspace <T…> [--dry-run]

Moves every item written before keys began with the Slack workspace to the keys of <T…> (the team
id, the same as BOSUN_WORKSPACE): copy with a conditional put, then delete the old item. Safe to
run again, and to rerun after a crash. --dry-run counts what would move and writes nothing.`;

/** Parses the verb's arguments; `help` when asked for usage. */
export function parseMigrateArgs(
  argv: string[],
): { help: true } | { help: false; workspace: string; dryRun: boolean } {
  const { values } = parseArgs({
    args: argv,
    options: { workspace: { type: 'string' }, 'dry-run': { type: 'boolean' }, help: { type: 'boolean' } },
  });
  if (values.help) return { help: true };
  if (!values.workspace) throw new BosunError(errorCodes.invalidInput, MIGRATE_USAGE);
  return { help: false, workspace: checkTeam(values.workspace), dryRun: values['dry-run'] ?? false };
}

/** A team id as typed, or the sentence saying what one looks like. */
function checkTeam(raw: string): string {
  const r = workspaceId.safeParse(raw);
  if (!r.success)
    throw new BosunError(errorCodes.invalidInput, `Workspace "${raw}" ${r.error.issues[0]?.message}.`);
  return r.data;
}
