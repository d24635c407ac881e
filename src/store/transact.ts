/**
 * `TransactWriteItems` the way every store needs it: a cancellation caused only by another
 * transaction touching the same items at that moment (`TransactionConflict`, which the SDK does
 * not retry) is retried with jittered backoff; a failed condition is an answer, returned as the
 * cancellation reasons (one per item, in order); a transaction that got no answer is
 * `unavailable`; anything else is a `StorageError`. The SDK fills in `ClientRequestToken`, so its own
 * retry of a transaction whose answer was lost (a timeout) does not apply it twice.
 * @see https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html
 */
import { type CancellationReason, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { StorageError } from '../errors';
import { storageFailure } from './failures';

/** The transaction went through, or these conditions failed (reasons in item order). */
export type TransactOutcome = { ok: true } | { ok: false; reasons: CancellationReason[] };

/** Retries after a conflict; at ~10 ms × 2^n with jitter, 8 tries cover a busy second. */
const MAX_CONFLICT_RETRIES = 8;

/** Whether one item's condition failed. */
export function conditionFailed(reason: CancellationReason | undefined): boolean {
  return reason?.Code === 'ConditionalCheckFailed';
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Sends one transaction; see the module comment for what comes back. */
export async function transactWrite(
  doc: DynamoDBDocumentClient,
  input: TransactWriteCommandInput,
): Promise<TransactOutcome> {
  for (let attempt = 0; ; attempt++) {
    try {
      await doc.send(new TransactWriteCommand(input));
      return { ok: true };
    } catch (err) {
      if (!(err instanceof TransactionCanceledException)) {
        throw storageFailure('A DynamoDB transaction failed', err);
      }
      const reasons = err.CancellationReasons ?? [];
      if (reasons.some(conditionFailed)) return { ok: false, reasons };
      if (!reasons.some((r) => r.Code === 'TransactionConflict')) {
        throw new StorageError('A DynamoDB transaction was cancelled', { cause: err });
      }
      if (attempt >= MAX_CONFLICT_RETRIES) {
        throw new StorageError('A DynamoDB transaction kept conflicting; try again.', { cause: err });
      }
      await sleep(Math.random() * 10 * 2 ** Math.min(attempt, 5));
    }
  }
}
