/**
 * The composition root: builds Bosun from a Config, in order, every part required — the clients
 * (DynamoDB, SES, Slack's Web API), the stores, the idempotency primitive, the effect handlers and
 * runner, the jobs, the use cases, then Bolt and the HTTP app. `lambda.ts`, `bosun dev` and the
 * tests all build the same thing through here. It holds no rules.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SESClient } from '@aws-sdk/client-ses';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getConnInfo } from '@hono/node-server/conninfo';
import { WebClient } from '@slack/web-api';
import type { Hono } from 'hono';
import type { Config } from './config';
import { cardGuestsOf } from './effects/card-guests';
import { createGuestEffectHandlers } from './effects/guest-handlers';
import { createEnqueue, EFFECTS_JOB } from './effects/queue';
import { createEffectRunner, type EffectHandlers } from './effects/runner';
import { createSlackEffectHandlers } from './effects/slack-handlers';
import { effectBatchSchema } from './effects/types';
import { createWaiverEffectHandlers } from './effects/waiver-handlers';
import { loadGuestTemplates } from './guests/emails';
import { createHttpApp } from './http';
import { createGuestApi, guestSailLookup } from './http/guest-api';
import { createGuestPages } from './http/guest-pages';
import { createOnce, type LeaseClock, type Once } from './idempotency';
import type { JobOutcome } from './jobs/runner';
import { lazyReportHandler, setupJobs } from './jobs/setup';
import { REPORT_JOB } from './jobs/types';
import { logger } from './log';
import { createSesClient, createSesMailer } from './mail/ses-mailer';
import type { Mailer } from './mail/types';
import { createSweep, type SweepSummary } from './nudges/sweep';
import { createWaiverReminder } from './nudges/waiver-reminder';
import { createSlackApp, webClientOptions } from './slack/app';
import { slackNudgeMessages } from './slack/blocks/nudges';
import type { SlackServices } from './slack/context';
import { createFetchReceiver } from './slack/receiver';
import { createDocumentClient } from './store/client';
import { type CodeStore, createCodeStore } from './store/codes';
import { createGuestStore, type GuestStore } from './store/guests';
import { createNudgeStore } from './store/nudges';
import { createRateLimiter } from './store/rate-limit';
import { createReadyProbe } from './store/ready';
import { createSailStore, type SailStore } from './store/sails';
import { createSlackPostStore, type SlackPostStore } from './store/slack-posts';
import { bindUseCases, type UseCases } from './usecases';

/** What a running Bosun is made of. */
export interface Bosun {
  config: Config;
  doc: DynamoDBDocumentClient;
  http: Hono;
  /** The use cases of a workspace (tests and the CLI read through them). */
  workspace: (team: string) => UseCases;
  mailer: Mailer;
  /** The stores (tests and the CLI look at the data directly). */
  stores: { sails: SailStore; guests: GuestStore; codes: CodeStore; posts: SlackPostStore };
  once: Once;
  /** Runs the nudge sweep once (the `ptb_nudge` schedule, `bosun nudge`, the dev timer). */
  sweep: (now: Date) => Promise<SweepSummary>;
  /** Connects to Slack over Socket Mode (only when built with `socketMode`). */
  startSocketMode?: () => Promise<void>;
  /** Runs one job delivered by EventBridge (idempotent: a repeated delivery does nothing). */
  runJob: (detail: unknown) => Promise<JobOutcome>;
  /** Waits for the in-process jobs queued so far (local runs and tests; a no-op on EventBridge). */
  drainJobs: () => Promise<JobOutcome[]>;
  /** Per Lambda invocation: leases of `once` follow the invocation's remaining time. */
  setLease: (clock: LeaseClock) => void;
}

/** Options, mostly for tests: a pinned clock, shared clients. */
export interface BosunOptions {
  now?: () => Date;
  doc?: DynamoDBDocumentClient;
  /** The SES client mail goes through (tests add middleware to see what reaches SES). */
  ses?: SESClient;
  /** Serve Slack over Socket Mode (local development with `SLACK_APP_TOKEN`). */
  socketMode?: boolean;
  /** Effect retry waits (tests make them short). */
  effectRetry?: { attempts: number; baseMs: number };
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
  // 1. Clients, each with a timeout.
  const now = opts.now ?? (() => new Date());
  const doc =
    opts.doc ?? createDocumentClient({ region: config.aws.region, endpoint: config.aws.dynamodbEndpoint });
  const ses = opts.ses ?? createSesClient({ region: config.aws.region, endpoint: config.aws.sesEndpoint });
  const web = new WebClient(config.slack.botToken, webClientOptions(config.slack.apiUrl));
  // Guests' mail carries magic links (credentials), so it is not copied to the audit mailbox;
  // reports are, through Destinations only.
  const mailer = createSesMailer({ ses, from: config.mail.from });
  const reportMailer = createSesMailer({ ses, from: config.mail.from, auditBcc: config.mail.auditBcc });
  const templates = await loadGuestTemplates(assetDir('templates'));

  // 2. Stores.
  const table = config.table;
  const sails = createSailStore({ doc, table, now });
  const guests = createGuestStore({ doc, table, now });
  const codes = createCodeStore({ doc, table, now });
  const posts = createSlackPostStore({ doc, table });
  const { once, setLease } = createOnce({ client: doc, table });
  const guestSails = guestSailLookup(sails);

