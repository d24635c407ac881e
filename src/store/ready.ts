/**
 * The readiness probe behind `GET /readyz`: one GetItem of a fixed key (absent or not, an answer
 * means the table serves), aborted after a short timeout so a monitor never waits on a hung table.
 */
import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { UnavailableError } from '../errors';
import { keys } from './keys';

/** Resolves when the table answers; rejects with `UnavailableError` otherwise. */
export type ReadyProbe = () => Promise<void>;

/**
 * How long the probe waits. Below the client's per-attempt timeout (800 ms), so the abort ends
 * the call and the SDK does not retry it (an aborted call is never retried).
 */
export const READY_TIMEOUT_MS = 500;

/** Builds the probe over the document client and table. */
export function createReadyProbe(deps: {
  doc: DynamoDBDocumentClient;
  table: string;
  timeoutMs?: number;
}): ReadyProbe {
  const timeoutMs = deps.timeoutMs ?? READY_TIMEOUT_MS;
  return async () => {
    try {
      await deps.doc.send(new GetCommand({ TableName: deps.table, Key: keys.readiness() }), {
        abortSignal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      // A missing table or refused credentials is as unready as a hung one.
      throw err instanceof UnavailableError ? err : new UnavailableError({ cause: err });
    }
  };
}
