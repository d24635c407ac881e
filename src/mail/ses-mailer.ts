/**
 * The SES mailer: a MIME message built by nodemailer's MailComposer (multipart/alternative, text
 * and HTML), sent with `SendRawEmail`. Blind copies (and the audit copy) go only in
 * `Destinations`, never in a header. Throttling, 5xx errors, timeouts and dropped connections are
 * retried with exponential backoff and jitter, up to three attempts; permanent errors are not
 * retried. Every call has a connection and a request timeout (`createSesClient`), so a hung SES
 * costs a bounded wait.
 * @see https://docs.aws.amazon.com/ses/latest/dg/send-email-raw.html
 * @see https://docs.aws.amazon.com/ses/latest/dg/manage-sending-quotas-errors.html
 */
import { SESClient, SendRawEmailCommand } from '@aws-sdk/client-ses';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { DeliveryError } from '../errors';
import type { Mailer, OutgoingMail, SentMail } from './types';

/** At most this many attempts per message. */
export const MAX_ATTEMPTS = 3;
/** The first retry waits about this long; each further one doubles it. */
export const BASE_DELAY_MS = 200;

const THROTTLING_NAMES = new Set([
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'RequestThrottled',
  'RequestLimitExceeded',
  'ServiceUnavailable',
  'InternalFailure',
]);

/**
 * Socket errors of a connection that failed or dropped on the way. A refused or reset connection
 * may have carried the message already; a duplicate guest email is the lesser harm than a lost one.
 */
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN']);

/** Whether another attempt may succeed: throttling, 5xx, timeouts and dropped connections. */
export function isRetryable(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as {
    name?: unknown;
    code?: unknown;
    message?: unknown;
    $retryable?: unknown;
    $metadata?: { httpStatusCode?: unknown };
  };
  // SES reports the daily quota as Throttling too, but waiting seconds will not help.
  if (typeof e.message === 'string' && /daily message quota/i.test(e.message)) return false;
  if (e.$retryable) return true;
  // The request handler's connection, request and socket timeouts (see createSesClient).
  if (e.name === 'TimeoutError') return true;
  if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return true;
  const status = e.$metadata?.httpStatusCode;
  if (typeof status === 'number' && status >= 500) return true;
  return typeof e.name === 'string' && THROTTLING_NAMES.has(e.name);
}

/** Backoff before attempt `n + 1` (n ≥ 1): base × 2^(n−1), half fixed and half random ("equal jitter"). */
export function backoffMs(attempt: number, random: () => number): number {
  const ceiling = BASE_DELAY_MS * 2 ** (attempt - 1);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Builds the raw MIME message and the envelope's recipients (To + Bcc). */
export async function composeRaw(
  from: string,
  mail: OutgoingMail,
  extraBcc: readonly string[] = [],
): Promise<{ raw: Buffer; destinations: string[] }> {
  const bcc = [...(mail.bcc ?? []), ...extraBcc];
  // Loaded on first send: nodemailer is the largest part of the bundle and most requests send no mail.
  const { default: MailComposer } = await import('nodemailer/lib/mail-composer');
  const composer = new MailComposer({
    from,
    to: mail.to,
    ...(bcc.length > 0 ? { bcc } : {}),
    ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    // Attachments with a cid make MailComposer wrap the HTML and its images in multipart/related;
    // files (a guest's .ics) are plain attachments after them.
    ...(mail.inline?.length || mail.attachments?.length
      ? {
          attachments: [
            ...(mail.inline ?? []).map((i) => ({
              cid: i.cid,
              filename: i.filename,
              contentType: i.contentType,
              contentDisposition: 'inline' as const,
              content: Buffer.from(i.content),
            })),
            ...(mail.attachments ?? []).map((a) => ({
              filename: a.filename,
              content: typeof a.content === 'string' ? a.content : Buffer.from(a.content),
              contentType: a.contentType,
            })),
          ],
        }
      : {}),
  });
  const node = composer.compile();
  // MailComposer leaves Bcc out of the headers unless keepBcc is set; the envelope still lists it.
  const envelope = node.getEnvelope();
  const raw = await node.build();
  const destinations = [...new Set(envelope.to)];
  return { raw, destinations };
}

/** Options of the SES mailer. */
export interface SesMailerOptions {
  ses: SESClient;
  from: string;
  /** Gets a copy of every message, in `Destinations` only. */
  auditBcc?: string;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

function describe(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return String(err);
}

/** Creates the SES mailer. */
export function createSesMailer(opts: SesMailerOptions): Mailer {
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = opts.random ?? Math.random;
  return {
    async send(mail: OutgoingMail): Promise<SentMail> {
      if (mail.to.length === 0) throw new DeliveryError('The message has no recipient.', false);
      const { raw, destinations } = await composeRaw(opts.from, mail, opts.auditBcc ? [opts.auditBcc] : []);
      for (let attempt = 1; ; attempt++) {
        try {
          const res = await opts.ses.send(
            new SendRawEmailCommand({
              Source: opts.from,
              Destinations: destinations,
              RawMessage: { Data: raw },
            }),
          );
          return { messageId: res.MessageId ?? '' };
        } catch (err) {
          const retryable = isRetryable(err);
          if (!retryable) {
            throw new DeliveryError(
              `SES refused the message (${describe(err)}); it was not retried.`,
              false,
              {
                cause: err,
              },
            );
          }
          if (attempt >= MAX_ATTEMPTS) {
            throw new DeliveryError(`SES kept failing after ${attempt} attempts (${describe(err)}).`, true, {
              cause: err,
            });
          }
          await sleep(backoffMs(attempt, random));
        }
      }
    },
  };
}

/**
 * How long connecting to SES may take. A connection within the region takes tens of
 * milliseconds; one that has not opened in 2 s is not going to, and nothing was sent yet.
 */
export const SES_CONNECTION_TIMEOUT_MS = 2_000;
/**
 * How long one `SendRawEmail` may take, request and response, once connected (SES answers in a
 * few hundred milliseconds). With `MAX_ATTEMPTS` attempts and the backoff between them, a hung SES
 * costs one `send` at most 3 × (2 + 5) s + 0.6 s ≈ 22 s, inside the function's 30 s timeout.
 */
export const SES_REQUEST_TIMEOUT_MS = 5_000;

/** The SES client's timeouts, in milliseconds (tests shorten them). */
export interface SesTimeouts {
  connectionMs: number;
  requestMs: number;
}

/**
 * An SES client for the region (or a local endpoint, e.g. the emulator, with dummy credentials).
 * The SDK's own retries are off: the mailer retries, so attempts are counted in one place. Every
 * call is bounded by `SES_CONNECTION_TIMEOUT_MS` and `SES_REQUEST_TIMEOUT_MS` (a timeout throws
 * `TimeoutError`, which the mailer retries).
 * @see https://docs.aws.amazon.com/AWSJavaScriptSDK/v3/latest/Package/-smithy-node-http-handler
 */
export function createSesClient(opts: {
  region: string;
  endpoint?: string | undefined;
  timeouts?: SesTimeouts;
}): SESClient {
  const timeouts = opts.timeouts ?? {
    connectionMs: SES_CONNECTION_TIMEOUT_MS,
    requestMs: SES_REQUEST_TIMEOUT_MS,
  };
  return new SESClient({
    region: opts.region,
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler({
      connectionTimeout: timeouts.connectionMs,
      requestTimeout: timeouts.requestMs,
      // Without this a request past `requestTimeout` only logs a warning and goes on waiting.
      throwOnRequestTimeout: true,
    }),
    ...(opts.endpoint
      ? { endpoint: opts.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
  });
}
