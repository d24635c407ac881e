/**
 * Use-case outcomes in Slack's words, for the person who asked (ephemeral). Every sentence says
 * what to do next; whatever a person typed is escaped.
 */

import type { Config } from '../../config';
import { slotLabel } from '../../sails/roster';
import type { Sail } from '../../sails/types';
import type { NoSuchSail, NotAdmin } from '../../usecases/context';
import type { CreateSailOutcome } from '../../usecases/create-sail';
import type { EditSailOutcome } from '../../usecases/edit-sail';
import type { InviteGuestOutcome } from '../../usecases/invite-guest';
import type { PostCardOutcome } from '../../usecases/post-card';
import type { RequestReportOutcome } from '../../usecases/report';
import type { ClaimOutcome, ReleaseOutcome } from '../../usecases/roster';
import type { SailStatusOutcome } from '../../usecases/sail-status';
import type { EditSeriesOutcome } from '../../usecases/series';
import { sailHeadline, sailTime, sailZone } from '../blocks/sail-card';
import { adminOnly, type Reply } from '../context';
import { escapeMrkdwn, mention } from '../escape';
import { changeLines } from '../notes';
import { describeTaken } from '../taken';

/** The reply for an id that names no sail. */
export function unknownSail(id: string): string {
  return `There is no sail ${id}. \`/sail list\` shows upcoming sails and their ids.`;
}

function common(o: NotAdmin | NoSuchSail, config: Config): string {
  return o.kind === 'not_admin' ? adminOnly(o.what, config) : unknownSail(o.sailId);
}

/** A claim or designation. */
export function renderClaim(o: ClaimOutcome, config: Config): Reply {
  switch (o.kind) {
    case 'not_admin':
    case 'no_such_sail':
      return common(o, config);
    case 'bad_role':
    case 'closed':
      return escapeMrkdwn(o.message);
    case 'taken': {
      const crew = o.slots.filter((s) => s.slotId !== 'captain');
      const full = o.slotId !== 'captain' && crew.length > 0 && crew.every((s) => s.holder);
      const wait = full
        ? ` Join the waitlist with \`/crew waitlist ${o.sailId}\` (or the card's button).`
        : '';
      return `${describeTaken(o.slotId, o.holder, o.slots)}${wait}`;
    }
    case 'full':
      return `Every crew slot on ${o.sailId} is taken${o.waiting ? ` and ${o.waiting} ${o.waiting === 1 ? 'person is' : 'people are'} waiting` : ''}. Join the waitlist with \`/crew waitlist ${o.sailId}\` (or the card's button): when a slot frees, the first in line gets it held for them.`;
    case 'already_member':
      return o.self
        ? `You already hold ${o.slotId} on ${o.sailId}; one role per person per sail. Release it first with \`/crew release ${o.sailId} ${o.slotId}\`.`
        : `${mention(o.holder)} already holds ${o.slotId} on ${o.sailId}; one role per person per sail.`;
    case 'no_such_slot':
      return `${o.slotId} is not a slot on ${o.sailId}.`;
    case 'not_captain': {
      const who = o.captains.map(mention).join(', ');
      const admins = config.admins.length ? ` or an admin (${config.admins.map(mention).join(', ')})` : '';
      return o.self
        ? `Only ${escapeMrkdwn(o.vesselName)}'s captains can claim Captain on ${o.sailId}: ${who}. Ask one of them${admins} — an admin can make you Captain with \`/crew designate ${o.sailId} captain <@you>\`. You can still claim a crew slot: \`/crew claim ${o.sailId} crew\`.`
        : `${mention(o.holder)} is not one of ${escapeMrkdwn(o.vesselName)}'s captains (${who}). Ask an admin${admins}.`;
    }
    case 'held':
      return `${slotLabel(o.slotId)} on ${o.sailId} is held for ${mention(o.heldFor)} from the waitlist until ${sailTime(o.until, 'America/Los_Angeles', true)}. If they let it pass it goes to the next in line; \`/crew waitlist ${o.sailId}\` puts you on it.`;
    case 'claimed': {
      const warning = o.captainWarning
        ? `\n:warning: ${mention(o.holder)} is not one of ${escapeMrkdwn(o.captainWarning.vesselName)}'s captains (${o.captainWarning.captains.map(mention).join(', ')}). Done anyway, as an admin may; \`/fleet captains\` changes the list.`
        : '';
      return o.designatedBy
        ? `${mention(o.holder)} is now ${slotLabel(o.slotId)} on ${o.sailId}.${warning}`
        : `You are ${slotLabel(o.slotId)} on ${o.sailId}. Thanks! Release with \`/crew release ${o.sailId} ${o.slotId}\` if plans change.${warning}`;
    }
  }
}

