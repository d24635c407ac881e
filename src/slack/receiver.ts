/**
 * A Bolt receiver for the Fetch-API world (Hono locally and on Lambda). It replaces Bolt's
 * AwsLambdaReceiver, which decodes base64 bodies as ASCII, rejects `content-type`s with a charset
 * and accepts timestamps from the future. Semantics are Bolt's `processBeforeResponse`: the HTTP
 * response is sent once the listeners have finished, so nothing runs after Lambda freezes; listeners
 * therefore ack first and hand slow work to a job.
 * @see https://api.slack.com/interactivity/handling#acknowledgment_response (3 s)
 */
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import { logger } from '../log';
import { verifySlackSignature } from './verify';

/** A plain HTTP response, independent of the server that sends it. */
export interface PlainResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The receiver plus `handle`, which the HTTP app calls for `POST /slack/events`. */
export interface FetchReceiver extends Receiver {
  handle(rawBody: string, headers: Headers): Promise<PlainResponse>;
}

const json = (status: number, body: unknown): PlainResponse => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify(body),
});

/** Parses a Slack body: form-encoded (commands, `payload=` for interactivity) or JSON (events). */
export function parseSlackBody(rawBody: string, contentType: string | null): Record<string, unknown> {
  const mime = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (mime === 'application/x-www-form-urlencoded') {
    const form = new URLSearchParams(rawBody);
    const payload = form.get('payload');
    if (payload !== null) return JSON.parse(payload);
    return Object.fromEntries(form.entries());
  }
  return JSON.parse(rawBody);
}

/** Builds the receiver; `now` is injectable so tests can check the replay window. */
export function createFetchReceiver(opts: { signingSecret: string; now?: () => number }): FetchReceiver {
  let app: App | undefined;
  const now = opts.now ?? Date.now;
  return {
    init(a: App) {
      app = a;
    },
    async start() {},
    async stop() {},
    async handle(rawBody, headers) {
      const verdict = verifySlackSignature({
        signingSecret: opts.signingSecret,
        rawBody,
        signature: headers.get('x-slack-signature'),
        timestamp: headers.get('x-slack-request-timestamp'),
        nowMs: now(),
      });
      if (!verdict.ok) {
        logger.warn('refused a Slack request', { reason: verdict.reason });
        return json(401, {
          error: 'unauthorized',
          message: 'The Slack signature or timestamp is not valid.',
        });
      }
      let body: Record<string, unknown>;
      try {
        body = parseSlackBody(rawBody, headers.get('content-type'));
      } catch {
        return json(400, {
          error: 'invalid_input',
          message: 'The request body is not valid form data or JSON.',
        });
      }
      if (body.ssl_check) return { status: 200, headers: {}, body: '' };
      if (body.type === 'url_verification') return json(200, { challenge: body.challenge });
      if (!app) throw new Error('the Slack receiver was used before Bolt initialised it');

      let acked = false;
      let stored: unknown;
      const event: ReceiverEvent = {
        body,
        ack: async (response) => {
          if (acked) return;
          acked = true;
          stored = response;
        },
        retryNum: Number(headers.get('x-slack-retry-num') ?? '') || undefined,
        retryReason: headers.get('x-slack-retry-reason') ?? undefined,
      };
      try {
        await app.processEvent(event);
      } catch (err) {
        // Bolt's error handler has logged it; Slack shows its own "did not respond" notice unless we acked.
        if (!acked) throw err;
      }
      if (!acked) return { status: 404, headers: {}, body: '' };
      if (stored === undefined || stored === null || stored === '')
        return { status: 200, headers: {}, body: '' };
      if (typeof stored === 'string') {
        return { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: stored };
      }
      return json(200, stored);
    },
  };
}
