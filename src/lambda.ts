/**
 * The Lambda entry: Function URL events (Slack, the guest API and pages) go to the HTTP app;
 * EventBridge events are either the `ptb_nudge` schedule or a job. Thin by design: it wires and
 * dispatches, and holds no rules. Bosun is built once per cold start, after the secrets are read.
 */
import type { LambdaContext, LambdaEvent } from 'hono/aws-lambda';
import { handle } from 'hono/aws-lambda';
import { type Bosun, createBosun } from './app';
import { loadSecretsOnce } from './aws/secrets';
import { loadConfig } from './config';
import { JOB_EVENT } from './jobs/types';
import { logger } from './log';

let ready: Promise<Bosun> | undefined;

function bosun(): Promise<Bosun> {
  ready ??= (async () => {
    await loadSecretsOnce();
    return createBosun(loadConfig());
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
  if (isEventBridge(event)) {
    logger.appendKeys({ eventId: event.id });
    if (isNudgeSchedule(event)) return app.sweep(new Date());
    if (event.source === JOB_EVENT.source && event['detail-type'] === JOB_EVENT.detailType) {
      return app.runJob(event.detail);
    }
    logger.warn('ignored an EventBridge event', { source: event.source, detailType: event['detail-type'] });
    return { ignored: true };
  }
  logger.addContext(context as Parameters<typeof logger.addContext>[0]);
  return handle(app.http)(event, context);
}
