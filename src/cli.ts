/**
 * The `bosun` command line (also behind npm scripts). Each verb is a thin call into the modules
 * that do the work; see DESIGN.md "Command line".
 */
import { parseArgs } from 'node:util';
import { devEnv, readStack } from './cli/stack';
import { loadConfig } from './config';
import { ensureTable } from './store/table';

const USAGE = `bosun — plan sails, fill crew, collect waivers, write reports

  bosun dev [--persist]                         the whole local stack (npm start)
  bosun slack "<command text>" [--user U…] [--channel C…]
                                                send a signed slash command to the local app
  bosun click <action_id> <value> [--user U…] [--home]
                                                press a button (or tick a checklist item);
                                                --home: a button on the App Home
  bosun home [--user U…]                        open the App Home and print it
  bosun nudge [--now <ISO time>]                run the nudge sweep once
  bosun report <kind> [entity] [YYYY-MM] [--out file.html]  render a report locally
  bosun portfolio import <file.yaml>            load the business portfolio
  bosun ledger import <file.csv>                load bank/card ledger lines
  bosun table create                            create the table and its indexes if missing
  bosun migrate --workspace <T…> [--dry-run]    move items from before keys began with the workspace
`;

type Verb = (argv: string[]) => Promise<void>;

const actorOptions = { user: { type: 'string' }, channel: { type: 'string' } } as const;

/** The verbs; other modules' verbs are loaded on demand so each verb stays quick to start. */
export const verbs: Record<string, Verb> = {
  async dev(argv) {
    const { values } = parseArgs({ args: argv, options: { persist: { type: 'boolean' } } });
    const { runDev } = await import('./dev');
    const { devHooks } = await import('./dev-hooks');
    await runDev({ persist: values.persist ?? false }, devHooks);
  },
  async slack(argv) {
    const { values, positionals } = parseArgs({ args: argv, options: actorOptions, allowPositionals: true });
    const line = positionals.join(' ');
    if (!line.startsWith('/'))
      throw new Error('Give the command as Slack would see it, e.g. bosun slack "/sail list".');
    const { runSlack } = await import('./cli/slack');
    console.log(await runSlack(line, values));
  },
  async click(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { ...actorOptions, home: { type: 'boolean' } },
      allowPositionals: true,
    });
    const [actionId, value] = positionals;
    if (!actionId || value === undefined)
      throw new Error('Usage: bosun click <action_id> <value> [--user U…]');
    const { runClick } = await import('./cli/slack');
    console.log(await runClick(actionId, value, values));
  },
  async home(argv) {
    const { values } = parseArgs({ args: argv, options: actorOptions });
    const { runHome } = await import('./cli/slack');
    console.log(await runHome(values));
  },
  async nudge(argv) {
    const { values } = parseArgs({ args: argv, options: { now: { type: 'string' } } });
    const at = values.now ? new Date(values.now) : new Date();
    if (Number.isNaN(at.getTime()))
      throw new Error(`--now "${values.now}" is not a time; write it like 2026-12-12T01:00:00Z.`);
    const stack = readStack();
    if (
      !stack &&
      !process.env.DYNAMODB_ENDPOINT &&
      !process.env.AWS_PROFILE &&
      !process.env.AWS_ACCESS_KEY_ID
    ) {
      throw new Error(
        'No local stack is running. Start it with `npm start` in another terminal (or set AWS credentials and BOSUN_TABLE to sweep a deployed table).',
      );
    }
    const { createBosun } = await import('./app');
    const { logger } = await import('./log');
    // The summary is printed in words below; the JSON log line would say it twice.
    logger.setLogLevel('WARN');
    const bosun = await createBosun(loadConfig(devEnv(stack)));
    const summary = await bosun.sweep(at);
    console.log(describeSweep(summary, at));
  },
  async report(argv) {
    const { runReportCommand } = await import('./cli/report');
    const { createReportCliDeps } = await import('./cli-wiring');
    await runReportCommand(argv, createReportCliDeps(loadConfig(devEnv(readStack()))));
  },
  async portfolio(argv) {
    const { runPortfolioImport } = await import('./cli/import');
    const { createImportDeps } = await import('./cli-wiring');
    await runPortfolioImport(argv, createImportDeps(loadConfig(devEnv(readStack()))));
  },
  async ledger(argv) {
    const { runLedgerImport } = await import('./cli/import');
    const { createImportDeps } = await import('./cli-wiring');
    await runLedgerImport(argv, createImportDeps(loadConfig(devEnv(readStack()))));
  },
  async table(argv) {
    if (argv[0] !== 'create') throw new Error('Usage: bosun table create');
    const config = loadConfig(devEnv(readStack()));
    const result = await ensureTable(
      { region: config.aws.region, endpoint: config.aws.dynamodbEndpoint },
      config.table,
    );
    console.log(
      `table ${config.table}: ${result === 'created' ? 'created with its indexes and TTL' : 'already exists'}`,
    );
  },
  async migrate(argv) {
    const { MIGRATE_USAGE, describeMigration, parseMigrateArgs } = await import('./cli/migrate');
    const { migrateToWorkspace } = await import('./store/migrate');
    const args = parseMigrateArgs(argv);
    if (args.help) {
      console.log(MIGRATE_USAGE);
      return;
    }
    const config = loadConfig(devEnv(readStack()));
    const { adminLimits, createDocumentClient } = await import('./store/client');
    const doc = createDocumentClient({
      region: config.aws.region,
      endpoint: config.aws.dynamodbEndpoint,
      limits: adminLimits,
    });
    const report = await migrateToWorkspace({ doc, table: config.table }, args);
    console.log(describeMigration(report, config.table));
    if (report.conflicts.length > 0) throw new Error(`${report.conflicts.length} conflict(s) left in place.`);
  },
};

