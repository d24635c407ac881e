/**
 * The Lambda entry: Function URL events (Slack, the guest API and pages) go to the HTTP app;
 * EventBridge events are either the `ptb_nudge` schedule or a job. Thin by design: it wires and
 * dispatches, and holds no rules. Bosun is built once per cold start, after the secrets are read.
 */
import type { LambdaContext, LambdaEvent } from 'hono/aws-lambda';
import { handle } from 'hono/aws-lambda';
import { type Bosun, createBosun } from './app';
import { loadSecretsIntoEnv } from './aws/secrets';
import { loadConfig } from './config';
import { JOB_EVENT } from './jobs/types';
import { logger } from './log';

let ready: Promise<Bosun> | undefined;

function bosun(): Promise<Bosun> {
  ready ??= (async () => {
    // Secrets go into a copy of the environment that only loadConfig reads, never process.env,
    // where every dependency could see them.
    const env = { ...process.env };
    await loadSecretsIntoEnv(env);
    return createBosun(loadConfig(env));
  })().catch((err: unknown) => {
    ready = undefined;
    throw err;
  });
  return ready;
}

/** An EventBridge event as Lambda receives it. */
interface EventBridgeEvent {
  source: string;
  'detail-type': string;
  detail: unknown;
  resources?: string[];
  id: string;
}

function isEventBridge(e: unknown): e is EventBridgeEvent {
  return typeof e === 'object' && e !== null && 'detail-type' in e && 'source' in e;
}

/** Tells the `ptb_nudge` schedule apart from any other scheduled rule. */
export function isNudgeSchedule(e: EventBridgeEvent): boolean {
  return (
    e.source === 'aws.events' &&
    e['detail-type'] === 'Scheduled Event' &&
    (e.resources ?? []).some((arn) => arn.endsWith('/ptb_nudge'))
  );
}

/** The Lambda handler. */
export async function handler(event: LambdaEvent | EventBridgeEvent, context: LambdaContext) {
  const app = await bosun();
  // Leases of in-progress work end with this invocation's time.
  app.setLease(context as { getRemainingTimeInMillis(): number });
  // Keys added for one invocation are removed after it: a warm Lambda reuses the logger.
  logger.addContext(context as Parameters<typeof logger.addContext>[0]);
  if (!isEventBridge(event)) return handle(app.http)(event, context);
  logger.appendKeys({ eventId: event.id });
  try {
    if (isNudgeSchedule(event)) return await app.sweep(new Date());
    if (event.source === JOB_EVENT.source && event['detail-type'] === JOB_EVENT.detailType) {
      return await app.runJob(event.detail);
    }
    logger.warn('ignored an EventBridge event', { source: event.source, detailType: event['detail-type'] });
    return { ignored: true };
  } finally {
    logger.removeKeys(['eventId']);
  }
}
