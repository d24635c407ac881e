import { randomUUID } from 'node:crypto';
import { createServer, type Socket } from 'node:net';
import {
  MessageRejected,
  type SESClient,
  SESServiceException,
  type SendRawEmailCommandInput,
} from '@aws-sdk/client-ses';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { DeliveryError } from '../../src/errors';
import {
  backoffMs,
  createSesClient,
  createSesMailer,
  isRetryable,
  SES_CONNECTION_TIMEOUT_MS,
  SES_REQUEST_TIMEOUT_MS,
} from '../../src/mail/ses-mailer';
import { sesEndpoint, sesStore } from '../support/aws';

/** Records what the code passes to SES, and can fail the first calls, before the request is sent. */
function instrument(ses: SESClient, failures: unknown[] = []) {
  const inputs: SendRawEmailCommandInput[] = [];
  ses.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'SendRawEmailCommand') {
        inputs.push({ ...(args.input as SendRawEmailCommandInput) });
        const failure = failures.shift();
        if (failure) throw failure;
      }
      return next(args);
    },
    { step: 'initialize', name: 'testRecorder' },
  );
  return inputs;
}

function throttling() {
  return new SESServiceException({
    name: 'Throttling',
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
    message: 'Maximum sending rate exceeded.',
  });
}

async function storedBySubject(subject: string) {
  return (await sesStore()).filter((m) => m.subject === subject);
}

describe('SES mailer through the SES emulator', () => {
  it('sends multipart/alternative with To in headers, Bcc and audit only in Destinations, encoded subject', async () => {
    const ses = createSesClient({ region: 'us-west-2', endpoint: sesEndpoint() });
    const inputs = instrument(ses);
    const mailer = createSesMailer({
      ses,
      from: 'bosun@queenofsandiego.com',
      auditBcc: 'audit@queenofsandiego.com',
    });
    const subject = `Rapport CFO — Señor Müller ⛵ ${randomUUID().slice(0, 8)}`;
    const sent = await mailer.send({
      to: ['owner@queenofsandiego.com', 'cfo@queenofsandiego.com'],
      bcc: ['secret@queenofsandiego.com'],
      subject,
      text: 'Plain text body',
      html: '<p>HTML body</p>',
    });
    expect(sent.messageId).toMatch(/\S+/);

    expect(inputs).toHaveLength(1);
    expect(inputs[0]?.Destinations?.sort()).toEqual(
      [
        'audit@queenofsandiego.com',
        'cfo@queenofsandiego.com',
        'owner@queenofsandiego.com',
        'secret@queenofsandiego.com',
      ].sort(),
    );
    const raw = Buffer.from(inputs[0]?.RawMessage?.Data ?? new Uint8Array());
    const rawText = raw.toString('utf8');
    expect(rawText).not.toMatch(/^bcc:/im);
    expect(rawText).not.toContain('audit@queenofsandiego.com');
    expect(rawText).not.toContain('secret@queenofsandiego.com');
    expect(rawText).toMatch(/^Subject: =\?UTF-8\?[QB]\?/m);
    expect(rawText).not.toContain('Müller');

    const parsed = await simpleParser(raw);
    expect(parsed.headers.get('content-type')).toMatchObject({ value: 'multipart/alternative' });
    expect(parsed.subject).toBe(subject);
    expect(parsed.text?.trim()).toBe('Plain text body');
    expect(parsed.html).toContain('<p>HTML body</p>');
    expect(parsed.headers.has('bcc')).toBe(false);

    const stored = await storedBySubject(subject);
    expect(stored).toHaveLength(1);
    expect(stored[0]?.destination.to.join(',')).toContain('owner@queenofsandiego.com');
    expect(stored[0]?.destination.to.join(',')).toContain('cfo@queenofsandiego.com');
    expect(stored[0]?.destination.bcc).toEqual([]);
    expect(stored[0]?.from).toContain('bosun@queenofsandiego.com');
    expect(stored[0]?.body.text?.trim()).toBe('Plain text body');
    expect(stored[0]?.messageId).toBe(sent.messageId);
  });

  it('retries throttling with backoff, then succeeds on the second attempt', async () => {
    const ses = createSesClient({ region: 'us-west-2', endpoint: sesEndpoint() });
    const inputs = instrument(ses, [throttling()]);
    const sleeps: number[] = [];
    const mailer = createSesMailer({
      ses,
      from: 'bosun@queenofsandiego.com',
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      random: () => 0.5,
    });
    const subject = `throttled ${randomUUID()}`;
    await mailer.send({ to: ['owner@queenofsandiego.com'], subject, text: 't', html: '<p>h</p>' });
    expect(inputs).toHaveLength(2);
    expect(sleeps).toEqual([150]);
    expect(await storedBySubject(subject)).toHaveLength(1);
  });

  it('gives up after three throttled attempts with a retryable DeliveryError', async () => {
    const ses = createSesClient({ region: 'us-west-2', endpoint: sesEndpoint() });
    const inputs = instrument(ses, [throttling(), throttling(), throttling()]);
    const sleeps: number[] = [];
    const mailer = createSesMailer({
      ses,
      from: 'bosun@queenofsandiego.com',
      sleep: async (ms) => void sleeps.push(ms),
      random: () => 1,
    });
    const subject = `always throttled ${randomUUID()}`;
    const p = mailer.send({ to: ['owner@queenofsandiego.com'], subject, text: 't', html: '<p>h</p>' });
    await expect(p).rejects.toThrow(DeliveryError);
    await expect(p).rejects.toMatchObject({ retryable: true });
    expect(inputs).toHaveLength(3);
    expect(sleeps).toEqual([200, 400]);
    expect(await storedBySubject(subject)).toHaveLength(0);
  });

  it('does not retry a permanent error (MessageRejected)', async () => {
    const ses = createSesClient({ region: 'us-west-2', endpoint: sesEndpoint() });
    const rejected = new MessageRejected({
      message: 'Email address is not verified.',
      $metadata: { httpStatusCode: 400 },
    });
    const inputs = instrument(ses, [rejected]);
    let slept = 0;
    const mailer = createSesMailer({
      ses,
      from: 'bosun@queenofsandiego.com',
      sleep: async () => void slept++,
    });
    const p = mailer.send({
      to: ['nobody@queenofsandiego.com'],
      subject: `rejected ${randomUUID()}`,
      text: 't',
      html: 'h',
    });
    await expect(p).rejects.toThrow(DeliveryError);
    await expect(p).rejects.toMatchObject({
      retryable: false,
      message: expect.stringContaining('MessageRejected'),
    });
    expect(inputs).toHaveLength(1);
    expect(slept).toBe(0);
  });

  it('refuses a message with no recipient', async () => {
    const ses = createSesClient({ region: 'us-west-2', endpoint: sesEndpoint() });
    const mailer = createSesMailer({ ses, from: 'bosun@queenofsandiego.com' });
    await expect(mailer.send({ to: [], subject: 's', text: 't', html: 'h' })).rejects.toThrow(DeliveryError);
  });
});

