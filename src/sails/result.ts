/**
 * The result shape the sails domain returns for expected outcomes: a value, or a sentence that
 * says what was wrong and how to put it right.
 */

/** Success with a value, or a user-facing error sentence. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

/** Wraps a value as a success. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** Wraps a user-facing sentence as a failure. */
export function fail<T = never>(error: string): Result<T> {
  return { ok: false, error };
}
