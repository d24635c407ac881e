/**
 * A whole Bosun for a benchmark, on the real local parts: its own DynamoDB Local (and, when asked,
 * the SES emulator), the Slack sink, a fresh table with the demo vessel JADA in its fleet (sails
 * need a fleet vessel), and a signed-request target. The benchmarks share it so each measures its
 * own thing, not its set-up.
 */
import { randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type Bosun, createBosun } from '../../src/app';
import { loadConfig } from '../../src/config';
import { type LocalService, startDynamoLocal, startSesEmulator } from '../../src/local/services';
import type { LocalSlackTarget } from '../../src/local/slack-client';
import { type SlackSink, startSlackSink } from '../../src/local/slack-sink';
import { createDocumentClient } from '../../src/store/client';
import { ensureTable } from '../../src/store/table';
import { seedFleet } from '../../test/support/fleet';

export const BENCH_ADMIN = 'UADMIN0001';
export const BENCH_CHANNEL = 'CSAILS0001';
const SECRET = 'bench-signing-secret-0123456789';

/** A running bench stack. */
export interface BenchStack {
  bosun: Bosun;
  doc: DynamoDBDocumentClient;
  sink: SlackSink;
  slack: LocalSlackTarget;
  table: string;
  stop(): Promise<void>;
}

/** Starts the stack; `ses` adds the SES emulator (guest and report mail). */
export async function startBenchStack(name: string, opts: { ses?: boolean } = {}): Promise<BenchStack> {
  const services: LocalService[] = [];
  const dynamo = await startDynamoLocal();
  services.push(dynamo);
  const ses = opts.ses ? await startSesEmulator() : undefined;
  if (ses) services.push(ses);
  const sink = await startSlackSink();
  const table = `bosun-bench-${name}-${randomUUID().slice(0, 8)}`;
  const region = 'us-west-2';
  await ensureTable({ region, endpoint: dynamo.endpoint }, table);
  const doc = createDocumentClient({ region, endpoint: dynamo.endpoint });
  const config = loadConfig({
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_API_URL: sink.apiUrl,
    BOSUN_ADMINS: BENCH_ADMIN,
    BOSUN_CHANNEL: BENCH_CHANNEL,
    BOSUN_TABLE: table,
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    ...(ses ? { SES_ENDPOINT: ses.endpoint } : {}),
    AWS_REGION: region,
    JWT_SECRET: 'bench-jwt-secret-that-is-at-least-32-bytes',
    BOSUN_LOG_LEVEL: 'ERROR',
  });
  const bosun = await createBosun(config, { doc });
  await seedFleet(bosun.stores.fleet);
  return {
    bosun,
    doc,
    sink,
    table,
    slack: {
      fetch: (url, init) => bosun.http.request(url, init),
      appUrl: 'http://bosun.bench',
      signingSecret: SECRET,
      sinkUrl: sink.url,
    },
    async stop() {
      await sink.stop();
      await Promise.all(services.map((s) => s.stop()));
    },
  };
}