/** A sweep's summary in words. */
export function describeSweep(
  summary: {
    sails: number;
    sent: Record<string, number>;
    taken: number;
    failed: { sailId: string; key: string; message: string }[];
    noShows?: number;
    holdsMoved?: number;
  },
  at: Date,
): string {
  const names: Record<string, string> = {
    roles: 'open-roles reminder',
    waiver: 'waiver reminder email',
    'crew-call': 'crew-call DM',
    roster: 'roster DM to a captain',
    manifest: 'guest manifest to a captain',
    cover: 'cover request reminder',
  };
  const sent = Object.entries(summary.sent)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${n} ${names[kind] ?? kind}${n === 1 ? '' : 's'}`);
  const lines = [
    `Nudge sweep at ${at.toISOString()}: ${summary.sails} upcoming sail${summary.sails === 1 ? '' : 's'} looked at.`,
    sent.length ? `Sent: ${sent.join(', ')}.` : 'Nothing was due.',
  ];
  if (summary.holdsMoved) {
    lines.push(
      `${summary.holdsMoved} waitlist hold${summary.holdsMoved === 1 ? '' : 's'} ran out and moved on to the next in line.`,
    );
  }
  if (summary.taken) lines.push(`${summary.taken} were being sent by another sweep at the same moment.`);
  if (summary.noShows) {
    lines.push(
      `${summary.noShows} guest${summary.noShows === 1 ? '' : 's'} not checked in by departure marked no-show.`,
    );
  }
  for (const f of summary.failed) lines.push(`Not delivered: ${f.key} on ${f.sailId}: ${f.message}`);
  return lines.join('\n');
}

/** One verb's lines of the usage (a verb's own `--help`). */
export function verbUsage(verb: string): string {
  const lines = USAGE.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (!line.startsWith(`  bosun ${verb} `) && line !== `  bosun ${verb}`) continue;
    // A line is the usage, then (after a run of spaces, or on the next lines) what it does.
    const [usage = '', ...said] = line.trim().split(/ {2,}/);
    const what = said.join(' ');
    out.push(`Usage: ${usage}`);
    if (what) out.push(`  ${what}`);
    while (lines[i + 1]?.startsWith('        ') && !lines[i + 1]?.trimStart().startsWith('bosun'))
      out.push(`  ${lines[++i]?.trim() ?? ''}`);
  }
  return out.join('\n');
}

/** Runs one verb; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [verb, ...rest] = argv;
  if (!verb || verb === 'help' || verb === '--help' || verb === '-h') {
    console.log(USAGE);
    return verb ? 0 : 1;
  }
  const run = verbs[verb];
  if (!run) {
    console.error(`bosun: unknown verb "${verb}".\n\n${USAGE}`);
    return 1;
  }
  // Every verb answers --help (and -h) itself, before its own options are read.
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(verbUsage(verb));
    return 0;
  }
  try {
    await run(rest);
    return 0;
  } catch (err) {
    console.error(`bosun ${verb}: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('/src/cli.ts')) {
  main(process.argv.slice(2)).then((code) => {
    if (code !== 0 || process.argv[2] !== 'dev') process.exit(code);
  });
}