describe('SES timeouts', () => {
  it('every client bounds connecting and each request (2 s and 5 s), and a late request throws', async () => {
    const ses = createSesClient({ region: 'us-west-2', endpoint: sesEndpoint() });
    const handler = ses.config.requestHandler;
    expect(handler).toBeInstanceOf(NodeHttpHandler);
    // The handler resolves its settings on first use.
    await createSesMailer({ ses, from: 'bosun@queenofsandiego.com' }).send({
      to: ['owner@queenofsandiego.com'],
      subject: `timeouts ${randomUUID()}`,
      text: 't',
      html: 'h',
    });
    expect(handler instanceof NodeHttpHandler && handler.httpHandlerConfigs()).toMatchObject({
      connectionTimeout: SES_CONNECTION_TIMEOUT_MS,
      requestTimeout: SES_REQUEST_TIMEOUT_MS,
      throwOnRequestTimeout: true,
    });
    expect([SES_CONNECTION_TIMEOUT_MS, SES_REQUEST_TIMEOUT_MS]).toEqual([2_000, 5_000]);
  });

  it('an SES that never answers costs a bounded wait: each attempt times out, then a retryable DeliveryError', async () => {
    // Accepts connections and reads requests, but never answers.
    const sockets: Socket[] = [];
    const server = createServer((socket) => {
      sockets.push(socket);
      socket.on('data', () => {});
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    try {
      const ses = createSesClient({
        region: 'us-west-2',
        endpoint: `http://127.0.0.1:${address.port}`,
        timeouts: { connectionMs: 200, requestMs: 300 },
      });
      const mailer = createSesMailer({ ses, from: 'bosun@queenofsandiego.com', sleep: async () => {} });
      const started = Date.now();
      const p = mailer.send({ to: ['owner@queenofsandiego.com'], subject: 'hung', text: 't', html: 'h' });
      await expect(p).rejects.toThrow(DeliveryError);
      await expect(p).rejects.toMatchObject({
        retryable: true,
        message: expect.stringMatching(/after 3 attempts \(TimeoutError/),
      });
      const took = Date.now() - started;
      expect(took).toBeGreaterThanOrEqual(3 * 300 - 50);
      expect(took).toBeLessThan(3_000);
      expect(sockets.length).toBeGreaterThanOrEqual(1);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('retry classification', () => {
  it('retries timeouts and dropped connections', () => {
    expect(
      isRetryable({ name: 'TimeoutError', message: 'a request has exceeded the configured 5000 ms' }),
    ).toBe(true);
    expect(isRetryable(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toBe(true);
    expect(isRetryable(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(
      true,
    );
    expect(isRetryable(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }))).toBe(false);
  });

  it('retries throttling, $retryable and 5xx; not 4xx, quota or unknown values', () => {
    expect(isRetryable(throttling())).toBe(true);
    expect(isRetryable({ name: 'ThrottlingException' })).toBe(true);
    expect(isRetryable({ name: 'X', $retryable: { throttling: true } })).toBe(true);
    expect(isRetryable({ name: 'ServiceError', $metadata: { httpStatusCode: 503 } })).toBe(true);
    expect(isRetryable({ name: 'InvalidParameterValue', $metadata: { httpStatusCode: 400 } })).toBe(false);
    expect(isRetryable(new MessageRejected({ message: 'no', $metadata: {} }))).toBe(false);
    expect(isRetryable({ name: 'Throttling', message: 'Daily message quota exceeded.' })).toBe(false);
    expect(isRetryable('boom')).toBe(false);
    expect(isRetryable(null)).toBe(false);
  });
  it('backs off exponentially with bounded jitter', () => {
    expect([1, 2, 3].map((n) => backoffMs(n, () => 0))).toEqual([100, 200, 400]);
    expect([1, 2, 3].map((n) => backoffMs(n, () => 1))).toEqual([200, 400, 800]);
  });
});
