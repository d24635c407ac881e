/**
 * Wires Bosun together from a Config: the stores, the mailer, the Slack app, the HTTP app, the
 * nudge sweep. `lambda.ts`, `bosun dev` and the tests all build the same thing through here, so
 * they run the same code. It holds no rules.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SESClient } from '@aws-sdk/client-ses';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Hono } from 'hono';
import type { Config } from './config';
import { loadGuestTemplates } from './guests/emails';
import { createHttpApp } from './http';
import { createGuestApi, guestSailLookup } from './http/guest-api';
import { createGuestPages } from './http/guest-pages';
import { uploadReportChart } from './jobs/report-slack';
import type { JobOutcome } from './jobs/runner';
import { setupReports } from './jobs/setup';
import { logger } from './log';
import { createSesClient, createSesMailer } from './mail/ses-mailer';
import type { Mailer } from './mail/types';
import { createSweep, type SweepSummary } from './nudges/sweep';
import { createWaiverReminder } from './nudges/waiver-reminder';
import { createSlackApp } from './slack/app';
import { slackNudgeMessages } from './slack/blocks/nudges';
import type { SlackDeps, SlackExtensions } from './slack/context';
import { GUEST_STATUS_JOB, guestExtensions, guestStatusJob, onWaiverSigned } from './slack/guests';
import { commands } from './slack/ids';
import { createFetchReceiver } from './slack/receiver';
import { createDocumentClient } from './store/client';
import { createCodeStore } from './store/codes';
import { createGuestStore } from './store/guests';
import { createNudgeStore } from './store/nudges';
import { createRateLimiter } from './store/rate-limit';
import { createSailStore } from './store/sails';

/** What a running Bosun is made of. */
export interface Bosun {
  config: Config;
  doc: DynamoDBDocumentClient;
  http: Hono;
  slack: SlackDeps;
  mailer: Mailer;
  /** Runs the nudge sweep once (the `ptb_nudge` schedule, `bosun nudge`, the dev timer). */
  sweep: (now: Date) => Promise<SweepSummary>;
  /** Connects to Slack over Socket Mode (only when built with `socketMode`). */
  startSocketMode?: () => Promise<void>;
  /** Runs one job delivered by EventBridge (idempotent: a repeated delivery does nothing). */
  runJob: (detail: unknown) => Promise<JobOutcome>;
  /** Waits for the in-process jobs queued so far (local runs and tests; a no-op on EventBridge). */
  drainJobs: () => Promise<JobOutcome[]>;
}

/** Options, mostly for tests: a pinned clock, shared clients. */
export interface BosunOptions {
  now?: () => Date;
  doc?: DynamoDBDocumentClient;
  /** The SES client mail goes through (tests add middleware to see what reaches SES). */
  ses?: SESClient;
  /** Serve Slack over Socket Mode (local development with `SLACK_APP_TOKEN`). */
  socketMode?: boolean;
}

/**
 * Where `templates/` and `frontend/dist` are: the working directory in development and tests, or
 * beside the bundle on Lambda (the build copies them into `dist/`).
 */
export function assetDir(name: string): string {
  if (existsSync(name)) return name;
  return join(dirname(fileURLToPath(import.meta.url)), name);
}

