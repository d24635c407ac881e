/**
 * The Bolt app: built once per process with our Fetch receiver, the bot's ids passed in (so Bolt
 * never calls `auth.test` at start-up), and a WebClient tuned for Lambda (a short timeout and two
 * quick retries instead of the default ~30 minutes of retrying).
 */
import { App, LogLevel } from '@slack/bolt';
import { boltLogger, logger } from '../log';
import { actionTable } from './actions';
import { commandTable } from './commands';
import { commandRouter } from './commands/router';
import type { SlackDeps } from './context';
import type { FetchReceiver } from './receiver';
import { viewTable } from './views';

/** Slack's Web API calls must finish well inside the 3 s ack budget. */
const WEB_API_TIMEOUT_MS = 2500;

/** Builds the Bolt app and registers every listener from the id tables. */
export function createSlackApp(deps: SlackDeps, receiver: FetchReceiver): App {
  const app = new App({
    receiver,
    ...commonOptions(deps),
  });
  registerListeners(app, deps);
  return app;
}

/**
 * The same listeners over Socket Mode, for local development against a real workspace
 * (`SLACK_APP_TOKEN` set). Only `bosun dev` uses it; Lambda never loads Socket Mode.
 */
export function createSocketModeApp(deps: SlackDeps, appToken: string): App {
  const app = new App({
    socketMode: true,
    appToken,
    ...commonOptions(deps),
    clientOptions: { retryConfig: { retries: 2 } },
  });
  registerListeners(app, deps);
  return app;
}

function commonOptions(deps: SlackDeps) {
  return {
    // One workspace, one bot token. Authorising without a network call keeps Bolt from asking
    // Slack who it is (`auth.test`) at start-up or on the first request; the bot's own ids are
    // only needed to ignore its own events, and Bosun subscribes to none.
    authorize: async () => ({
      botToken: deps.config.slack.botToken,
      ...(deps.config.slack.botId ? { botId: deps.config.slack.botId } : {}),
      ...(deps.config.slack.botUserId ? { botUserId: deps.config.slack.botUserId } : {}),
    }),
    logger: boltLogger(),
    logLevel: LogLevel.WARN,
    clientOptions: {
      slackApiUrl: deps.config.slack.apiUrl,
      timeout: WEB_API_TIMEOUT_MS,
      retryConfig: { retries: 2, factor: 2, minTimeout: 100, maxTimeout: 500 },
    },
  };
}

function registerListeners(app: App, deps: SlackDeps): void {
  // Every log line of a request carries who asked and from which workspace (ids only).
  app.use(async ({ body, next }) => {
    const b = body as { team_id?: string; user_id?: string; team?: { id?: string }; user?: { id?: string } };
    logger.appendKeys({ slackTeam: b.team_id ?? b.team?.id, slackUser: b.user_id ?? b.user?.id });
    try {
      await next();
    } finally {
      logger.removeKeys(['slackTeam', 'slackUser']);
    }
  });
  for (const [name, subs] of Object.entries(commandTable(deps))) {
    app.command(name, commandRouter(name, deps, subs));
  }
  for (const [id, listener] of Object.entries(actionTable(deps))) app.action(id, listener);
  for (const [id, listener] of Object.entries(viewTable(deps))) app.view(id, listener);
  app.error(async (err) => {
    logger.error('a Slack listener failed', { error: err });
    throw err;
  });
}

/** The slash commands the app answers (the manifest test compares them with `manifest.yml`). */
export function registeredCommands(deps: SlackDeps): string[] {
  return Object.keys(commandTable(deps)).sort();
}
