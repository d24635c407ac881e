/**
 * The DynamoDB document client, built once per process. `countRequests` lets tests and the
 * benchmark count the calls that reach DynamoDB through the SDK's middleware stack.
 */
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Where DynamoDB is: AWS in the region, or a local endpoint. */
export interface DynamoOptions {
  region: string;
  endpoint?: string | undefined;
}

/** The low-level client's settings: a local endpoint gets dummy credentials. */
export function dynamoClientConfig(opts: DynamoOptions): DynamoDBClientConfig {
  return {
    region: opts.region,
    ...(opts.endpoint
      ? { endpoint: opts.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
    maxAttempts: 3,
  };
}

/** Builds the document client (undefined values dropped, as DynamoDB rejects them). */
export function createDocumentClient(opts: DynamoOptions): DynamoDBDocumentClient {
  const base = new DynamoDBClient(dynamoClientConfig(opts));
  return DynamoDBDocumentClient.from(base, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
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