/** Builds Bosun from its configuration. */
export async function createBosun(config: Config, opts: BosunOptions = {}): Promise<Bosun> {
  const now = opts.now ?? (() => new Date());
  const doc =
    opts.doc ?? createDocumentClient({ region: config.aws.region, endpoint: config.aws.dynamodbEndpoint });
  const table = config.table;
  const sails = createSailStore({ doc, table, now });
  const guests = createGuestStore({ doc, table, now });
  const codes = createCodeStore({ doc, table, now });
  const ses = opts.ses ?? createSesClient({ region: config.aws.region, endpoint: config.aws.sesEndpoint });
  // Guests' mail carries magic links (credentials), so it is not copied to the audit mailbox;
  // reports are, through Destinations only.
  const mailer = createSesMailer({ ses, from: config.mail.from });
  const reportMailer = createSesMailer({ ses, from: config.mail.from, auditBcc: config.mail.auditBcc });
  const templates = await loadGuestTemplates(assetDir('templates'));

  const extensions: SlackExtensions = {};
  const slack: SlackDeps = { config, now, sails, extensions };
  const guestSailStore = guestSailLookup(sails);
  const inviteDeps = {
    guests,
    codes,
    sails: guestSailStore,
    mailer,
    publicUrl: config.publicUrl,
    emails: templates.emails,
    now,
  };
  Object.assign(
    extensions,
    guestExtensions(
      () => slack,
      { guests, invite: inviteDeps },
      // The dispatcher is built just below; guests' status emails run as jobs.
      (kind, payload, opts) => reports.dispatcher.dispatch(kind, payload, opts),
    ),
  );
  const reports = setupReports({
    config,
    doc,
    now,
    mailer: reportMailer,
    sails,
    templatesDir: assetDir('templates'),
    dataDir: assetDir('data'),
    handlers: { [GUEST_STATUS_JOB]: guestStatusJob({ guests, invite: inviteDeps }, sails) },
    // Runs at job time, after the Slack client below exists.
    postMessage: async (m) => {
      await client.chat.postMessage({
        channel: m.channel,
        text: m.text,
        ...(m.blocks ? { blocks: m.blocks } : {}),
      });
    },
    // A report's summary gives its ts, so its charts are uploaded into its thread.
    postSummary: async (m) => {
      const res = await client.chat.postMessage({ channel: m.channel, text: m.text, blocks: m.blocks });
      return res.ts ? { ts: res.ts } : {};
    },
    uploadFile: (f) => uploadReportChart(client, f),
  });
  extensions.commands = { ...extensions.commands, [commands.report]: () => reports.reportSubcommands };
  // Slack signs with real time, so the replay window uses the real clock, not the domain's.
  const receiver = createFetchReceiver({ signingSecret: config.slack.signingSecret });
  const client = createSlackApp(slack, receiver).client;

  const guestApi = createGuestApi({
    guests,
    codes,
    rateLimit: createRateLimiter({ doc, table, now }),
    sails: guestSailStore,
    templates,
    jwtSecret: config.jwtSecret,
    mailer,
    publicUrl: config.publicUrl,
    now,
    onSigned: onWaiverSigned(slack, client),
    socketAddress: (c) => {
      try {
        return getConnInfo(c).remote.address;
      } catch {
        return undefined;
      }
    },
  });
  const http = createHttpApp({
    slack: receiver,
    guestApi,
    guestPages: createGuestPages({ distDir: assetDir(join('frontend', 'dist')) }),
  });

  const sweep = createSweep({
    messages: slackNudgeMessages,
    sails,
    guests,
    nudgeStore: createNudgeStore({ doc, table, now }),
    send: {
      async channelThread(sail, m) {
        await client.chat.postMessage({
          channel: sail.channel ?? config.channel,
          ...(sail.cardTs ? { thread_ts: sail.cardTs } : {}),
          text: m.text,
          blocks: m.blocks,
        });
      },
      async dm(userId, m) {
        // Posting to a user id delivers to the bot's DM with them (App Home → Messages).
        await client.chat.postMessage({ channel: userId, text: m.text, blocks: m.blocks });
      },
      waiverReminder: createWaiverReminder({ codes, mailer, publicUrl: config.publicUrl }),
    },
  });

  const bosun: Bosun = {
    config,
    doc,
    http,
    slack,
    mailer,
    runJob: (detail) => reports.runner.run(detail),
    drainJobs: () => reports.dispatcher.drain(),
    async sweep(at) {
      const summary = await sweep(at);
      logger.info('nudge sweep', {
        sails: summary.sails,
        sent: summary.sent,
        taken: summary.taken,
        failed: summary.failed.length,
      });
      // Each failure names the sail and nudge (messages are redacted); `manual` ones need a person.
      for (const f of summary.failed) logger.warn('nudge not delivered', { ...f });
      return summary;
    },
  };
  const appToken = config.slack.appToken;
  if (opts.socketMode && appToken) {
    bosun.startSocketMode = async () => {
      const { createSocketModeApp } = await import('./slack/app');
      await createSocketModeApp(slack, appToken).start();
    };
  }
  return bosun;
}
