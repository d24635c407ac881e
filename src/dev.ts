/**
 * `bosun dev` (`npm start`): the whole local stack with embedded defaults — DynamoDB Local, the SES
 * emulator, the Slack sink (or Socket Mode to a real workspace when `SLACK_APP_TOKEN` is set), the
 * HTTP app, the nudge timer — then prints every URL. `--persist` keeps DynamoDB data in `.bosun/`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { type Bosun, createBosun } from './app';
import { BOSUN_DIR, clearStack, devDefaults, devEnv, readStack, writeStack } from './cli/stack';
import { loadConfig } from './config';
import { type LocalService, startDynamoLocal, startSesEmulator } from './local/services';
import { type SlackSink, startSlackSink } from './local/slack-sink';
import { ensureTable } from './store/table';

/** How often the dev stack runs the nudge sweep (AWS runs it every 15 minutes). */
const NUDGE_EVERY_MS = 60_000;

/** Hooks other features add to the dev stack (seeding, …). */
export interface DevHooks {
  onReady?: (bosun: Bosun, log: (s: string) => void) => Promise<void>;
}

/** Starts the stack and resolves once it is serving; `stop()` shuts it down. */
export async function startDev(
  opts: { persist?: boolean; port?: number; quiet?: boolean; hooks?: DevHooks } = {},
) {
  const log = opts.quiet ? () => {} : (s: string) => console.log(s);
  const running = readStack();
  if (running) {
    throw new Error(
      `Bosun is already running (pid ${running.pid}) at ${running.appUrl}. Use it, or stop it with Ctrl-C in its terminal (kill ${running.pid}).`,
    );
  }
  const stops: (() => Promise<void>)[] = [];
  const started: LocalService[] = [];
  try {
    log('bosun: starting DynamoDB Local and the SES emulator…');
    const [dynamo, ses] = await Promise.all([
      startDynamoLocal(opts.persist ? { dbPath: join(BOSUN_DIR, 'dynamodb') } : {}),
      startSesEmulator(),
    ]);
    started.push(dynamo, ses);
    stops.push(dynamo.stop, ses.stop);
    const socketMode = Boolean(process.env.SLACK_APP_TOKEN);
    let sink: SlackSink | undefined;
    if (!socketMode && !process.env.SLACK_API_URL) {
      sink = await startSlackSink({ print: (s) => log(`\n[slack] ${s}`) });
      stops.push(sink.stop);
    }
    const env = devEnv(undefined);
    Object.assign(env, {
      DYNAMODB_ENDPOINT: process.env.DYNAMODB_ENDPOINT ?? dynamo.endpoint,
      SES_ENDPOINT: process.env.SES_ENDPOINT ?? ses.endpoint,
      ...(sink ? { SLACK_API_URL: sink.apiUrl } : {}),
      ...(opts.port !== undefined ? { PORT: String(opts.port) } : {}),
    });
    const config = loadConfig(env);
    if (!existsSync(join('frontend', 'dist', 'index.html'))) {
      log('bosun: building the guest page (frontend/) with Vite…');
      const { build } = await import('vite');
      await build({ configFile: join('frontend', 'vite.config.ts'), logLevel: 'warn' });
    }
    const table = await ensureTable(
      { region: config.aws.region, endpoint: config.aws.dynamodbEndpoint },
      config.table,
    );
    log(`bosun: table ${config.table} ${table === 'created' ? 'created' : 'found'}`);
    const bosun = await createBosun(config, socketMode ? { socketMode: true } : {});
    await opts.hooks?.onReady?.(bosun, log);
    const server = await new Promise<{ port: number; close: () => Promise<void> }>((resolve, reject) => {
      // Loopback only: the dev stack's secrets are not for the rest of the network.
      const s = serve({ fetch: bosun.http.fetch, port: config.port, hostname: '127.0.0.1' }, (info) =>
        resolve({ port: info.port, close: () => new Promise((r) => s.close(() => r())) }),
      );
      s.once('error', (err: NodeJS.ErrnoException) =>
        reject(
          err.code === 'EADDRINUSE'
            ? new Error(
                `port ${config.port} is in use; stop what uses it or start with PORT=<another port> npm start.`,
              )
            : err,
        ),
      );
    });
    stops.unshift(server.close);
    const appUrl = `http://127.0.0.1:${server.port}`;
    if (bosun.startSocketMode) {
      await bosun.startSocketMode();
      log('bosun: connected to Slack over Socket Mode');
    }
    const timer = setInterval(() => {
      bosun.sweep(new Date()).catch((err: unknown) => log(`bosun: nudge sweep failed: ${String(err)}`));
    }, NUDGE_EVERY_MS);
    timer.unref();
    writeStack({
      appUrl,
      port: server.port,
      ...(sink ? { sinkUrl: sink.url } : {}),
      sesUrl: ses.endpoint,
      dynamodbEndpoint: dynamo.endpoint,
      table: config.table,
      pid: process.pid,
    });
    log(
      [
        '',
        'Bosun is running:',
        `  app             ${appUrl}  (Slack requests: ${appUrl}/slack/events, health: ${appUrl}/healthz)`,
        `  guest pages     ${config.publicUrl}/g/<code>`,
        `  SES outbox      ${ses.endpoint}/  (what Bosun emailed)`,
        sink
          ? `  Slack sink      ${sink.url}/calls  (every Web API call the bot made)`
          : '  Slack           Socket Mode',
        `  DynamoDB Local  ${dynamo.endpoint}  table ${config.table}${opts.persist ? ' (persisted in .bosun/dynamodb)' : ' (in memory)'}`,
        '',
        `Try it in another terminal (you are admin ${devDefaults.admin} in channel ${devDefaults.channel}):`,
        '  npm run bosun -- slack "/sail create 2026-12-12 sunset 2h crew=2 guests=6 Holiday lights"',
        '  npm run bosun -- click roster.claim S-XXXXXX:captain --user UCREW0001',
        '',
      ].join('\n'),
    );
    const stop = async () => {
      clearInterval(timer);
      clearStack();
      for (const s of stops) await s().catch(() => {});
    };
    return { bosun, appUrl, stop, sink };
  } catch (err) {
    for (const s of stops) await s().catch(() => {});
    throw err;
  }
}

/** Runs `bosun dev` until Ctrl-C. */
export async function runDev(args: { persist?: boolean }, hooks?: DevHooks): Promise<void> {
  const { stop } = await startDev({ persist: args.persist, ...(hooks ? { hooks } : {}) });
  const shutdown = () => {
    console.log('\nbosun: stopping…');
    stop().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  await new Promise(() => {});
}
