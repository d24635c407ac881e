/**
 * `waivers.send`: an admin pressed the card's "Waivers" button, so each signed waiver of the sail
 * goes to them by DM as a PDF (`files.uploadV2`: one upload URL per file, the bytes, one completion
 * sharing them all in the DM). The PDF code (pdf-lib, fontkit, the font) is loaded only here, on
 * first use. Everything is read afresh when the effect runs.
 */
import type { webApi } from '@slack/bolt';
import { vesselPlace } from '../guests/invite';
import type { GuestSail, SailPlace } from '../guests/sail-view';
import type { WaiverLibrary } from '../guests/waiver';
import { logger } from '../log';
import type { SailStore } from '../store/sails';
import type { EffectHandlers } from './runner';

/** What sending waivers needs. */
export interface WaiverEffectDeps {
  client: webApi.WebClient;
  sails: Pick<SailStore, 'get'>;
  /** The waiver texts, to print the exact text of each version signed. */
  waivers: WaiverLibrary;
  now: () => Date;
  /** The vessel's zone and name for a sail; defaults to what the lookup joined from the fleet. */
  placeOf?: ((sail: GuestSail) => SailPlace) | undefined;
}

/** A file name from a person's name: `waiver-S-7K2M9Q-mary-doe.pdf`. */
export function waiverFileName(sailId: string, signer: string): string {
  const slug = signer
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `waiver-${sailId}-${slug || 'guest'}.pdf`;
}

/** Builds the `waivers.send` handler. */
export function createWaiverEffectHandlers(deps: WaiverEffectDeps): Pick<EffectHandlers, 'waivers.send'> {
  const placeOf = deps.placeOf ?? vesselPlace;
  return {
    async 'waivers.send'(effect) {
      const record = await deps.sails.get(effect.sailId);
      if (!record || record.waivers.length === 0) {
        logger.info('waivers.send skipped', { key: effect.key, why: 'no sail or no signed waiver' });
        return;
      }
      const { waiverPdf } = await import('../guests/waiver-pdf');
      const { sail } = record;
      const place = placeOf(sail);
      const guests = new Map(record.guests.map((g) => [g.id, g]));
      const signed = [...record.waivers].sort((a, b) => a.signedAt.localeCompare(b.signedAt));
      const now = deps.now();
      const files = [];
      for (const w of signed) {
        const bytes = await waiverPdf({
          sail,
          place,
          guest: guests.get(w.guestId),
          signed: w,
          text: deps.waivers.get(w.version),
          now,
        });
        files.push({
          file: Buffer.from(bytes),
          filename: waiverFileName(sail.id, w.signedName),
          title: `Waiver: ${w.signedName} (${sail.id})`,
        });
      }
      // Files are shared into a conversation: the bot's DM with the admin.
      const dm = await deps.client.conversations.open({ users: effect.userId });
      const channel = dm.channel?.id;
      if (!channel) throw new Error(`Slack opened no DM with ${effect.userId}`);
      await deps.client.filesUploadV2({
        channel_id: channel,
        initial_comment: `Signed waivers for ${sail.title} (${sail.id}): ${files.length}. Each PDF holds the exact text signed, its version and SHA-256, the signer, minors, time, IP and user agent.`,
        file_uploads: files,
      });
    },
  };
}
