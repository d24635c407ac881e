/**
 * Inviting a guest: validate the address and name, check the sail, add the guest (or find the
 * same address already invited, which re-sends instead), create a magic code and email the link.
 * Returns a result the Slack listener turns into a reply; nothing here knows Slack or AWS.
 */
import { DeliveryError } from '../errors';
import type { Mailer } from '../mail/types';
import { vessels } from '../sails/vessels';
import type { CodeStore } from '../store/codes';
import type { GuestStore } from '../store/guests';
import { type GuestEmailTemplates, inviteEmail } from './emails';
import { type Guest, guestInvite, maskEmail } from './guest';
import { type GuestSail, localDateTimeLabel, type SailPlace } from './sail-view';

/** The zone used for a vessel the registry does not know: the fleet's home, San Diego. */
export const DEFAULT_PLACE: SailPlace = { zone: 'America/Los_Angeles' };

/** The vessel's zone and name from the fleet registry. */
export function vesselPlace(sail: Pick<GuestSail, 'vesselId'>): SailPlace {
  const vessel = vessels[sail.vesselId];
  return vessel ? { zone: vessel.zone, vesselName: vessel.name } : DEFAULT_PLACE;
}

/** What inviting and re-sending need. */
export interface InviteDeps {
  guests: GuestStore;
  codes: CodeStore;
  sails: { get(id: string): Promise<GuestSail | undefined> };
  mailer: Mailer;
  /** Base of magic links, without a trailing slash (`https://sail.example.com`). */
  publicUrl: string;
  emails: GuestEmailTemplates;
  /** The vessel's zone and name for a sail; defaults to the fleet registry (`vesselPlace`). */
  placeOf?: (sail: GuestSail) => SailPlace;
  /** The clock that says whether a sail has departed. */
  now?: () => Date;
}

/** Why an invitation did not go out. */
export type InviteFailure =
  | 'invalid_input'
  | 'not_found'
  | 'cancelled'
  | 'departed'
  | 'full'
  | 'delivery_failed';

/** The outcome of an invitation or a re-send. `message` is plain text: escape it for mrkdwn. */
export type InviteResult =
  | { ok: true; outcome: 'invited' | 'resent'; guest: Guest; sail: GuestSail; message: string }
  | { ok: false; reason: InviteFailure; message: string; guest?: Guest | undefined };

/** The link a code opens. */
export function magicLink(publicUrl: string, code: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/g/${code}`;
}

async function sendLink(
  guest: Guest,
  sail: GuestSail,
  resent: boolean,
  deps: InviteDeps,
): Promise<{ ok: true } | { ok: false; error: DeliveryError }> {
  const { code, expiresAt } = await deps.codes.create({ guestId: guest.id, sailId: sail.id });
  const mail = inviteEmail({
    templates: deps.emails,
    sail,
    place: (deps.placeOf ?? vesselPlace)(sail),
    guest,
    link: magicLink(deps.publicUrl, code),
    expiresAt,
    resent,
  });
  try {
    await deps.mailer.send(mail);
    return { ok: true };
  } catch (err) {
    if (err instanceof DeliveryError) return { ok: false, error: err };
    throw err;
  }
}

/** Adds a guest to a sail and emails the magic link; the same address again re-sends a fresh link. */
export async function inviteGuest(
  input: { sailId: string; email: string; name: string; by?: string },
  deps: InviteDeps,
): Promise<InviteResult> {
  const parsed = guestInvite.safeParse({ email: input.email, name: input.name });
  if (!parsed.success) {
    return {
      ok: false,
      reason: 'invalid_input',
      message: parsed.error.issues[0]?.message ?? 'Check the guest.',
    };
  }
  const sail = await deps.sails.get(input.sailId);
  if (!sail) {
    return {
      ok: false,
      reason: 'not_found',
      message: `There is no sail ${input.sailId}. Check the id on the sail's card or in /sail list.`,
    };
  }
  if (sail.status === 'cancelled') {
    return {
      ok: false,
      reason: 'cancelled',
      message: `${sail.id} is cancelled, so no guests can be invited to it.`,
    };
  }
  const now = deps.now ?? (() => new Date());
  if (sail.departAt.getTime() <= now().getTime()) {
    const place = (deps.placeOf ?? vesselPlace)(sail);
    return {
      ok: false,
      reason: 'departed',
      message: `${sail.id} departed on ${localDateTimeLabel(sail.departAt, place.zone)}, so no guests can be invited to it. Invite them to an upcoming sail instead (/sail list).`,
    };
  }
  const added = await deps.guests.add({
    sailId: sail.id,
    name: parsed.data.name,
    email: parsed.data.email,
    capacity: sail.guestCapacity,
    ...(input.by ? { invitedBy: input.by } : {}),
  });
  if (!added.ok) {
    return {
      ok: false,
      reason: 'full',
      message: `${sail.id} is full: all ${added.capacity} guest seats are taken. Raise the sail's guest capacity to add more.`,
    };
  }
  const sent = await sendLink(added.guest, sail, !added.created, deps);
  if (!sent.ok) {
    return {
      ok: false,
      reason: 'delivery_failed',
      guest: added.guest,
      message: `${added.guest.name} is on ${sail.id}, but the email could not be sent (${sent.error.message}). Run the same command again to re-send the link.`,
    };
  }
  return added.created
    ? {
        ok: true,
        outcome: 'invited',
        guest: added.guest,
        sail,
        message: `Invited ${added.guest.name} (${added.guest.email}) to ${sail.id}; the magic link is on its way. Their seat is on hold until they sign the waiver.`,
      }
    : {
        ok: true,
        outcome: 'resent',
        guest: added.guest,
        sail,
        message: `${added.guest.name} (${added.guest.email}) was already invited to ${sail.id}; a fresh link was emailed instead of adding them twice.`,
      };
}

/** Emails a fresh magic link to the address on file for a guest (never to any other address). */
export async function resendLink(
  input: { sailId: string; guestId: string },
  deps: InviteDeps,
): Promise<InviteResult> {
  const [sail, guest] = await Promise.all([
    deps.sails.get(input.sailId),
    deps.guests.get(input.sailId, input.guestId),
  ]);
  if (!sail || !guest) {
    return {
      ok: false,
      reason: 'not_found',
      message: 'We could not find this invitation any more. Ask the person who invited you.',
    };
  }
  if (sail.status === 'cancelled') {
    return {
      ok: false,
      reason: 'cancelled',
      message: 'This sail has been cancelled, so there is no new link to send.',
    };
  }
  const sent = await sendLink(guest, sail, true, deps);
  if (!sent.ok) {
    return {
      ok: false,
      reason: 'delivery_failed',
      guest,
      message: 'We could not send the email just now. Please try again in a few minutes.',
    };
  }
  return {
    ok: true,
    outcome: 'resent',
    guest,
    sail,
    message: `We emailed a new link to ${maskEmail(guest.email)}. It works once, for 24 hours.`,
  };
}
