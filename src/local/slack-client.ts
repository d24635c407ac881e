/**
 * Sends signed requests to a Bosun HTTP app exactly as Slack would: used by `bosun slack`,
 * `bosun click` and the tests (which pass Hono's in-memory `app.request` as `fetch`).
 */
import { randomUUID } from 'node:crypto';
import {
  type ActionView,
  blockActionBody,
  commandBody,
  type SlackActor,
  signForm,
  signJson,
  viewSubmissionBody,
} from '../slack/payloads';

/** A `fetch`-compatible function. */
export type FetchLike = (url: string, init: RequestInit) => Response | Promise<Response>;

/** Where the app is and how to sign for it. */
export interface LocalSlackTarget {
  fetch: FetchLike;
  /** The app's base URL (`http://localhost:3000`, or any base for in-memory requests). */
  appUrl: string;
  signingSecret: string;
  /** The Slack sink's base URL, for `response_url`s. */
  sinkUrl: string;
}

/** What the app answered. */
export interface SlackAnswer {
  status: number;
  /** The parsed JSON body (the ephemeral reply or modal errors), or the text. */
  body: Record<string, unknown> | string | undefined;
}

/** Extra headers, e.g. `x-slack-retry-num` to replay a delivery the way Slack retries it. */
export type ExtraHeaders = Record<string, string>;

async function post(
  target: LocalSlackTarget,
  body: string,
  extra: ExtraHeaders = {},
  json = false,
): Promise<SlackAnswer> {
  const signed = json ? signJson(body, target.signingSecret) : signForm(body, target.signingSecret);
  const res = await target.fetch(`${target.appUrl}/slack/events`, {
    method: 'POST',
    headers: { ...signed.headers, ...extra },
    body: signed.body,
  });
  const text = await res.text();
  let parsed: SlackAnswer['body'] = text || undefined;
  if (text && (res.headers.get('content-type') ?? '').includes('json')) parsed = JSON.parse(text);
  return { status: res.status, body: parsed };
}

/** Splits `/sail create …` into the command and its text. */
export function splitCommand(line: string): { command: string; text: string } {
  const trimmed = line.trim();
  const m = /^(\/[a-z-]+)\s*([\s\S]*)$/.exec(trimmed);
  if (!m?.[1]) throw new Error(`"${line}" is not a slash command; write it like "/sail list".`);
  return { command: m[1], text: m[2] ?? '' };
}

/** Sends a slash command line such as `/sail create 2026-12-12 sunset`. */
export function sendCommand(
  target: LocalSlackTarget,
  line: string,
  actor: SlackActor,
  opts: { triggerId?: string; headers?: ExtraHeaders } = {},
): Promise<SlackAnswer> {
  const { command, text } = splitCommand(line);
  // A fixed trigger id gives the same body again, as a Slack retry does.
  const responseUrl = `${target.sinkUrl}/response/${opts.triggerId ?? randomUUID()}`;
  return post(
    target,
    commandBody({
      command,
      text,
      actor,
      responseUrl,
      ...(opts.triggerId ? { triggerId: opts.triggerId } : {}),
    }),
    opts.headers,
  );
}

/** Presses a button (or, with `selected`, sets a checkbox group) on a message. */
export function sendAction(
  target: LocalSlackTarget,
  args: {
    actionId: string;
    blockId?: string | undefined;
    value?: string;
    selected?: string[];
    message?: { ts: string; blocks?: unknown[] };
    /** Pressed on the App Home (or in a modal) rather than on a message. */
    view?: ActionView | undefined;
  },
  actor: SlackActor,
): Promise<SlackAnswer> {
  const responseUrl = `${target.sinkUrl}/response/${randomUUID()}`;
  return post(target, blockActionBody({ ...args, actor, responseUrl }));
}

/** Submits a modal with the given state values. */
export function sendViewSubmission(
  target: LocalSlackTarget,
  args: { callbackId: string; values: Record<string, Record<string, unknown>>; privateMetadata?: string },
  actor: SlackActor,
): Promise<SlackAnswer> {
  return post(target, viewSubmissionBody({ ...args, actor }));
}

/**
 * Delivers an Events API body (`eventCallbackBody`), signed, as JSON. The same body sent again is
 * what a Slack redelivery looks like (same `event_id`); `headers` can add `x-slack-retry-num`.
 */
export function sendEvent(
  target: LocalSlackTarget,
  body: string,
  headers: ExtraHeaders = {},
): Promise<SlackAnswer> {
  return post(target, body, headers, true);
}
