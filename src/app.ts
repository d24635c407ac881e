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
import { type CrewRulesLookup, defaultReminders } from './crew/rules';
import { cardGuestsOf } from './effects/card-guests';
import { createGuestEffectHandlers } from './effects/guest-handlers';
import { createHomeEffectHandlers } from './effects/home-handlers';
import { createEnqueue, EFFECTS_JOB } from './effects/queue';
import { createEffectRunner, type EffectHandlers } from './effects/runner';
import { createSlackEffectHandlers } from './effects/slack-handlers';
import { effectBatchSchema } from './effects/types';
import { createWaiverEffectHandlers } from './effects/waiver-handlers';
import { loadGuestTemplates } from './guests/emails';
import type { GuestSailLookup } from './guests/sail-view';
import { createHttpApp } from './http';
import { createCalendarRoutes } from './http/calendar';
import { createGuestApi, guestSailLookup } from './http/guest-api';
import { createGuestCalendar } from './http/guest-calendar';
import { createGuestPages } from './http/guest-pages';
import { createOnce, type LeaseClock, type Once } from './idempotency';
import { runScheduledReports } from './jobs/report-schedule';
import { createReportCommandServices } from './jobs/report-services';
import { uploadReportChart } from './jobs/report-slack';
import type { JobOutcome } from './jobs/runner';
import { lazyReportHandler, setupJobs } from './jobs/setup';
import { REPORT_JOB } from './jobs/types';
import { logger } from './log';
import { createSesClient, createSesMailer } from './mail/ses-mailer';
import type { Mailer } from './mail/types';
import { createSweep, type SweepSummary } from './nudges/sweep';
import { createWaiverReminder } from './nudges/waiver-reminder';
import type { Sail } from './sails/types';
import { createSlackApp, webClientOptions } from './slack/app';
import { slackNudgeMessages } from './slack/blocks/nudges';
import { isAdmin, type SlackServices } from './slack/context';
import { createFetchReceiver } from './slack/receiver';
import { createSharedStores, createWorkspaceStores } from './store';
import { type CalendarTokenStore, createCalendarTokenStore } from './store/calendar-tokens';
import { createDocumentClient } from './store/client';
import type { CodeStore } from './store/codes';
import type { FleetStore } from './store/fleet';
import type { GuestStore } from './store/guests';
import { createReportScheduleStore } from './store/report-schedules';
import { createSailSummaryReader } from './store/sail-summaries';
import type { SailStore } from './store/sails';
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
  stores: {
    sails: SailStore;
    guests: GuestStore;
    codes: CodeStore;
    posts: SlackPostStore;
    calendarTokens: CalendarTokenStore;
    fleet: FleetStore;
  };
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
  /** A vessel's captains, regulars and reminder windows (tests pin them; see `crewRulesOf`). */
  crewRules?: CrewRulesLookup;
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

  // 2. Stores: the shared ones (global keys), and each workspace's, built on first use. A
  // workspace is the Slack team of the request; every key of its data begins with it.
  const table = config.table;
  const shared = createSharedStores({ doc, table, now });
  const storesFor = memo((team: string) => {
    const ws = createWorkspaceStores({ doc, table, now }, team);
    return {
      ...ws,
      posts: createSlackPostStore({ doc, table, workspace: team }),
      // Guests see the vessel as the fleet has it now: name, port, where to meet, parking, what to bring.
      guestSails: guestSailLookup(ws.sails, ws.fleet, cachedBrand(ws.portfolios)),
      summaries: createSailSummaryReader({ doc, table, workspace: team }),
    };
  });
  // The crew workflow reads a vessel's captains, regulars and reminder windows through one function.
  const crewRulesFor = memo(
    (team: string): CrewRulesLookup => opts.crewRules ?? crewRulesOf(storesFor(team)),
  );
  // The deployment's own workspace (BOSUN_WORKSPACE): the guest API and the CLI read it.
  const home = storesFor(config.workspace);
  // Calendar tokens are global items that name their workspace (calendar apps name none).
  const calendarTokens = createCalendarTokenStore({ doc, table, now });
  const calendarUrl = (token: string) => `${config.publicUrl.replace(/\/+$/, '')}/cal/${token}.ics`;
  const { once, setLease, remainingMs } = createOnce({ client: doc, table });

  // 3. Effects: a handler for every kind (a missing one does not compile), per workspace; the
  // runner; the jobs.
  const postMessage = async (m: { channel: string; text: string; blocks?: unknown[] }) => {
    await web.chat.postMessage({
      channel: m.channel,
      text: m.text,
      ...(m.blocks ? { blocks: m.blocks as never } : {}),
    });
  };
  const handlersFor = memo((team: string): EffectHandlers => {
    const s = storesFor(team);
    const reportHandler = lazyReportHandler({
      config: { ...config, workspace: team },
      doc,
      now,
      mailer: reportMailer,
      sails: s.sails,
      templatesDir: assetDir('templates'),
      dataDir: assetDir('data'),
      postMessage,
      // A report's summary gives its ts, so its charts are uploaded into its thread.
      postSummary: async (m) => {
        const res = await web.chat.postMessage({
          channel: m.channel,
          text: m.text,
          blocks: m.blocks as never,
        });
        return res.ts ? { ts: res.ts } : {};
      },
      uploadFile: (f) => uploadReportChart(web, f),
    });
    return {
      ...createSlackEffectHandlers({
        client: web,
        sails: s.sails,
        fleet: s.fleet,
        posts: s.posts,
        cardGuests: cardGuestsOf,
        homeChannel: config.channel,
        series: s.series,
        now,
      }),
      ...createWaiverEffectHandlers({ client: web, sails: s.sails, waivers: templates.waivers, now }),
      ...createGuestEffectHandlers({
        guests: s.guests,
        codes: s.codes,
        sails: s.guestSails,
        // The guests' mailer: magic links are credentials, so no audit copy.
        mailer,
        templates,
        publicUrl: config.publicUrl,
        now,
      }),
      ...createHomeEffectHandlers({
        client: web,
        // The use cases are bound below (step 4); a handler only runs once a request has come in.
        readHome: (t, input) => workspace(t).readHome({ ...input, isAdmin: isAdmin(config, input.userId) }),
        calendarUrl: async (t, userId) => {
          const token = await calendarTokens.current({ workspace: t, userId });
          return token ? calendarUrl(token) : undefined;
        },
        now,
      }),
      report: (e) => reportHandler({ jobId: e.key, kind: REPORT_JOB, payload: e.payload }),
    };
  });
  const effects = createEffectRunner({
    once,
    handlers: handlersFor,
    remainingMs,
    ...(opts.effectRetry ? { retry: opts.effectRetry } : {}),
    reportFailure: async (f) => {
      const text = `:warning: Bosun could not finish \`${f.effect.type}\` (${f.effect.key}) after several tries: ${f.error}. ${redoHint(f.effect)}`;
      await Promise.all(config.admins.map((admin) => web.chat.postMessage({ channel: admin, text })));
    },
  });
  const jobs = setupJobs({
    config,
    once,
    // Each effect runs under its own key; the batch needs no record of its own.
    selfGuarded: [EFFECTS_JOB],
    handlers: {
      [EFFECTS_JOB]: async (job) => {
        await effects.run(effectBatchSchema.parse(job.payload));
      },
    },
  });
  const enqueue = createEnqueue(jobs.dispatcher);

  // 4. Use cases, per workspace.
  const workspace = memo((team: string) => {
    const s = storesFor(team);
    return bindUseCases(
      {
        sails: s.sails,
        guests: s.guests,
        crew: s.crew,
        series: s.series,
        fleet: s.fleet,
        calendarTokens,
        summaries: s.summaries,
      },
      {
        channel: config.channel,
        reportRecipients: config.mail.reportRecipients,
        now,
        guestSails: s.guestSails,
        crewRules: crewRulesFor(team),
        team,
        calendarUrl,
      },
    );
  });

  // 5. Slack (Bolt) and the HTTP app.
  const services: SlackServices = {
    config,
    now,
    workspace,
    enqueue,
    reportCommands: memo((team: string) => ({
      ...createReportCommandServices({
        doc,
        table,
        dataDir: assetDir('data'),
        deployed: Boolean(config.eventBusName),
        now,
        workspace: team,
      }),
      timezone: config.timezone,
    })),
    async answerOnce(key, answer) {
      const r = await once(key, answer, { ttlSeconds: 3600 });
      return r.status === 'in_progress' ? null : r.value;
    },
  };
  // Slack signs with real time, so the replay window uses the real clock, not the domain's.
  const receiver = createFetchReceiver({ signingSecret: config.slack.signingSecret });
  createSlackApp(services, receiver);
  const guestApi = createGuestApi({
    guests: home.guests,
    codes: home.codes,
    rateLimit: shared.rateLimiter,
    sails: home.guestSails,
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
    ready: shared.ready,
    guestApi,
    guestPages: createGuestPages({ distDir: assetDir(join('frontend', 'dist')) }),
    calendar: createCalendarRoutes({
      resolve: (token) => calendarTokens.resolve(token),
      feed: (owner) => workspace(owner.workspace).calendarFeed({ userId: owner.userId }),
    }),
    guestCalendar: createGuestCalendar({
      jwtSecret: config.jwtSecret,
      storesOf: (team) => {
        const s = storesFor(team);
        return { guests: s.guests, sails: s.guestSails };
      },
      now,
    }),
  });

  // 6. The nudge sweep: every workspace that has sails (the registry, never a scan).
  const sweepFor = memo((team: string) => {
    const s = storesFor(team);
    return createSweep({
      messages: slackNudgeMessages,
      sails: s.sails,
      guests: s.guests,
      fleet: s.fleet,
      nudgeStore: s.nudges,
      crewRules: crewRulesFor(team),
      // Waitlist holds that ran out move on to the next in line; their DMs are effects.
      holds: {
        async moveOn(at) {
          const done = await workspace(team).moveHoldsOn(at);
          await enqueue(team, done.effects);
          return done.outcome.moved;
        },
      },
      send: {
        async channelThread(sail, m) {
          const card = await s.posts.get(sail.id, 'card');
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
        waiverReminder: withVesselPlace(
          s.guestSails,
          createWaiverReminder({ codes: s.codes, mailer, publicUrl: config.publicUrl }),
        ),
      },
    });
  });
  const sweep = async (at: Date): Promise<SweepSummary> => {
    const teams = new Set([config.workspace, ...(await shared.workspaces.listWorkspaces())]);
    let total: SweepSummary | undefined;
    for (const team of teams) {
      const one = await sweepFor(team)(at);
      total = total ? addSweeps(total, one) : one;
      // Scheduled reports: each due period is claimed once, then the report runs as an effect.
      await runScheduledReports(at, {
        schedules: createReportScheduleStore({ doc, table, workspace: team }),
        dispatch: (payload, o) => enqueue(team, [{ type: 'report', key: `report:${o.jobId}`, payload }]),
        timezone: config.timezone,
      });
    }
    return total ?? (await sweepFor(config.workspace)(at));
  };

  const bosun: Bosun = {
    config,
    doc,
    http,
    workspace,
    mailer,
    stores: {
      sails: home.sails,
      guests: home.guests,
      codes: home.codes,
      posts: home.posts,
      calendarTokens,
      fleet: home.fleet,
    },
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

/** How long the portfolio's brand is kept before it is read again. */
const BRAND_TTL_MS = 60_000;

/** The portfolio's `brand`, read at most once a minute (guests' pages and emails show it). */
function cachedBrand(portfolios: {
  current(): Promise<{ portfolio: { brand?: string | undefined } } | undefined>;
}): () => Promise<string | undefined> {
  let cached: { at: number; brand: string | undefined } | undefined;
  return async () => {
    // A cache, so the real clock (not the domain's, which tests pin).
    const at = Date.now();
    if (cached && at - cached.at < BRAND_TTL_MS) return cached.brand;
    const brand = (await portfolios.current())?.portfolio.brand;
    cached = { at, brand };
    return brand;
  };
}

/** Builds once per key. */
function memo<T>(build: (key: string) => T): (key: string) => T {
  const made = new Map<string, T>();
  return (key) => {
    let v = made.get(key);
    if (v === undefined) {
      v = build(key);
      made.set(key, v);
    }
    return v;
  };
}

/** Two workspaces' sweeps as one summary. */
function addSweeps(a: SweepSummary, b: SweepSummary): SweepSummary {
  const sent = { ...a.sent };
  for (const [k, v] of Object.entries(b.sent) as [keyof SweepSummary['sent'], number][]) sent[k] += v;
  return {
    sails: a.sails + b.sails,
    sent,
    taken: a.taken + b.taken,
    failed: [...a.failed, ...b.failed],
    noShows: a.noShows + b.noShows,
    holdsMoved: a.holdsMoved + b.holdsMoved,
  };
}

/**
 * A vessel's crew rules, from the fleet: its captains and regular crew (`/fleet captains`,
 * `/fleet regulars`) and its open-roles reminder windows (`/fleet set <vessel> reminders=…`; the
 * other windows are the defaults). A vessel the fleet no longer has: anyone may take Captain, no
 * regulars, the default windows.
 */
function crewRulesOf(s: { fleet: Pick<FleetStore, 'get'> }): CrewRulesLookup {
  return async (vesselId) => {
    const v = await s.fleet.get(vesselId);
    return {
      captains: v?.captains ?? [],
      regulars: v?.regulars ?? [],
      ...(v?.reminders ? { reminders: { ...defaultReminders, roles: v.reminders } } : {}),
    };
  };
}

/**
 * A waiver reminder for the sail as guests see it: the sweep reads the sail alone, so the vessel's
 * name and directions (the fleet's, through the guest lookup) are joined before the email is made.
 */
function withVesselPlace<A extends { sail: Sail }>(
  lookup: GuestSailLookup,
  send: (args: A) => Promise<void>,
): (args: A) => Promise<void> {
  return async (args) => {
    const joined = await lookup.get(args.sail.id);
    await send(joined?.place ? { ...args, sail: { ...args.sail, place: joined.place } } : args);
  };
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
    case 'guest.changed':
    case 'guest.waiver_copy':
      return `Tell the guest yourself; \`/sail guests ${id}\` lists them.`;
    case 'report':
      return 'Ask for the report again with `/report <kind>`.';
    case 'home.publish':
      return 'Their Home tab shows it again the next time they open it.';
    case 'calendar.dm':
      return 'They can type `/crew calendar` to have the link sent again.';
    default:
      return 'Tell the person yourself.';
  }
}
