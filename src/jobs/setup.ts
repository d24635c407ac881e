/**
 * Jobs: the runner (every job under the one idempotency primitive), the dispatcher (EventBridge
 * when `EVENT_BUS_NAME` is set, in-process otherwise) and the report handler, loaded on first use.
 */
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { Config } from '../config';
import type { Once } from '../idempotency';
import type { Mailer } from '../mail/types';
import type { SlackBlock } from '../reports/render/slack';
import type { SailStore } from '../store/sails';
import { createJobDispatcher, type JobDispatcher } from './dispatcher';
import type { ReportUpload } from './report-job';
import { createJobRunner, type JobRunner } from './runner';
import type { JobHandler, JobHandlers } from './types';

/** What the report handler needs from the app. */
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

/**
 * The `report` handler. It and all it needs (the builders, YAML and CSV parsers, juice) load on
 * the first report, not at cold start: most invocations are Slack clicks that never need them.
 */
export function lazyReportHandler(deps: ReportSetupDeps): JobHandler {
  let loaded: Promise<JobHandler> | undefined;
  return async (job) => {
    loaded ??= import('./report-wiring').then((m) => m.createReportHandler(deps));
    return (await loaded)(job);
  };
}

/** Wires the runner and the dispatcher. */
export function setupJobs(deps: {
  config: Config;
  once: Once;
  handlers: JobHandlers;
  /** Kinds whose handler guards its own work (see `createJobRunner`). */
  selfGuarded?: readonly string[];
  eventBridge?: EventBridgeClient;
}): { runner: JobRunner; dispatcher: JobDispatcher } {
  const { config } = deps;
  const runner = createJobRunner({
    once: deps.once,
    handlers: deps.handlers,
    ...(deps.selfGuarded ? { selfGuarded: deps.selfGuarded } : {}),
  });
  const dispatcher = createJobDispatcher({
    eventBusName: config.eventBusName,
    ...(config.eventBusName
      ? {
          eventBridge:
            deps.eventBridge ??
            new EventBridgeClient({
              region: config.aws.region,
              // PutEvents runs before an answer: bounded like every other call there.
              maxAttempts: 2,
              requestHandler: new NodeHttpHandler({ connectionTimeout: 500, requestTimeout: 800 }),
            }),
        }
      : {}),
    runner,
  });
  return { runner, dispatcher };
}
