/**
 * The one idempotency primitive: `once(key, fn)` runs `fn` at most once for a key, across
 * processes, redeliveries and retries. Every job, effect and retried Slack request goes through it.
 *
 * Built on Powertools' idempotency utility (`makeIdempotent` over `DynamoDBPersistenceLayer`) in
 * the single table: an `INPROGRESS` record is written with a conditional put before `fn` runs, and
 * `COMPLETED` with `fn`'s (JSON) result after. The in-progress record is a lease: it expires when
 * the Lambda's remaining time runs out (`registerLambdaContext`), so work cut off by a timeout is
 * taken up again by the next delivery; locally the lease is `LOCAL_LEASE_MS`. A failure deletes
 * the record, so a retry runs `fn` again.
 * @see https://docs.powertools.aws.dev/lambda/typescript/latest/features/idempotency/
 */

import type { JSONValue } from '@aws-lambda-powertools/commons/types';
import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  IdempotencyPersistenceLayerError,
  makeIdempotent,
} from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { BosunError, StorageError } from './errors';
import { idempotencyPartition } from './store/keys';

/** What `once` did. */
export type OnceOutcome<T> =
  /** `fn` ran now and returned `value`. */
  | { status: 'ran'; value: T }
  /** `fn` had already completed for this key; `value` is what it returned then. */
  | { status: 'done'; value: T }
  /** Another process holds the lease on this key right now. */
  | { status: 'in_progress' };

/**
 * The primitive. `fn`'s result must survive JSON (it is stored and given back to repeats).
 * `ttlSeconds` is how long a completed key is remembered (default one day).
 */
export type Once = <T>(
  key: string,
  fn: () => Promise<T>,
  opts?: { ttlSeconds?: number },
) => Promise<OnceOutcome<T>>;

/** The slice of a Lambda context the lease needs. */
export interface LeaseClock {
  getRemainingTimeInMillis(): number;
}

/** Outside Lambda (local runs, tests), a lease lasts this long. */
export const LOCAL_LEASE_MS = 30_000;

const DAY = 86_400;

/** Builds `once` over the table. `setLease` is called per Lambda invocation with its context. */
export function createOnce(deps: { client: DynamoDBDocumentClient; table: string }): {
  once: Once;
  setLease: (clock: LeaseClock) => void;
  /** Milliseconds left in the current invocation (the lease's clock). */
  remainingMs: () => number;
} {
  let lease: LeaseClock = { getRemainingTimeInMillis: () => LOCAL_LEASE_MS };
  // A persistence layer keeps the first configuration it is used with, so each lifetime (TTL)
  // gets its own pair; there are two or three in all.
  const layers = new Map<number, { persistenceStore: DynamoDBPersistenceLayer; config: IdempotencyConfig }>();
  const layerFor = (ttl: number) => {
    let l = layers.get(ttl);
    if (!l) {
      l = {
        persistenceStore: new DynamoDBPersistenceLayer({
          tableName: deps.table,
          // The document client shares the base client's config and middleware (timeouts, the
          // request counter); Powertools sends it low-level commands, passed through unchanged.
          awsSdkV3Client: deps.client as unknown as DynamoDBClient,
          keyAttr: 'PK',
          sortKeyAttr: 'SK',
          staticPkValue: idempotencyPartition,
          expiryAttr: 'expiresAt',
        }),
        config: new IdempotencyConfig({ eventKeyJmesPath: 'key', expiresAfterSeconds: ttl }),
      };
      layers.set(ttl, l);
    }
    // Powertools reads only getRemainingTimeInMillis from the context.
    l.config.registerLambdaContext(lease as Parameters<IdempotencyConfig['registerLambdaContext']>[0]);
    return l;
  };
  const once: Once = async <T>(key: string, fn: () => Promise<T>, opts?: { ttlSeconds?: number }) => {
    let ran = false;
    const guarded = makeIdempotent(
      async (_input: { key: string }) => {
        ran = true;
        return (await fn()) as JSONValue;
      },
      { ...layerFor(opts?.ttlSeconds ?? DAY), keyPrefix: 'once' },
    );
    try {
      const value = (await guarded({ key })) as T;
      return ran ? { status: 'ran', value } : { status: 'done', value };
    } catch (err) {
      if (err instanceof IdempotencyAlreadyInProgressError) return { status: 'in_progress' };
      if (err instanceof IdempotencyPersistenceLayerError && !ran) {
        // The table refused or did not answer: nothing ran. A timeout is already a BosunError
        // (`unavailable`, mapped by the client); anything else is a storage failure.
        const cause = err.cause;
        if (cause instanceof BosunError) throw cause;
        throw new StorageError('The idempotency record could not be written', { cause: err });
      }
      throw err;
    }
  };
  return {
    once,
    setLease(clock) {
      lease = clock;
    },
    remainingMs: () => lease.getRemainingTimeInMillis(),
  };
}
