/**
 * Status changes of a sail: hold, unhold, cancel, and uncancel (back to scheduled before it
 * departs). A departed sail keeps its status. The store enforces the same rules as conditions on
 * its write.
 */
import { hasDeparted } from './sail';
import { type Sail, type SailStatus, sailStatuses } from './types';

/** Why a status change was refused. */
export const transitionRefusals = {
  cancelled: 'cancelled',
  departed: 'departed',
  notOnHold: 'not_on_hold',
  alreadyOnHold: 'already_on_hold',
  notCancelled: 'not_cancelled',
} as const;

/** One of the refusal reasons. */
export type TransitionRefusal = (typeof transitionRefusals)[keyof typeof transitionRefusals];

/** Whether a status change is allowed, with a sentence for the refusal. */
export type TransitionCheck = { ok: true } | { ok: false; reason: TransitionRefusal; message: string };

/**
 * May `sail` move to `to` now? Hold needs a scheduled sail (re-holding updates the reason, so it
 * is allowed too); unhold needs a held one; cancel works from scheduled or held. Nothing leaves
 * cancelled, and a departed sail cannot change.
 */
export function checkTransition(
  sail: Pick<Sail, 'id' | 'status' | 'departAt'>,
  to: SailStatus,
  now: Date,
  opts: { uncancel?: boolean } = {},
): TransitionCheck {
  if (opts.uncancel) {
    if (sail.status !== sailStatuses.cancelled) {
      return {
        ok: false,
        reason: transitionRefusals.notCancelled,
        message: `${sail.id} is not cancelled, so there is nothing to uncancel.`,
      };
    }
    if (hasDeparted(sail, now)) {
      return {
        ok: false,
        reason: transitionRefusals.departed,
        message: `${sail.id} was due to depart already; a sail can be uncancelled only before its departure.`,
      };
    }
    return { ok: true };
  }
  if (sail.status === sailStatuses.cancelled) {
    return {
      ok: false,
      reason: transitionRefusals.cancelled,
      message: `${sail.id} is cancelled. \`/sail uncancel ${sail.id}\` restores it (before its departure).`,
    };
  }
  if (hasDeparted(sail, now)) {
    return {
      ok: false,
      reason: transitionRefusals.departed,
      message: `${sail.id} has already departed; its status cannot change.`,
    };
  }
  if (to === sailStatuses.scheduled && sail.status !== sailStatuses.onHold) {
    return {
      ok: false,
      reason: transitionRefusals.notOnHold,
      message: `${sail.id} is not on hold, so there is nothing to unhold.`,
    };
  }
  return { ok: true };
}

/** Which statuses a sail may be in for a change to `to` to be allowed (the store's condition). */
export function allowedFrom(to: SailStatus, opts: { uncancel?: boolean } = {}): SailStatus[] {
  if (opts.uncancel) return [sailStatuses.cancelled];
  if (to === sailStatuses.scheduled) return [sailStatuses.onHold];
  return [sailStatuses.scheduled, sailStatuses.onHold];
}
