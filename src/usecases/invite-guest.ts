/**
 * Add a guest to a sail (admins): one transaction adds the guest and takes a seat (or finds the
 * same address already invited, which re-sends the link instead). Effects: the invitation email
 * (`guest.invite`, which makes the magic code when it runs) and, for a new guest, the card redrawn
 * with a note in its thread. No email goes before the answer.
 */
import { type Done, type EffectInput, keyed, only } from '../effects/types';
import type { Guest } from '../guests/guest';
import { guestInvite } from '../guests/guest';
import {
  fullRefusal,
  type InviteRefusalReason,
  invalidInvite,
  noSuchSailRefusal,
  sailRefusal,
} from '../guests/invite';
import type { GuestSail, GuestSailLookup, SailPlace } from '../guests/sail-view';
import type { GuestStore } from '../store/guests';
import type { Invocation, NotAdmin } from './context';

/** What inviting needs. */
export interface InviteGuestDeps {
  guests: Pick<GuestStore, 'add'>;
  sails: GuestSailLookup;
  /** Says whether the sail has departed. */
  now: () => Date;
  /** The vessel's zone and name for a sail (for "departed on …"); defaults to what the lookup joined from the fleet. */
  placeOf?: ((sail: GuestSail) => SailPlace) | undefined;
}

/** What an invitation came to. `message` is plain text: escape it for mrkdwn. */
export type InviteGuestOutcome =
  | NotAdmin
  | { kind: 'refused'; reason: InviteRefusalReason; message: string }
  /** A new guest; the link is on its way (the `guest.invite` effect). */
  | { kind: 'invited'; sailId: string; guest: Guest; message: string }
  /** The address was on the sail already: nobody is added, a fresh link is on its way instead. */
  | { kind: 'already_invited'; sailId: string; guest: Guest; message: string };

/** Invites `name` at `email` to a sail, or re-sends the link when that address is already on it. */
export async function inviteGuest(
  deps: InviteGuestDeps,
  inv: Invocation,
  input: { sailId: string; email: string; name: string },
): Promise<Done<InviteGuestOutcome>> {
  if (!inv.actor.isAdmin) return only({ kind: 'not_admin', what: 'add guests' });
  const invalid = invalidInvite(input);
  if (invalid) return only({ kind: 'refused', ...invalid });
  const { email, name } = guestInvite.parse(input);
  const sail = await deps.sails.get(input.sailId);
  if (!sail) return only({ kind: 'refused', ...noSuchSailRefusal(input.sailId) });
  const refused = sailRefusal(sail, deps.now(), deps.placeOf);
  if (refused) return only({ kind: 'refused', ...refused });
  const by = inv.actor.userId;
  const added = await deps.guests.add({
    sailId: sail.id,
    name,
    email,
    capacity: sail.guestCapacity,
    invitedBy: by,
  });
  if (!added.ok) return only({ kind: 'refused', ...fullRefusal(sail.id, added.capacity) });
  const { guest, created } = added;
  const invite: EffectInput = {
    type: 'guest.invite',
    sailId: sail.id,
    guestId: guest.id,
    resent: !created,
    by,
  };
  if (!created && guest.status === 'signed') {
    // A guest who has signed needs no new link (and a new one would only be something to leak).
    return only({
      kind: 'already_invited',
      sailId: sail.id,
      guest,
      message: `${guest.name} (${guest.email}) is already on ${sail.id} and has signed the waiver, so no new link was sent.`,
    });
  }
  if (!created) {
    return {
      outcome: {
        kind: 'already_invited',
        sailId: sail.id,
        guest,
        message: `${guest.name} (${guest.email}) was already invited to ${sail.id}; a fresh link is on its way instead of adding them twice.`,
      },
      effects: keyed(inv.change, [invite]),
    };
  }
  return {
    outcome: {
      kind: 'invited',
      sailId: sail.id,
      guest,
      message: `Invited ${guest.name} (${guest.email}) to ${sail.id}; the magic link is on its way. Their seat is on hold until they sign the waiver.`,
    },
    effects: keyed(inv.change, [
      invite,
      {
        type: 'card.refresh',
        sailId: sail.id,
        note: { kind: 'guest_invited', sailId: sail.id, name: guest.name, by },
      },
    ]),
  };
}
