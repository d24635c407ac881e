/**
 * A guest signs the waiver (`POST /api/waiver`): validate the submission against the text version
 * they were shown, then one transaction stores the signature (write-once) and seats the minors it
 * lists. Effects: the signer's copy by email, and the sail's card redrawn with a note in its
 * thread. Nothing is emailed or posted before the answer.
 */
import { type Done, keyed, only } from '../effects/types';
import { vesselPlace } from '../guests/invite';
import {
  type GuestSail,
  type GuestSailLookup,
  localDateTimeLabel,
  localIsoDate,
  type SailPlace,
} from '../guests/sail-view';
import { checkWaiverSubmission, type WaiverLibrary } from '../guests/waiver';
import type { FieldError } from '../guests/waiver-rules';
import type { GuestStore, SignedWaiver } from '../store/guests';
import type { Invocation } from './context';

/** Longest user agent kept on a signature. */
export const MAX_USER_AGENT = 512;
/** Longest `X-Forwarded-For` kept on a signature (informational only). */
export const MAX_FORWARDED_FOR = 512;

/** What signing needs. */
export interface SignWaiverDeps {
  guests: Pick<GuestStore, 'get' | 'recordWaiver'>;
  sails: GuestSailLookup;
  waivers: WaiverLibrary;
  /** The signing time, and "today" for the minors' ages. */
  now: () => Date;
  /** The vessel's zone and name for a sail; defaults to what the lookup joined from the fleet (`vesselPlace`). */
  placeOf?: ((sail: GuestSail) => SailPlace) | undefined;
}

/** One submission, as the adapter received it. */
export interface SignWaiverInput {
  /** From the guest's token: the request is bound to this guest on this sail. */
  sailId: string;
  guestId: string;
  /** The JSON body as sent (untrusted; undefined when it was not JSON). */
  body: unknown;
  /** The address the transport saw (Lambda's source IP or the socket), never a header. */
  ip: string;
  userAgent: string;
  /** The raw `X-Forwarded-For`, kept for information only: the client can write anything there. */
  forwardedFor?: string | undefined;
}

/** What a submission came to; every `message` is a sentence the page shows as is. */
export type SignWaiverOutcome =
  | { kind: 'not_found'; message: string }
  | { kind: 'sail_cancelled'; message: string }
  | { kind: 'already_signed'; signedAt?: string | undefined; message: string }
  /** The version they read is not one we have: reload and read the current one. */
  | { kind: 'waiver_changed'; message: string }
  | { kind: 'invalid'; fields: FieldError[]; message: string }
  /** The minors listed need more seats than are left. */
  | { kind: 'no_seats'; seatsLeft: number; fields: FieldError[]; message: string }
  | { kind: 'signed'; waiver: SignedWaiver; signedAtLabel: string; message: string };

const NOT_FOUND = 'We could not find your invitation. Ask the person who invited you.';

/** Signs the waiver for the guest named by the token. */
export async function signWaiver(
  deps: SignWaiverDeps,
  inv: Invocation,
  input: SignWaiverInput,
): Promise<Done<SignWaiverOutcome>> {
  const [guest, sail] = await Promise.all([
    deps.guests.get(input.sailId, input.guestId),
    deps.sails.get(input.sailId),
  ]);
  if (!guest || !sail) return only({ kind: 'not_found', message: NOT_FOUND });
  const place = (deps.placeOf ?? vesselPlace)(sail);
  if (sail.status === 'cancelled') {
    return only({
      kind: 'sail_cancelled',
      message: 'This sail has been cancelled, so there is no waiver to sign.',
    });
  }
  if (guest.status === 'signed') {
    return only({
      kind: 'already_signed',
      signedAt: guest.signedAt,
      message: alreadySignedMessage(guest.signedAt, place.zone),
    });
  }
  const body = input.body;
  const version = typeof body === 'object' && body && 'version' in body ? body.version : undefined;
  const text = version === undefined ? deps.waivers.current : deps.waivers.get(String(version));
  if (!text) {
    return only({
      kind: 'waiver_changed',
      message: 'The waiver text has changed. Reload the page to read and sign the current one.',
    });
  }
  const now = deps.now();
  const checked = checkWaiverSubmission(body, { today: localIsoDate(now, place.zone), sailDate: sail.date });
  if (!checked.ok) {
    return only({ kind: 'invalid', fields: checked.errors, message: summarize(checked.errors) });
  }
  const record: SignedWaiver = {
    sailId: sail.id,
    guestId: guest.id,
    version: text.version,
    sha256: text.sha256,
    signedName: checked.value.fullName,
    minors: checked.value.minors,
    signedAt: now.toISOString(),
    ip: input.ip,
    userAgent: input.userAgent.slice(0, MAX_USER_AGENT),
    ...(input.forwardedFor ? { forwardedFor: input.forwardedFor.slice(0, MAX_FORWARDED_FOR) } : {}),
  };
  const stored = await deps.guests.recordWaiver(record, { capacity: sail.guestCapacity });
  if (!stored.ok) {
    switch (stored.reason) {
      case 'already_signed':
        return only({
          kind: 'already_signed',
          signedAt: stored.waiver?.signedAt,
          message: alreadySignedMessage(stored.waiver?.signedAt, place.zone),
        });
      case 'no_seats': {
        const message = noSeatsMessage(stored.seatsLeft, record.minors.length);
        return only({
          kind: 'no_seats',
          seatsLeft: stored.seatsLeft,
          fields: [{ field: 'minors', message }],
          message,
        });
      }
      default:
        return only({ kind: 'not_found', message: NOT_FOUND });
    }
  }
  return {
    outcome: {
      kind: 'signed',
      waiver: record,
      signedAtLabel: localDateTimeLabel(now, place.zone),
      message: 'Thank you — your waiver is signed and a copy is on its way to your email.',
    },
    effects: keyed(inv.change, [
      { type: 'guest.waiver_copy', sailId: sail.id, guestId: guest.id },
      {
        type: 'card.refresh',
        sailId: sail.id,
        note: { kind: 'waiver_signed', sailId: sail.id, name: guest.name },
      },
    ]),
  };
}

function alreadySignedMessage(signedAt: string | undefined, zone: string): string {
  return signedAt
    ? `You already signed this waiver on ${localDateTimeLabel(new Date(signedAt), zone)}.`
    : 'You already signed this waiver.';
}

/** Why the minors listed do not fit, and what to do about it. */
export function noSeatsMessage(seatsLeft: number, minors: number): string {
  const left =
    seatsLeft === 0 ? 'no seats left' : seatsLeft === 1 ? '1 seat left' : `${seatsLeft} seats left`;
  const listed = minors === 1 ? '1 minor' : `${minors} minors`;
  return `This sail has ${left}; you listed ${listed}, and each needs a seat. Remove ${
    seatsLeft === 0 ? 'the minors' : `all but ${seatsLeft}`
  } to sign now, or ask the person who invited you to make room.`;
}

function summarize(errors: FieldError[]): string {
  return errors.length === 1
    ? `Please fix this: ${errors[0]?.message ?? ''}`
    : `Please fix the ${errors.length} highlighted answers.`;
}
