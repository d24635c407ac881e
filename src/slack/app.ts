/**
 * The Bolt app: built with our Fetch receiver, the bot's ids passed in (so Bolt never calls
 * `auth.test`), and the listeners of each folder registered with the services. Listeners make
 * the state change and answer; everything else is an effect run after the answer.
 */
import { App, LogLevel } from '@slack/bolt';
import { boltLogger, logger, withLogContext } from '../log';
import { register as registerActions } from './actions';
import { register as registerCommands } from './commands';
import type { SlackServices } from './context';
import { register as registerEvents } from './events';
import { register as registerGuests } from './guests';
import type { FetchReceiver } from './receiver';
import { register as registerViews } from './views';

/** Slack's Web API calls (here only `views.open`) must finish well inside the 3 s ack budget. */
export const WEB_API_TIMEOUT_MS = 2500;

/** Builds the Bolt app and registers every listener. */
export function createSlackApp(services: SlackServices, receiver: FetchReceiver): App {
  const app = new App({ receiver, ...commonOptions(services) });
  registerListeners(app, services);
  return app;
}

/**
 * The same listeners over Socket Mode, for local development against a real workspace
 * (`SLACK_APP_TOKEN` set). Only `bosun dev` uses it; Lambda never loads Socket Mode.
 */
export function createSocketModeApp(services: SlackServices, appToken: string): App {
  const app = new App({
    socketMode: true,
    appToken,
    ...commonOptions(services),
    clientOptions: { retryConfig: { retries: 2 } },
  });
  registerListeners(app, services);
  return app;
}

/** The Web API client's settings: a short timeout and two quick retries, not ~30 minutes of them. */
export function webClientOptions(apiUrl: string) {
  return {
    slackApiUrl: apiUrl,
    timeout: WEB_API_TIMEOUT_MS,
    retryConfig: { retries: 2, factor: 2, minTimeout: 100, maxTimeout: 500 },
  };
}

function commonOptions(services: SlackServices) {
  const { slack } = services.config;
  return {
    // One bot token. Authorising without a network call keeps Bolt from asking Slack who it is
    // (`auth.test`); the bot's own ids are only needed to ignore its own events.
    authorize: async () => ({
      botToken: slack.botToken,
      ...(slack.botId ? { botId: slack.botId } : {}),
      ...(slack.botUserId ? { botUserId: slack.botUserId } : {}),
    }),
    logger: boltLogger(),
    logLevel: LogLevel.WARN,
    clientOptions: webClientOptions(slack.apiUrl),
  };
}

function registerListeners(app: App, services: SlackServices): void {
  // Every log line of a request carries who asked and from which workspace (ids only).
  app.use(async ({ body, next }) => {
    const b = body as { team_id?: string; user_id?: string; team?: { id?: string }; user?: { id?: string } };
    // Per request (AsyncLocalStorage): a concurrent request's keys never show on this one's lines.
    const keys = { slackTeam: b.team_id ?? b.team?.id, slackUser: b.user_id ?? b.user?.id };
    await withLogContext(keys, () => next());
  });
  registerEvents(app, services);
  registerCommands(app, services);
  registerActions(app, services);
  registerViews(app, services);
  registerGuests(app, services);
  app.error(async (err) => {
    logger.error('a Slack listener failed', { error: err });
    throw err;
  });
}
