/**
 * The guest list from Slack, and the dock: an admin lists a sail's guests with their waiver status
 * (`/sail guests`), removes one (`/sail unguest`: seat freed, links revoked), asks for the signed
 * waivers as PDFs (the card's "Waivers" button); the captain (or an admin) checks guests in from the
 * manifest and sends an unsigned guest a fresh link at the dock. Each is one use case: validate,
 * authorize, one state change, the effects it implies.
 */
import { type Done, type EffectInput, keyed, only } from '../effects/types';
import { type Guest, normalizeEmail } from '../guests/guest';
import type { SignedWaiver } from '../store/entities';
import type { GuestStore } from '../store/guests';
import type { SailRecord, SailStore } from '../store/sails';
import type { Invocation, NoSuchSail, NotAdmin } from './context';

/** What the guest admin use cases need. */
export interface GuestAdminDeps {
  sails: Pick<SailStore, 'get'>;
  guests: Pick<GuestStore, 'remove' | 'checkIn'>;
  now: () => Date;
}

/** One guest as `/sail guests` lists them. */
export interface GuestListing {
  guest: Guest;
  waiver?: SignedWaiver | undefined;
}

/** What listing came to. */
export type ListGuestsOutcome =
  | NotAdmin
  | NoSuchSail
  | { kind: 'guests'; record: SailRecord; guests: GuestListing[] };

/** `/sail guests <id>` (admins): every guest with their waiver, in the order they were invited. */
export async function listGuests(
  deps: Pick<GuestAdminDeps, 'sails'>,
  inv: Invocation,
  input: { sailId: string },
): Promise<Done<ListGuestsOutcome>> {
  if (!inv.actor.isAdmin) return only({ kind: 'not_admin', what: 'see the guest list' });
  const record = await deps.sails.get(input.sailId);
  if (!record) return only({ kind: 'no_such_sail', sailId: input.sailId });
  const waivers = new Map(record.waivers.map((w) => [w.guestId, w]));
  return only({
    kind: 'guests',
    record,
    guests: record.guests.map((guest) => ({ guest, waiver: waivers.get(guest.id) })),
  });
}

/** What removing came to. */
export type RemoveGuestOutcome =
  | NotAdmin
  | NoSuchSail
  | { kind: 'not_a_guest'; sailId: string; email: string }
  | { kind: 'removed'; sailId: string; guest: Guest; seatsFreed: number };

/**
 * `/sail unguest <id> <email>` (admins): the guest goes, their seats (and their minors') are freed,
 * and every link they were sent stops working. A signed waiver is kept as the record it is.
 */
export async function removeGuest(
  deps: GuestAdminDeps,
  inv: Invocation,
  input: { sailId: string; email: string },
): Promise<Done<RemoveGuestOutcome>> {
  if (!inv.actor.isAdmin) return only({ kind: 'not_admin', what: 'remove guests' });
  const record = await deps.sails.get(input.sailId);
  if (!record) return only({ kind: 'no_such_sail', sailId: input.sailId });
  const email = normalizeEmail(input.email);
  const guest = record.guests.find((g) => g.email === email);
  if (!guest) return only({ kind: 'not_a_guest', sailId: record.sail.id, email });
  const removed = await deps.guests.remove(record.sail.id, guest.id);
  if (!removed.ok) return only({ kind: 'not_a_guest', sailId: record.sail.id, email });
  return {
    outcome: { kind: 'removed', sailId: record.sail.id, guest, seatsFreed: removed.seatsFreed },
    effects: keyed(inv.change, [
      {
        type: 'card.refresh',
        sailId: record.sail.id,
        note: { kind: 'guest_removed', sailId: record.sail.id, name: guest.name, by: inv.actor.userId },
      },
    ]),
  };
}

/** What asking for the waivers came to. */
export type SendWaiversOutcome =
  | NotAdmin
  | NoSuchSail
  | { kind: 'none'; sailId: string }
  | { kind: 'sending'; sailId: string; count: number };