/** The sails a vessel is already out on, for a double-booking refusal or warning. */
function clashList(clashes: readonly Sail[]): string {
  return clashes.map((s) => `${sailHeadline(s)} (until ${sailTime(s.returnAt, sailZone(s))})`).join('; ');
}

/** A release. */
export function renderRelease(o: ReleaseOutcome, config: Config): Reply {
  switch (o.kind) {
    case 'no_such_sail':
      return common(o, config);
    case 'no_crew_slot':
      return `You hold no crew slot on ${o.sailId}.`;
    case 'no_such_slot':
      return `${escapeMrkdwn(o.role)} is not a slot on ${o.sailId}. Slots: ${o.slots.join(', ')}.`;
    case 'already_open':
      return `${o.slotId} on ${o.sailId} is already open.`;
    case 'not_holder':
      return `${o.slotId} is held by ${o.holder ? mention(o.holder) : 'someone else'}; only they or an admin can release it.`;
    case 'released':
      return `${slotLabel(o.slotId)} on ${o.sailId} is open again.`;
  }
}

const statusWord = { on_hold: 'on hold', cancelled: 'cancelled', scheduled: 'scheduled' } as const;

/** A hold, unhold or cancel. */
export function renderStatus(o: SailStatusOutcome, config: Config): Reply {
  switch (o.kind) {
    case 'not_admin':
    case 'no_such_sail':
      return common(o, config);
    case 'reason_too_long':
      return `That reason is ${o.length} characters; keep it to ${o.max} (guests see it on their page and in an email). Nothing was changed.`;
    case 'refused':
      return escapeMrkdwn(o.message);
    case 'double_booked':
      return `${o.sailId} stays cancelled: ${escapeMrkdwn(o.vesselName)} is out then on ${clashList(o.clashes)}. Move or cancel that one first, or uncancel anyway with \`/sail uncancel ${o.sailId} force\`.`;
    case 'changed': {
      if (o.repeated) {
        return `${o.sail.id} was already ${statusWord[o.to]}${o.sail.holdReason ? `; the reason now reads: ${escapeMrkdwn(o.sail.holdReason)}` : ''}. Nobody was messaged again.`;
      }
      const told = o.crewTold ? ` ${o.crewTold} crew told by DM.` : '';
      const guests = o.guestsTold
        ? ` ${o.guestsTold} guest${o.guestsTold === 1 ? ' is' : 's are'} being emailed.`
        : '';
      const why =
        o.to === 'cancelled' && o.sail.cancelReason
          ? ` Reason given: ${escapeMrkdwn(o.sail.cancelReason)}.`
          : '';
      const clash = o.clashes.length
        ? `\n:warning: Its vessel is also out then on ${clashList(o.clashes)}.`
        : '';
      return o.uncancelled
        ? `${o.sail.id} is back on (scheduled again).${told}${guests}${clash}`
        : `${o.sail.id} is now ${statusWord[o.to]}.${why}${told}${guests}`;
    }
  }
}

/** An edit. */
export function renderEdit(o: EditSailOutcome, config: Config): Reply {
  switch (o.kind) {
    case 'not_admin':
    case 'no_such_sail':
      return common(o, config);
    case 'nothing_asked':
      return `Say what to change on ${o.sailId}, e.g. \`/sail edit ${o.sailId} 18:30\` or \`/sail edit ${o.sailId} crew=3\`.`;
    case 'invalid':
    case 'closed':
      return `${escapeMrkdwn(o.message)} Nothing was changed.`;
    case 'crew_held':
      return `${o.sailId} cannot go down to crew=${o.crewCount}: ${o.holders
        .map((h) => `${slotLabel(h.slotId)} is held by ${mention(h.userId)}`)
        .join(
          ', ',
        )}. Release ${o.holders.length === 1 ? 'it' : 'them'} first (\`/crew release ${o.sailId} <slot>\`). Nothing was changed.`;
    case 'seats_taken':
      return `${o.sailId} cannot go down to guests=${o.guestCapacity}: ${o.taken} guest seat${o.taken === 1 ? ' is' : 's are'} taken (minors included). Remove guests first. Nothing was changed.`;
    case 'double_booked':
      return `${escapeMrkdwn(o.vesselName)} is already out then: ${clashList(o.clashes)}. Pick another time or vessel, or add \`force\` to move ${o.sailId} anyway. Nothing was changed.`;
    case 'changed_meanwhile':
      return `${o.sailId} changed while I was editing it (someone claimed, released or edited). Nothing was changed; look at the card and try again.`;
    case 'unchanged':
      return `${o.sailId} already is like that; nothing to change.`;
    case 'edited': {
      const { sail } = o;
      const told = [
        o.crewTold ? `${o.crewTold} crew told by DM` : '',
        o.guestsTold ? `${o.guestsTold} guest${o.guestsTold === 1 ? '' : 's'} being emailed` : '',
      ].filter(Boolean);
      const clash = o.clashes.length ? `\n:warning: Moved over ${clashList(o.clashes)}.` : '';
      const notices = o.notices.map((n) => `\n:information_source: ${escapeMrkdwn(n)}`).join('');
      return `Changed *${escapeMrkdwn(sail.title)}* (${sail.id}); the card is being updated${told.length ? `, ${told.join(', ')}` : ''}.\n${changeLines(o.changes, sail.zone)}${clash}${notices}`;
    }
  }
}

