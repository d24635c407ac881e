/**
 * One call that wires reports into Bosun: the job runner (with the `report` handler), the
 * dispatcher (EventBridge when `EVENT_BUS_NAME` is set, in-process otherwise) and the `/report`
 * sub-commands. `app.ts` calls it and registers the pieces; it holds no rules.
 */
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Config } from '../config';
import type { Mailer } from '../mail/types';
import type { SlackBlock } from '../reports/render/slack';
import { createReportSubcommands } from '../slack/commands/report';
import type { Subcommand } from '../slack/context';
import { createJobStore } from '../store/jobs';
import type { SailStore } from '../store/sails';
import { createJobDispatcher, type JobDispatcher } from './dispatcher';
import type { ReportUpload } from './report-job';
import { createReportCommandServices } from './report-services';
import { createJobRunner, type JobRunner } from './runner';
import { type JobHandler, type JobHandlers, REPORT_JOB } from './types';

/** What the report wiring needs from the app. */
export interface ReportSetupDeps {
  config: Config;
  doc: DynamoDBDocumentClient;
  now: () => Date;
  mailer: Mailer;
  sails: Pick<SailStore, 'upcoming' | 'get'>;
  templatesDir: string;
  dataDir: string;
  /** `chat.postMessage` (a channel id, or a user id for a DM). */
  postMessage: (message: { channel: string; text: string; blocks?: SlackBlock[] }) => Promise<void>;
  /** Posts a report summary and returns its ts, so the charts go into its thread (else `postMessage`). */
  postSummary?: (message: {
    channel: string;
    text: string;
    blocks: SlackBlock[];
  }) => Promise<{ ts?: string }>;
  /** Uploads a report chart (`files.uploadV2`); absent → charts are only in the email. */
  uploadFile?: (file: ReportUpload) => Promise<void>;
  eventBridge?: EventBridgeClient;
  /** Other job kinds to run besides `report`. */
  handlers?: JobHandlers;
}

/** The wired pieces. */
export interface ReportSetup {
  runner: JobRunner;
  dispatcher: JobDispatcher;
  /** Register as `extensions.commands['/report'] = () => reportSubcommands`. */
  reportSubcommands: Record<string, Subcommand>;
}

/** Wires the report job, the dispatcher and `/report`. */
export function setupReports(deps: ReportSetupDeps): ReportSetup {
  const { config, doc, now } = deps;
  // The report handler and all it needs (the builders, YAML and CSV parsers, juice) load on the
  // first report job, not at cold start: most invocations are Slack clicks that never need them.
  let loaded: Promise<JobHandler> | undefined;
  const handler: JobHandler = async (job) => {
    loaded ??= import('./report-wiring').then((m) => m.createReportHandler(deps));
    return (await loaded)(job);
  };
  const runner = createJobRunner({
    jobs: createJobStore({ doc, table: config.table, now }),
    handlers: { ...deps.handlers, [REPORT_JOB]: handler },
  });
  const dispatcher = createJobDispatcher({
    eventBusName: config.eventBusName,
    ...(config.eventBusName
      ? { eventBridge: deps.eventBridge ?? new EventBridgeClient({ region: config.aws.region }) }
      : {}),
    runner,
  });
  const reportSubcommands = createReportSubcommands({
    dispatch: (payload) => dispatcher.dispatch(REPORT_JOB, payload),
    ...createReportCommandServices({
      doc,
      table: config.table,
      dataDir: deps.dataDir,
      deployed: Boolean(config.eventBusName),
      now,
    }),
    timezone: config.timezone,
  });
  return { runner, dispatcher, reportSubcommands };
}
