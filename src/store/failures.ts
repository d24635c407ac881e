/**
 * How a failed DynamoDB call becomes one of Bosun's errors, decided once at the storage boundary:
 * a call that never got an answer (timeout, refused or dropped connection, aborted request) is
 * `unavailable`, with the sentence a person can act on; anything else a store did not expect is a
 * `StorageError`. The client's middleware (`src/store/client.ts`) maps the first kind for every
 * command; `storageFailure` keeps a store's own wrapping from hiding it.
 */
import { type BosunError, StorageError, UnavailableError } from '../errors';

/** Error names the SDK and Node give a call that got no answer. */
const UNREACHABLE_NAMES: ReadonlySet<string> = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'AbortError',
]);

/** Node's codes for a connection that could not be made or was lost. */
const UNREACHABLE_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** Whether an error (or one of its causes) means DynamoDB could not be reached in time. */
export function isUnreachable(err: unknown, depth = 0): boolean {
  if (!(err instanceof Error) || depth > 5) return false;
  if (err instanceof UnavailableError) return true;
  const code: unknown = 'code' in err ? err.code : undefined;
  if (UNREACHABLE_NAMES.has(err.name)) return true;
  if (typeof code === 'string' && UNREACHABLE_CODES.has(code)) return true;
  if (err.message === 'socket hang up') return true;
  return isUnreachable(err.cause, depth + 1);
}

/**
 * The error a store throws for a call that failed unexpectedly: `unavailable` when the database
 * could not be reached (already mapped, or not), otherwise a `StorageError` with `message`.
 */
export function storageFailure(message: string, cause: unknown): BosunError {
  if (cause instanceof UnavailableError) return cause;
  if (isUnreachable(cause)) return new UnavailableError({ cause });
  return new StorageError(message, { cause });
}
