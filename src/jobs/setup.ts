/**
 * One call that wires reports into Bosun: the job runner (with the `report` handler), the
 * dispatcher (EventBridge when `EVENT_BUS_NAME` is set, in-process otherwise) and the `/report`
 * sub-commands. `app.ts` calls it and registers the pieces; it holds no rules.
 */
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Config } from '../config';
import type { Mailer } from '../mail/types';
import { loadReportTemplates, type ReportTemplates } from '../reports/render';
import type { SlackBlock } from '../reports/render/slack';
import { createReportSubcommands } from '../slack/commands/report';
import type { Subcommand } from '../slack/context';
import { createJobStore } from '../store/jobs';
import { createLedgerStore } from '../store/ledger';
import { createPortfolioStore } from '../store/portfolio';
import { createReportRunStore } from '../store/report-runs';
import type { SailStore } from '../store/sails';
import { createJobDispatcher, type JobDispatcher } from './dispatcher';
import { createReportDataLoader, createSailFactsLoader } from './report-data';
import { createReportJobHandler, REPORT_JOB } from './report-job';
import { createJobRunner, type JobRunner } from './runner';
import type { JobHandlers } from './types';

/** What the report wiring needs from the app. */
export interface ReportSetupDeps {
  config: Config;
  doc: DynamoDBDocumentClient;
  now: () => Date;
  mailer: Mailer;
  sails: Pick<SailStore, 'upcoming'>;
  templatesDir: string;
  dataDir: string;
  /** `chat.postMessage` (a channel id, or a user id for a DM). */
  postMessage: (message: { channel: string; text: string; blocks?: SlackBlock[] }) => Promise<void>;
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
  const table = config.table;
  let templates: Promise<ReportTemplates> | undefined;
  const handler = createReportJobHandler({
    loadData: createReportDataLoader({
      portfolios: createPortfolioStore({ doc, table, now }),
      ledger: createLedgerStore({ doc, table }),
      dataDir: deps.dataDir,
    }),
    loadSails: createSailFactsLoader({ sails: deps.sails, now }),
    templates: () => {
      templates ??= loadReportTemplates(deps.templatesDir).catch((err: unknown) => {
        templates = undefined;
        throw err;
      });
      return templates;
    },
    mailer: deps.mailer,
    recipients: config.mail.reportRecipients,
    runs: createReportRunStore({ doc, table }),
    postSummary: ({ channel, blocks, text }) => deps.postMessage({ channel, blocks, text }),
    notifyRequester: ({ userId, text }) => deps.postMessage({ channel: userId, text }),
    now,
    timezone: config.timezone,
  });
  const runner = createJobRunner({
    jobs: createJobStore({ doc, table, now }),
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
  });
  return { runner, dispatcher, reportSubcommands };
}
