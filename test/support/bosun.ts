/**
 * A whole Bosun on the real local parts for one test file: a fresh DynamoDB Local table, the
 * Slack sink, and the HTTP app driven through signed requests shaped exactly like Slack's.
 */
import { type Bosun, type BosunOptions, createBosun } from '../../src/app';
import { loadConfig } from '../../src/config';
import {
  type LocalSlackTarget,
  type SlackAnswer,
  sendAction,
  sendCommand,
  sendViewSubmission,
} from '../../src/local/slack-client';
import { type SinkCall, type SlackSink, startSlackSink } from '../../src/local/slack-sink';
import type { SlackActor } from '../../src/slack/payloads';
import { freshTable, sesEndpoint } from './aws';
import { seedFleet } from './fleet';

export const ADMIN = 'UADMIN0001';
export const CHANNEL = 'CSAILS0001';
export const SIGNING_SECRET = 'test-signing-secret-0123456789';

/** A test Bosun and helpers to talk to it. */
export interface TestBosun {
  bosun: Bosun;
  sink: SlackSink;
  table: string;
  target: LocalSlackTarget;
  actor(userId: string, channelId?: string): SlackActor;
  /**
   * Sends a command and waits for its effects: `callsBeforeAnswer` are the Slack calls recorded by
   * the time the answer arrived, `calls` every call up to the end of its effects.
   */
  command(line: string, userId?: string): Promise<Answered>;
  /** Sends a command with a fixed trigger id (and a retry header); does not wait for effects. */
  commandRaw(
    line: string,
    opts: { triggerId: string; retryNum?: number; userId?: string },
  ): Promise<SlackAnswer>;
  click(actionId: string, value: string, userId?: string): Promise<Answered>;
  submit(
    callbackId: string,
    values: Record<string, Record<string, unknown>>,
    userId?: string,
  ): Promise<Answered>;
  stop(): Promise<void>;
}

/** An answer, with the Slack calls made before it and up to the end of its effects. */
export type Answered = SlackAnswer & { callsBeforeAnswer: SinkCall[]; calls: SinkCall[]; answerMs: number };

/** Text of an ephemeral answer. */
export function replyText(a: SlackAnswer): string {
  return typeof a.body === 'object' && a.body && typeof a.body.text === 'string'
    ? a.body.text
    : String(a.body ?? '');
}

/** Starts a test Bosun; its fleet holds JADA at San Diego unless `fleet: false` (an empty table). */
export async function startTestBosun(
  opts: BosunOptions & { env?: Record<string, string>; fleet?: boolean } = {},
): Promise<TestBosun> {
  const { doc, table, dynamo } = await freshTable();
  const sink = await startSlackSink();
  const config = loadConfig({
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_API_URL: sink.apiUrl,
    BOSUN_ADMINS: ADMIN,
    BOSUN_CHANNEL: CHANNEL,
    BOSUN_TABLE: table,
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    SES_ENDPOINT: sesEndpoint(),
    JWT_SECRET: 'test-jwt-secret-that-is-at-least-32-bytes-long',
    PUBLIC_URL: 'http://bosun.test',
    ...opts.env,
  });
  const { env: _env, fleet: withFleet, ...options } = opts;
  const bosun = await createBosun(config, { ...options, doc });
  if (withFleet !== false) await seedFleet(bosun.stores.fleet);
  const target: LocalSlackTarget = {
    fetch: (url, init) => bosun.http.request(url, init),
    appUrl: 'http://bosun.test',
    signingSecret: SIGNING_SECRET,
    sinkUrl: sink.url,
  };
  const actor = (userId: string, channelId = CHANNEL): SlackActor => ({ userId, channelId });
  const withCalls = async (p: () => Promise<SlackAnswer>): Promise<Answered> => {
    const before = sink.calls().length;
    const started = performance.now();
    const answer = await p();
    const answerMs = performance.now() - started;
    const callsBeforeAnswer = sink.calls().slice(before);
    await bosun.drainJobs();
    return { ...answer, callsBeforeAnswer, calls: sink.calls().slice(before), answerMs };
  };
  return {
    bosun,
    sink,
    table,
    target,
    actor,
    command: (line, userId = ADMIN) => withCalls(() => sendCommand(target, line, actor(userId))),
    commandRaw: (line, o) =>
      sendCommand(target, line, actor(o.userId ?? ADMIN), {
        triggerId: o.triggerId,
        ...(o.retryNum
          ? { headers: { 'x-slack-retry-num': String(o.retryNum), 'x-slack-retry-reason': 'http_timeout' } }
          : {}),
      }),
    click: (actionId, value, userId = ADMIN) =>
      withCalls(() => sendAction(target, { actionId, value }, actor(userId))),
    submit: (callbackId, values, userId = ADMIN) =>
      withCalls(() => sendViewSubmission(target, { callbackId, values }, actor(userId))),
    stop: () => sink.stop(),
  };
}
