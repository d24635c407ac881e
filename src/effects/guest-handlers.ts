/**
 * The guest effects: the invitation (with a fresh magic link), one guest's status email, and the
 * signer's copy of the waiver. The effect runner calls them after the answer, each once per key,
 * and retries what failed for a temporary reason.
 *
 * Each handler reads what it needs afresh when it runs, so it mails what is true then; a guest who
 * no longer exists is skipped (logged, not an error). Errors are never caught here: a `DeliveryError`
 * propagates as is, so `retryable: false` (a rejected address) is not retried and is reported to the
 * admins, and anything else is retried by the runner.
 */
import { DeliveryError } from '../errors';
import { type GuestTemplates, sailChangedEmail, waiverCopyEmail } from '../guests/emails';
import { sendInvitation, vesselPlace } from '../guests/invite';
import type { GuestSail, GuestSailLookup, SailPlace } from '../guests/sail-view';
import { sendStatusNotice } from '../guests/status-notice';
import { logger } from '../log';
import type { Mailer } from '../mail/types';
import type { CodeStore } from '../store/codes';
import type { GuestStore } from '../store/guests';
import type { EffectHandlers } from './runner';

/** What the guest effects need. */
export interface GuestEffectDeps {
  guests: Pick<GuestStore, 'get' | 'getWaiver'>;
  codes: Pick<CodeStore, 'create' | 'activate'>;
  sails: GuestSailLookup;
  /** The guests' mailer: magic links are credentials, so never the one with the audit copy. */
  mailer: Mailer;
  /** The guest email templates and the waiver texts (the copy quotes the version signed). */
  templates: GuestTemplates;
  /** Base of magic links (`Config.publicUrl`). */
  publicUrl: string;
  /** Says whether a sail has departed by the time an invitation would go. */
  now: () => Date;
  /** The vessel's zone and name for a sail; defaults to what the lookup joined from the fleet (`vesselPlace`). */
  placeOf?: ((sail: GuestSail) => SailPlace) | undefined;
}

/** The guest effects' handlers, for the runner's `EffectHandlers`. */
export type GuestEffectHandlers = Pick<
  EffectHandlers,
  'guest.invite' | 'guest.status' | 'guest.changed' | 'guest.waiver_copy'
>;

/** Builds the guest handlers. */
export function createGuestEffectHandlers(deps: GuestEffectDeps): GuestEffectHandlers {
  const placeOf = deps.placeOf ?? vesselPlace;
  const skip = (effect: { type: string; key: string }, why: string) =>
    logger.info('guest effect skipped', { type: effect.type, key: effect.key, why });

  return {
    async 'guest.invite'(effect, ctx) {
      const [guest, sail] = await Promise.all([
        deps.guests.get(effect.sailId, effect.guestId),
        deps.sails.get(effect.sailId),
      ]);
      if (!guest || !sail) return skip(effect, 'the guest or the sail no longer exists');
      if (guest.status === 'signed') return skip(effect, 'the guest has signed since');
      // Refused when asked for; this is the race where it changed before the email went.
      if (sail.status === 'cancelled') return skip(effect, 'the sail was cancelled');
      if (sail.departAt.getTime() <= deps.now().getTime()) return skip(effect, 'the sail has departed');
      await sendInvitation(
        {
          codes: deps.codes,
          mailer: deps.mailer,
          emails: deps.templates.emails,
          publicUrl: deps.publicUrl,
          placeOf,
          workspace: ctx.team,
        },
        { guest, sail, resent: effect.resent, dock: effect.dock },
      );
    },

    async 'guest.status'(effect) {
      const [guest, sail] = await Promise.all([
        deps.guests.get(effect.sailId, effect.guestId),
        deps.sails.get(effect.sailId),
      ]);
      if (!guest || !sail) return skip(effect, 'the guest or the sail no longer exists');
      await sendStatusNotice(
        { mailer: deps.mailer, emails: deps.templates.emails, placeOf },
        { sail, guest, to: effect.to, from: effect.from, reason: effect.reason },
      );
    },

    async 'guest.changed'(effect) {
      const [guest, sail] = await Promise.all([
        deps.guests.get(effect.sailId, effect.guestId),
        deps.sails.get(effect.sailId),
      ]);
      if (!guest || !sail) return skip(effect, 'the guest or the sail no longer exists');
      if (sail.status === 'cancelled') return skip(effect, 'the sail was cancelled since');
      await deps.mailer.send(
        sailChangedEmail({
          templates: deps.templates.emails,
          sail,
          place: placeOf(sail),
          guest,
          changes: effect.changes,
        }),
      );
    },

    async 'guest.waiver_copy'(effect) {
      const [guest, sail, signed] = await Promise.all([
        deps.guests.get(effect.sailId, effect.guestId),
        deps.sails.get(effect.sailId),
        deps.guests.getWaiver(effect.sailId, effect.guestId),
      ]);
      if (!guest || !sail || !signed)
        return skip(effect, 'the guest, the sail or the signature no longer exists');
      const waiver = deps.templates.waivers.get(signed.version);
      if (!waiver) {
        // Waiting will not bring the text back: a deployment dropped a version someone signed.
        throw new DeliveryError(
          `The waiver text ${signed.version} that ${guest.name} signed is not deployed, so no copy can be made; restore templates/waivers/${signed.version}.md.`,
          false,
        );
      }
      await deps.mailer.send(
        waiverCopyEmail({
          templates: deps.templates.emails,
          sail,
          place: placeOf(sail),
          guest,
          waiver,
          signed,
        }),
      );
    },
  };
}
