/**
 * Bosun's small error family. Each error has a stable string `code`; causes chain through
 * `ErrorOptions`. Expected outcomes (slot taken, already signed) are values, not errors.
 */
export const errorCodes = {
  config: 'config_invalid',
  notFound: 'not_found',
  forbidden: 'forbidden',
  invalidInput: 'invalid_input',
  conflict: 'conflict',
  storage: 'storage_failed',
  delivery: 'delivery_failed',
  unauthorized: 'unauthorized',
  rateLimited: 'rate_limited',
  /** A dependency (DynamoDB) did not answer in time; nothing was changed. */
  unavailable: 'unavailable',
} as const;

/** One of the stable error codes. */
export type ErrorCode = (typeof errorCodes)[keyof typeof errorCodes];

/** Base of Bosun's errors: a stable code and a sentence a person can act on. */
export class BosunError extends Error {
  override readonly name: string = 'BosunError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** A storage call failed for a reason other than an expected condition. */
export class StorageError extends BosunError {
  override readonly name = 'StorageError';
  constructor(message: string, options?: ErrorOptions) {
    super(errorCodes.storage, message, options);
  }
}

/** What a person is told when the database cannot be reached: nothing happened, and when to retry. */
export const UNAVAILABLE_MESSAGE =
  "I couldn't reach the database; nothing was changed — try again in a minute.";

/**
 * The database did not answer in time (timeout, refused or dropped connection, aborted request),
 * after the SDK's own retries. Mapped once at the storage boundary (`src/store/client.ts`).
 */
export class UnavailableError extends BosunError {
  override readonly name = 'UnavailableError';
  constructor(options?: ErrorOptions) {
    super(errorCodes.unavailable, UNAVAILABLE_MESSAGE, options);
  }
}

/** Mail could not be delivered. `retryable` tells whether another attempt may succeed. */
export class DeliveryError extends BosunError {
  override readonly name = 'DeliveryError';
  constructor(
    message: string,
    readonly retryable: boolean,
    options?: ErrorOptions,
  ) {
    super(errorCodes.delivery, message, options);
  }
}
