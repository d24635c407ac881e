/**
 * What every use case gets besides its input: who acts, and the id of this state change (the
 * request's, stable across Slack's retries), from which effect keys are made.
 */

/** The person acting. */
export interface Actor {
  userId: string;
  isAdmin: boolean;
}

/** One invocation of a use case. */
export interface Invocation {
  actor: Actor;
  /** Names this change for effect keys: the same request retried gives the same id. */
  change: string;
}

/** The refusal a non-admin gets is an outcome, not an error. */
export interface NotAdmin {
  kind: 'not_admin';
  /** What they tried, as a verb phrase: "create sails". */
  what: string;
}

/** An id that names no sail. */
export interface NoSuchSail {
  kind: 'no_such_sail';
  sailId: string;
}