/** A new sail. */
export function renderCreate(o: CreateSailOutcome, config: Config): Reply {
  switch (o.kind) {
    case 'not_admin':
      return adminOnly(o.what, config);
    case 'invalid':
      return escapeMrkdwn(o.message);
    case 'double_booked':
      return `${escapeMrkdwn(o.vesselName)} is already out then: ${clashList(o.clashes)}. Pick another time or vessel, or add \`force\` to create it anyway. Nothing was created.`;
    case 'created': {
      const { sail } = o;
      const warning = o.clashes.length
        ? `\n:warning: Created over a double booking (force): ${escapeMrkdwn(o.vesselName)} is also out then on ${clashList(o.clashes)}.`
        : '';
      const afterSunset =
        sail.start !== 'sunset' && sail.departAt.getTime() >= sail.sunsetAt.getTime()
          ? `\n:crescent_moon: It departs after sunset (${sailTime(sail.sunsetAt, sailZone(sail))}): a night sail.`
          : '';
      const notices = o.notices.map((n) => `\n:information_source: ${escapeMrkdwn(n)}`).join('');
      return `Created *${escapeMrkdwn(sail.title)}* (${sail.id}) on ${escapeMrkdwn(o.vesselName)}; the card is being posted in <#${o.channel}>.${warning}${afterSunset}${notices}`;
    }
  }
}

/** `/sail show` and `/sail checklist`: the message itself is the answer; say nothing, or the error. */
export function renderPostCard(o: PostCardOutcome, config: Config): Reply | null {
  return o.kind === 'no_such_sail' ? common(o, config) : null;
}

const label = (kind: string) =>
  kind.length <= 3 ? kind.toUpperCase() : kind[0]?.toUpperCase() + kind.slice(1);

/** A report request. */
export function renderReport(o: RequestReportOutcome, config: Config): Reply {
  switch (o.kind) {
    case 'not_admin':
      return adminOnly(o.what, config);
    case 'bad_entity':
      return `"${escapeMrkdwn(o.entity.slice(0, 40))}" is not an entity id (like \`qsd\` or \`rental-3028\`). Try \`/report ${'ceo'}\`.`;
    case 'queued':
      return `Preparing the ${label(o.report)} report${o.entity ? ` for ${escapeMrkdwn(o.entity)}` : ''}${o.month ? ` for ${o.month}` : ''}… The summary will appear in <#${o.channel}> and the full report goes to ${o.recipients.map(escapeMrkdwn).join(', ')}.`;
  }
}

/** An invitation. */
export function renderInvite(o: InviteGuestOutcome, config: Config): string {
  return o.kind === 'not_admin' ? adminOnly(o.what, config) : escapeMrkdwn(o.message);
}

/** An edit of the rest of a series: one line per sail. */
export function renderEditSeries(o: EditSeriesOutcome, config: Config): Reply {
  switch (o.kind) {
    case 'not_admin':
    case 'no_such_sail':
      return common(o, config);
    case 'not_in_series':
      return `${o.sailId} is not part of a weekly series. Edit it without \`series\`.`;
    case 'date_in_series':
      return `A series keeps its weekdays, so its date cannot change with \`series\`. Edit one sail's date without \`series\`.`;
    case 'series_edited': {
      const lines = o.results.map((r) => {
        const each = renderEdit(r.outcome, config);
        return `• ${r.sailId}: ${typeof each === 'string' ? each : each.text}`;
      });
      return `*${o.results.length} sail${o.results.length === 1 ? '' : 's'} of the series, from ${o.sailId} on:*\n${lines.join('\n')}`;
    }
  }
}