  // 3. Effects: a handler for every kind (a missing one does not compile), the runner, the jobs.
  const postMessage = async (m: { channel: string; text: string; blocks?: unknown[] }) => {
    await web.chat.postMessage({
      channel: m.channel,
      text: m.text,
      ...(m.blocks ? { blocks: m.blocks as never } : {}),
    });
  };
  const reportHandler = lazyReportHandler({
    config,
    doc,
    now,
    mailer: reportMailer,
    sails,
    templatesDir: assetDir('templates'),
    dataDir: assetDir('data'),
    postMessage,
  });
  const handlers: EffectHandlers = {
    ...createSlackEffectHandlers({
      client: web,
      sails,
      posts,
      cardGuests: cardGuestsOf,
      homeChannel: config.channel,
    }),
    ...createGuestEffectHandlers({
      guests,
      codes,
      sails: guestSails,
      // The guests' mailer: magic links are credentials, so no audit copy.
      mailer,
      templates,
      publicUrl: config.publicUrl,
      now,
    }),
    ...createWaiverEffectHandlers({ client: web, sails, waivers: templates.waivers, now }),
    report: (e) => reportHandler({ jobId: e.key, kind: REPORT_JOB, payload: e.payload }),
  };
  const effects = createEffectRunner({
    once,
    handlers,
    ...(opts.effectRetry ? { retry: opts.effectRetry } : {}),
    reportFailure: async (f) => {
      const text = `:warning: Bosun could not finish \`${f.effect.type}\` (${f.effect.key}) after several tries: ${f.error}. ${redoHint(f.effect)}`;
      await Promise.all(config.admins.map((admin) => web.chat.postMessage({ channel: admin, text })));
    },
  });
  const jobs = setupJobs({
    config,
    once,
    handlers: {
      [EFFECTS_JOB]: async (job) => {
        await effects.run(effectBatchSchema.parse(job.payload));
      },
    },
  });
  const enqueue = createEnqueue(jobs.dispatcher);

  // 4. Use cases, per workspace.
  const bound = new Map<string, UseCases>();
  const workspace = (team: string) => {
    let uc = bound.get(team);
    if (!uc) {
      uc = bindUseCases(
        { sails, guests },
        { channel: config.channel, reportRecipients: config.mail.reportRecipients, now, guestSails },
      );
      bound.set(team, uc);
    }
    return uc;
  };

  // 5. Slack (Bolt) and the HTTP app.
  const services: SlackServices = {
    config,
    now,
    workspace,
    enqueue,
    async answerOnce(key, answer) {
      const r = await once(key, answer, { ttlSeconds: 3600 });
      return r.status === 'in_progress' ? null : r.value;
    },
  };
  // Slack signs with real time, so the replay window uses the real clock, not the domain's.
  const receiver = createFetchReceiver({ signingSecret: config.slack.signingSecret });
  createSlackApp(services, receiver);
  const guestApi = createGuestApi({
    guests,
    codes,
    rateLimit: createRateLimiter({ doc, table, now }),
    sails: guestSails,
    templates,
    jwtSecret: config.jwtSecret,
    mailer,
    publicUrl: config.publicUrl,
    now,
    enqueue,
    originSecrets: config.originSecrets,
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
    ready: createReadyProbe({ doc, table }),
    guestApi,
    guestPages: createGuestPages({ distDir: assetDir(join('frontend', 'dist')) }),
  });

  // 6. The nudge sweep.
  const sweep = createSweep({
    messages: slackNudgeMessages,
    sails,
    guests,
    nudgeStore: createNudgeStore({ doc, table, now }),
    send: {
      async channelThread(sail, m) {
        const card = await posts.get(sail.id, 'card');
        await web.chat.postMessage({
          channel: card?.channel ?? config.channel,
          ...(card ? { thread_ts: card.ts } : {}),
          text: m.text,
          blocks: m.blocks,
        });
      },
      async dm(userId, m) {
        await web.chat.postMessage({ channel: userId, text: m.text, blocks: m.blocks });
      },
      waiverReminder: createWaiverReminder({ codes, mailer, publicUrl: config.publicUrl }),
    },
  });

  const bosun: Bosun = {
    config,
    doc,
    http,
    workspace,
    mailer,
    stores: { sails, guests, codes, posts },
    once,
    setLease,
    runJob: (detail) => jobs.runner.run(detail),
    drainJobs: () => jobs.dispatcher.drain(),
    async sweep(at) {
      const summary = await sweep(at);
      logger.info('nudge sweep', {
        sails: summary.sails,
        sent: summary.sent,
        taken: summary.taken,
        failed: summary.failed.length,
        noShows: summary.noShows,
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
      await createSocketModeApp(services, appToken).start();
    };
  }
  return bosun;
}

/** The command that redoes an effect by hand, for the admins' failure DM. */
function redoHint(effect: { type: string; sailId?: string }): string {
  const id = 'sailId' in effect && effect.sailId ? effect.sailId : '<id>';
  switch (effect.type) {
    case 'card.post':
    case 'card.refresh':
      return `Redo it with \`/sail show ${id}\`.`;
    case 'checklist.post':
    case 'checklist.refresh':
      return `Redo it with \`/sail checklist ${id}\`.`;
    case 'guest.invite':
      return `No new link went out, so the guest's earlier link (if any) still works. Re-send it with \`/sail guest ${id} <email> <name>\`; \`/sail guests ${id}\` lists the addresses.`;
    case 'waivers.send':
      return `Press the Waivers button on the card again (\`/sail show ${id}\` posts a fresh card).`;
    case 'guest.status':
    case 'guest.waiver_copy':
      return `Tell the guest yourself; \`/sail guests ${id}\` lists them.`;
    case 'report':
      return 'Ask for the report again with `/report <kind>`.';
    default:
      return 'Tell the person yourself.';
  }
}
