/**
 * Use-case outcomes in Slack's words, for the person who asked (ephemeral). Every sentence says
 * what to do next; whatever a person typed is escaped.
 */

import type { Config } from '../../config';
import { slotLabel } from '../../sails/roster';
import { findVessel } from '../../sails/vessels';
import type { NoSuchSail, NotAdmin } from '../../usecases/context';
import type { CreateSailOutcome } from '../../usecases/create-sail';
import type { InviteGuestOutcome } from '../../usecases/invite-guest';
import type { PostCardOutcome } from '../../usecases/post-card';
import type { RequestReportOutcome } from '../../usecases/report';
import type { ClaimOutcome, ReleaseOutcome } from '../../usecases/roster';
import type { SailStatusOutcome } from '../../usecases/sail-status';
import { sailHeadline, sailTime, sailZone } from '../blocks/sail-card';
import { adminOnly, type Reply } from '../context';
import { escapeMrkdwn, mention } from '../escape';
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
    case 'held':
      return `${slotLabel(o.slotId)} on ${o.sailId} is held for ${mention(o.heldFor)} from the waitlist until ${sailTime(o.until, 'America/Los_Angeles', true)}. If they let it pass it goes to the next in line; \`/crew waitlist ${o.sailId}\` puts you on it.`;
    case 'claimed':
      return o.designatedBy
        ? `${mention(o.holder)} is now ${slotLabel(o.slotId)} on ${o.sailId}.`
        : `You are ${slotLabel(o.slotId)} on ${o.sailId}. Thanks! Release with \`/crew release ${o.sailId} ${o.slotId}\` if plans change.`;
  }
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
    case 'changed': {
      if (o.repeated) {
        return `${o.sail.id} was already ${statusWord[o.to]}${o.sail.holdReason ? `; the reason now reads: ${escapeMrkdwn(o.sail.holdReason)}` : ''}. Nobody was messaged again.`;
      }
      const told = o.crewTold ? ` ${o.crewTold} crew told by DM.` : '';
      const guests = o.guestsTold
        ? ` ${o.guestsTold} guest${o.guestsTold === 1 ? ' is' : 's are'} being emailed.`
        : '';
      return `${o.sail.id} is now ${statusWord[o.to]}.${told}${guests}`;
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
    case 'created': {
      const { sail } = o;
      const v = findVessel(sail.vesselId);
      const vesselName = v.ok ? v.value.name : sail.vesselId;
      const warning = o.clashes.length
        ? `\n:warning: ${escapeMrkdwn(vesselName)} is already out then: ${o.clashes
            .map((s) => `${sailHeadline(s)} (until ${sailTime(s.returnAt, sailZone(s))})`)
            .join('; ')}. Cancel one of them if that is a mistake.`
        : '';
      const afterSunset =
        sail.start !== 'sunset' && sail.departAt.getTime() >= sail.sunsetAt.getTime()
          ? `\n:crescent_moon: It departs after sunset (${sailTime(sail.sunsetAt, sailZone(sail))}): a night sail.`
          : '';
      return `Created *${escapeMrkdwn(sail.title)}* (${sail.id}); the card is being posted in <#${o.channel}>.${warning}${afterSunset}`;
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
