/**
 * The DynamoDB document client, built once per process, with bounded waits: every call gives up
 * within a known time and a call that got no answer becomes `UnavailableError` (code
 * `unavailable`). `countRequests` lets tests and the benchmark count the calls that reach
 * DynamoDB through the SDK's middleware stack.
 * @see https://docs.aws.amazon.com/sdk-for-javascript/v3/developer-guide/node-configuring-requesthandler.html
 */
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { UnavailableError } from '../errors';
import { isUnreachable } from './failures';

/** Where DynamoDB is: AWS in the region, or a local endpoint; and how long calls may take. */
export interface DynamoOptions {
  region: string;
  endpoint?: string | undefined;
  /** Default: `emulatorLimits` for an endpoint on this machine, `requestLimits` otherwise. */
  limits?: DynamoLimits | undefined;
}

/** How long one call may take: per attempt, to connect, and how many attempts. */
export interface DynamoLimits {
  /** TCP connect, per attempt. */
  connectionTimeoutMs: number;
  /** The whole attempt (connect, send, first byte of the answer). */
  requestTimeoutMs: number;
  /** Attempts in all, the first included (the SDK's `maxAttempts`). */
  maxAttempts: number;
}

/**
 * The bounds on the request path (Slack answers, the guest API, jobs). A hung call takes at most
 * `maxAttempts × requestTimeout` plus the SDK's backoff before its one retry:
 * 2 × 800 ms + ≤ 50 ms (standard mode: random × 50 ms × 2⁰) ≈ 1.65 s; even a throttled first attempt
 * (backoff ≤ random × 1 s) followed by a hung one stays under 1.85 s. That is well under 2.5 s, so
 * a Slack listener still answers "nothing was changed, try again" inside Slack's 3 s. A single
 * DynamoDB request normally takes single-digit milliseconds (a full 1 MB Query page, ~100 ms), so
 * 800 ms is never the normal case. The connect timeout only makes a dead host fail sooner; it is
 * inside the request timeout, whose timer starts when the request does.
 * @see https://api.slack.com/interactivity/handling#acknowledgment_response (3 s)
 */
export const requestLimits: DynamoLimits = {
  connectionTimeoutMs: 300,
  requestTimeoutMs: 800,
  maxAttempts: 2,
};

/**
 * DynamoDB Local on this machine (`bosun dev`, the tests): still bounded, but looser. The emulator
 * is a JVM sharing the developer's (or CI's) cores; its first transactions load and compile code
 * and take over a second on a busy machine, which says nothing about AWS. `test/store/timeouts`
 * runs the request-path bounds against it on purpose. Both timers also run while a call waits
 * for a free socket (the SDK's agent keeps at most 50), which tests that fire hundreds of calls at
 * once do; a Lambda invocation never has that many in flight.
 */
export const emulatorLimits: DynamoLimits = {
  connectionTimeoutMs: 5_000,
  requestTimeoutMs: 5_000,
  maxAttempts: 3,
};

/** Whether an endpoint is on this machine (loopback), i.e. DynamoDB Local. */
function isLoopback(endpoint: string | undefined): boolean {
  if (!endpoint) return false;
  const host = new URL(endpoint).hostname;
  return host === 'localhost' || host === '::1' || host === '[::1]' || host.startsWith('127.');
}

/** Table administration (`bosun table create`, test setup): control-plane calls, slower but bounded. */
export const adminLimits: DynamoLimits = {
  connectionTimeoutMs: 1_000,
  requestTimeoutMs: 10_000,
  maxAttempts: 3,
};

/** The low-level client's settings: bounded waits; a local endpoint gets dummy credentials. */
export function dynamoClientConfig(
  opts: DynamoOptions,
  purpose: 'request' | 'admin' = 'request',
): DynamoDBClientConfig {
  const limits =
    purpose === 'admin'
      ? adminLimits
      : (opts.limits ?? (isLoopback(opts.endpoint) ? emulatorLimits : requestLimits));
  return {
    region: opts.region,
    ...(opts.endpoint
      ? { endpoint: opts.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
    maxAttempts: limits.maxAttempts,
    requestHandler: new NodeHttpHandler({
      connectionTimeout: limits.connectionTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      // Without it a request past `requestTimeout` is only logged, and the call keeps waiting.
      throwOnRequestTimeout: true,
    }),
  };
}

/**
 * Builds the document client (undefined values dropped, as DynamoDB rejects them), with the
 * request-path bounds and the `unavailable` mapping.
 */
export function createDocumentClient(opts: DynamoOptions): DynamoDBDocumentClient {
  const base = new DynamoDBClient(dynamoClientConfig(opts));
  mapUnreachable(base);
  return DynamoDBDocumentClient.from(base, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}

/**
 * Rethrows a call that got no answer (after the SDK's retries: this is the outermost step) as
 * `UnavailableError`. Every other error (a failed condition, a validation error) passes through
 * untouched for the store to read.
 */
export function mapUnreachable(client: DynamoDBClient | DynamoDBDocumentClient): void {
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (err) {
        if (!(err instanceof UnavailableError) && isUnreachable(err))
          throw new UnavailableError({ cause: err });
        throw err;
      }
    },
    { step: 'initialize', name: 'bosunUnavailable', priority: 'high' },
  );
}

/** Counts every command sent through the client, by command name; returns the live tally. */
export function countRequests(client: DynamoDBDocumentClient): Map<string, number> {
  const tally = new Map<string, number>();
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = String(context.commandName ?? 'unknown');
      tally.set(name, (tally.get(name) ?? 0) + 1);
      return next(args);
    },
    { step: 'initialize', name: 'bosunRequestCounter' },
  );
  return tally;
}
