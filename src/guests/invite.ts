/**
 * Inviting a guest, as plain domain code: the rules that refuse an invitation (with the sentences
 * the admin reads), and sending the invitation itself (a fresh magic code, then the email with the
 * link). The use case `usecases/invite-guest.ts` applies the rules and adds the guest; the effect
 * handler `guest.invite` sends the email after the answer. Nothing here knows Slack or AWS.
 */
import { DeliveryError } from '../errors';
import type { Mailer } from '../mail/types';
import type { CodeStore } from '../store/codes';
import type { GuestStore } from '../store/guests';
import { type GuestEmailTemplates, inviteEmail } from './emails';
import { type Guest, guestInvite } from './guest';
import { issueLink } from './links';
import { type GuestSail, type GuestSailLookup, localDateTimeLabel, type SailPlace } from './sail-view';

/** The zone used where no sail is known (an unknown code's page). */
export const DEFAULT_PLACE: SailPlace = { zone: 'America/Los_Angeles' };

/**
 * Where a sail's times are shown and what the fleet says of its vessel: joined by the lookup
 * (`guestSailLookup`); a sail read without it has its own zone and nothing more.
 */
export function vesselPlace(sail: Pick<GuestSail, 'zone' | 'place'>): SailPlace {
  return sail.place ?? { zone: sail.zone };
}

export { magicLink } from './links';

/** Why an invitation was refused. */
export type InviteRefusalReason = 'invalid_input' | 'not_found' | 'cancelled' | 'departed' | 'full';

/** A refused invitation. `message` is plain text: escape it for mrkdwn. */
export interface InviteRefusal {
  reason: InviteRefusalReason;
  message: string;
}

/** The first problem with a typed address and name, as the admin should read it. */
export function invalidInvite(input: { email: string; name: string }): InviteRefusal | undefined {
  const parsed = guestInvite.safeParse(input);
  if (parsed.success) return undefined;
  return { reason: 'invalid_input', message: parsed.error.issues[0]?.message ?? 'Check the guest.' };
}

/** No sail has that id. */
export function noSuchSailRefusal(sailId: string): InviteRefusal {
  return {
    reason: 'not_found',
    message: `There is no sail ${sailId}. Check the id on the sail's card or in /sail list.`,
  };
}

/** Why `sail` takes no guests now (cancelled or departed), or undefined when it does. */
export function sailRefusal(
  sail: GuestSail,
  now: Date,
  placeOf: (sail: GuestSail) => SailPlace = vesselPlace,
): InviteRefusal | undefined {
  if (sail.status === 'cancelled') {
    return { reason: 'cancelled', message: `${sail.id} is cancelled, so no guests can be invited to it.` };
  }
  if (sail.departAt.getTime() <= now.getTime()) {
    return {
      reason: 'departed',
      message: `${sail.id} departed on ${localDateTimeLabel(sail.departAt, placeOf(sail).zone)}, so no guests can be invited to it. Invite them to an upcoming sail instead (/sail list).`,
    };
  }
  return undefined;
}

/** Every guest seat is taken. */
export function fullRefusal(sailId: string, capacity: number): InviteRefusal {
  return {
    reason: 'full',
    message: `${sailId} is full: all ${capacity} guest seats are taken. Raise the sail's guest capacity to add more.`,
  };
}

/** What sending an invitation needs. The mailer must be the guests' one, without the audit copy. */
export interface InvitationDeps {
  codes: Pick<CodeStore, 'create' | 'activate'>;
  mailer: Mailer;
  emails: GuestEmailTemplates;
  /** Base of magic links, without a trailing slash (`https://sail.example.com`). */
  publicUrl: string;
  /** The vessel's zone and name for a sail; defaults to what the lookup joined from the fleet (`vesselPlace`). */
  placeOf?: ((sail: GuestSail) => SailPlace) | undefined;
  /** The workspace the guest belongs to (the invitation's calendar file names it in its UID). */
  workspace?: string | undefined;
}

/**
 * Emails the guest a fresh magic link at the address on file; only once SES accepted it does the
 * new link retire the earlier ones (`issueLink`). Throws `DeliveryError` when the mail cannot go,
 * and the guest's earlier link then still works. `dock`: sent by the crew at the dock to a guest
 * who arrived unsigned.
 */
export async function sendInvitation(
  deps: InvitationDeps,
  input: { guest: Guest; sail: GuestSail; resent: boolean; dock?: boolean | undefined },
): Promise<void> {
  const { guest, sail, resent } = input;
  await issueLink(deps, { guestId: guest.id, sailId: sail.id }, ({ url, expiresAt }) =>
    deps.mailer
      .send(
        inviteEmail({
          templates: deps.emails,
          sail,
          place: (deps.placeOf ?? vesselPlace)(sail),
          guest,
          link: url,
          expiresAt,
          resent,
          dock: input.dock === true,
          workspace: deps.workspace,
        }),
      )
      .then(() => undefined),
  );
}

/** What the synchronous `inviteGuest` needs. */
export interface InviteDeps extends InvitationDeps {
  guests: GuestStore;
  sails: GuestSailLookup;
  /** The clock that says whether a sail has departed. */
  now?: () => Date;
}

/** Why an invitation did not go out. */
export type InviteFailure = InviteRefusalReason | 'delivery_failed';

/** The outcome of an invitation. `message` is plain text: escape it for mrkdwn. */
export type InviteResult =
  | { ok: true; outcome: 'invited' | 'resent'; guest: Guest; sail: GuestSail; message: string }
  | { ok: false; reason: InviteFailure; message: string; guest?: Guest | undefined };

/**
 * Adds a guest to a sail and emails the magic link before returning; the same address again
 * re-sends a fresh link.
 * @deprecated It mails before the answer. Use `usecases/invite-guest.ts` (the email becomes a
 * `guest.invite` effect). Kept only while `src/slack/guests.ts` still calls it; delete it with that call.
 */
export async function inviteGuest(
  input: { sailId: string; email: string; name: string; by?: string },
  deps: InviteDeps,
): Promise<InviteResult> {
  const invalid = invalidInvite(input);
  if (invalid) return { ok: false, ...invalid };
  const { email, name } = guestInvite.parse(input);
  const sail = await deps.sails.get(input.sailId);
  if (!sail) return { ok: false, ...noSuchSailRefusal(input.sailId) };
  const refused = sailRefusal(sail, (deps.now ?? (() => new Date()))(), deps.placeOf);
  if (refused) return { ok: false, ...refused };
  const added = await deps.guests.add({
    sailId: sail.id,
    name,
    email,
    capacity: sail.guestCapacity,
    ...(input.by ? { invitedBy: input.by } : {}),
  });
  if (!added.ok) return { ok: false, ...fullRefusal(sail.id, added.capacity) };
  try {
    await sendInvitation(deps, { guest: added.guest, sail, resent: !added.created });
  } catch (err) {
    if (!(err instanceof DeliveryError)) throw err;
    return {
      ok: false,
      reason: 'delivery_failed',
      guest: added.guest,
      message: `${added.guest.name} is on ${sail.id}, but the email could not be sent (${err.message}). Run the same command again to re-send the link.`,
    };
  }
  const { guest } = added;
  return added.created
    ? {
        ok: true,
        outcome: 'invited',
        guest,
        sail,
        message: `Invited ${guest.name} (${guest.email}) to ${sail.id}; the magic link is on its way. Their seat is on hold until they sign the waiver.`,
      }
    : {
        ok: true,
        outcome: 'resent',
        guest,
        sail,
        message: `${guest.name} (${guest.email}) was already invited to ${sail.id}; a fresh link was emailed instead of adding them twice.`,
      };
}