/** The card's "Waivers" button (admins): each signed waiver as a PDF, by DM to whoever pressed. */
export async function sendWaivers(
  deps: Pick<GuestAdminDeps, 'sails'>,
  inv: Invocation,
  input: { sailId: string },
): Promise<Done<SendWaiversOutcome>> {
  if (!inv.actor.isAdmin) return only({ kind: 'not_admin', what: 'see signed waivers' });
  const record = await deps.sails.get(input.sailId);
  if (!record) return only({ kind: 'no_such_sail', sailId: input.sailId });
  const sailId = record.sail.id;
  if (record.waivers.length === 0) return only({ kind: 'none', sailId });
  return {
    outcome: { kind: 'sending', sailId, count: record.waivers.length },
    effects: keyed(inv.change, [{ type: 'waivers.send', sailId, userId: inv.actor.userId }]),
  };
}

/** Who may act on the manifest: the sail's captain, or an admin. */
function mayWorkTheDock(record: SailRecord, inv: Invocation): boolean {
  if (inv.actor.isAdmin) return true;
  return record.slots.some((s) => s.slotId === 'captain' && s.holder === inv.actor.userId);
}

/** What a dock action came to. */
export type DockOutcome =
  | NoSuchSail
  | { kind: 'not_allowed'; sailId: string }
  | { kind: 'not_a_guest'; sailId: string }
  | { kind: 'already_checked_in'; sailId: string; guest: Guest }
  | { kind: 'checked_in'; sailId: string; guest: Guest }
  | { kind: 'already_signed'; sailId: string; guest: Guest }
  | { kind: 'link_sent'; sailId: string; guest: Guest };

/**
 * The manifest's Check-in button (`manifest.checkin`, value `<sailId>:<guestId>`): records who
 * checked the guest in and when (the first check-in stands). With `responseUrl`, the manifest
 * message is redrawn in place.
 */
export async function checkInGuest(
  deps: GuestAdminDeps,
  inv: Invocation,
  input: { sailId: string; guestId: string; responseUrl?: string | undefined },
): Promise<Done<DockOutcome>> {
  const record = await deps.sails.get(input.sailId);
  if (!record) return only({ kind: 'no_such_sail', sailId: input.sailId });
  const sailId = record.sail.id;
  if (!mayWorkTheDock(record, inv)) return only({ kind: 'not_allowed', sailId });
  const done = await deps.guests.checkIn(sailId, input.guestId, inv.actor.userId, deps.now());
  const redraw: EffectInput[] = input.responseUrl
    ? [{ type: 'manifest.refresh', sailId, responseUrl: input.responseUrl }]
    : [];
  if (!done.ok) {
    if (done.reason === 'no_guest') return only({ kind: 'not_a_guest', sailId });
    return {
      outcome: { kind: 'already_checked_in', sailId, guest: done.guest },
      effects: keyed(inv.change, redraw),
    };
  }
  return {
    outcome: { kind: 'checked_in', sailId, guest: done.guest },
    effects: keyed(inv.change, [
      ...redraw,
      {
        type: 'card.refresh',
        sailId,
        note: { kind: 'guest_checked_in', sailId, name: done.guest.name, by: inv.actor.userId },
      },
    ]),
  };
}

/**
 * The manifest's "Send a fresh link" for a guest who arrived unsigned (`manifest.link`): a new link
 * to the guest's email at once (a `guest.invite` effect marked `dock`), so they sign on their phone.
 */
export async function sendDockLink(
  deps: Pick<GuestAdminDeps, 'sails'>,
  inv: Invocation,
  input: { sailId: string; guestId: string },
): Promise<Done<DockOutcome>> {
  const record = await deps.sails.get(input.sailId);
  if (!record) return only({ kind: 'no_such_sail', sailId: input.sailId });
  const sailId = record.sail.id;
  if (!mayWorkTheDock(record, inv)) return only({ kind: 'not_allowed', sailId });
  const guest = record.guests.find((g) => g.id === input.guestId);
  if (!guest) return only({ kind: 'not_a_guest', sailId });
  if (guest.status === 'signed') return only({ kind: 'already_signed', sailId, guest });
  return {
    outcome: { kind: 'link_sent', sailId, guest },
    effects: keyed(inv.change, [
      { type: 'guest.invite', sailId, guestId: guest.id, resent: true, dock: true, by: inv.actor.userId },
    ]),
  };
}
