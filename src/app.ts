/**
 * Wires Bosun together from a Config: the store, the Slack app and the HTTP app. `lambda.ts`,
 * `bosun dev` and the tests all build the same thing through here, so they run the same code.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Hono } from 'hono';
import type { Config } from './config';
import { createHttpApp } from './http';
import { logger } from './log';
import { createSweep } from './nudges/sweep';
import { createSlackApp } from './slack/app';
import type { SlackDeps, SlackExtensions } from './slack/context';
import { createFetchReceiver } from './slack/receiver';
import { createDocumentClient } from './store/client';
import { createNudgeStore } from './store/nudges';
import { createSailStore } from './store/sails';

/** What a running Bosun is made of. */
export interface Bosun {
  config: Config;
  doc: DynamoDBDocumentClient;
  http: Hono;
  slack: SlackDeps;
  /** Runs the nudge sweep once (the `ptb_nudge` schedule, `bosun nudge`, the dev timer). */
  sweep?: (now: Date) => Promise<unknown>;
  /** Connects to Slack over Socket Mode (only when built with `socketMode`). */
  startSocketMode?: () => Promise<void>;
  /** Runs one job delivered by EventBridge (idempotent). */
  runJob?: (detail: unknown) => Promise<unknown>;
}

/** Options, mostly for tests: a pinned clock, a shared client. */
export interface BosunOptions {
  now?: () => Date;
  doc?: DynamoDBDocumentClient;
  extensions?: SlackExtensions;
  /** Serve Slack over Socket Mode (local development with `SLACK_APP_TOKEN`). */
  socketMode?: boolean;
}

/** Builds Bosun from its configuration. */
export function createBosun(config: Config, opts: BosunOptions = {}): Bosun {
  const now = opts.now ?? (() => new Date());
  const doc =
    opts.doc ?? createDocumentClient({ region: config.aws.region, endpoint: config.aws.dynamodbEndpoint });
  const sails = createSailStore({ doc, table: config.table, now });
  const slack: SlackDeps = {
    config,
    now,
    sails,
    ...(opts.extensions ? { extensions: opts.extensions } : {}),
  };
  // Slack signs with real time, so the replay window uses the real clock, not the domain's.
  const receiver = createFetchReceiver({ signingSecret: config.slack.signingSecret });
  const slackApp = createSlackApp(slack, receiver);
  const client = slackApp.client;
  const http = createHttpApp({ slack: receiver });
  const sweep = createSweep({
    sails,
    nudgeStore: createNudgeStore({ doc, table: config.table, now }),
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
    },
  });
  const bosun: Bosun = {
    config,
    doc,
    http,
    slack,
    async sweep(at) {
      const summary = await sweep(at);
      logger.info('nudge sweep', {
        sails: summary.sails,
        sent: summary.sent,
        taken: summary.taken,
        failed: summary.failed.length,
      });
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
