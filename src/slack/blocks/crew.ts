/**
 * The crew workflow's messages: a cover request in the card's thread (with the Take-over button
 * `roster.cover`, redrawn as "covered by @x" once someone takes it), the DMs that carry a button
 * (a cover request to a regular, a slot held for a waiter), and the "Mute reminders for this sail"
 * button. User text is escaped for mrkdwn.
 */
import { type CoverRequest, coverStatuses, isLiveCover } from '../../crew/cover';
import { slotLabel } from '../../sails/roster';
import type { Sail, Slot } from '../../sails/types';
import { mention } from '../escape';
import { actionIds } from '../ids';
import { sailHeadline, sailTime, sailZone } from './sail-card';
import { type Block, button, context, type MessageBody, section } from './types';

/** The button that mutes a sail's reminder DMs (crew call still comes). */
export function muteButton(sailId: string) {
  return button('Mute reminders for this sail', actionIds.remindersMute, sailId);
}

/** A context line and the mute button, for a DM about a sail the reader holds a role on. */
export function muteBlocks(sailId: string): Block[] {
  return [
    { type: 'actions', elements: [muteButton(sailId)] },
    context('Muting stops reminders about this sail; the crew-call reminder still comes.'),
  ];
}

/** The cover request in the card's thread, as it stands now. */
export function coverRequestMessage(
  sail: Sail,
  request: CoverRequest,
  slots: readonly Pick<Slot, 'slotId' | 'holder'>[],
): MessageBody {
  const role = slotLabel(request.slotId);
  const value = `${sail.id}:${request.slotId}`;
  const asked =
    request.requestedBy === request.requester
      ? `${mention(request.requester)} can't make it`
      : `${mention(request.requestedBy)} asks cover for ${mention(request.requester)}`;
  if (request.status === coverStatuses.covered && request.closedBy) {
    return {
      text: `${role} on ${sail.id} is covered by ${mention(request.closedBy)}`,
      blocks: [
        section(
          `:white_check_mark: *${role}* on ${sailHeadline(sail)} is covered by ${mention(request.closedBy)} (was ${mention(request.requester)}).`,
        ),
      ],
    };
  }
  if (request.status === coverStatuses.withdrawn) {
    return {
      text: `The cover request for ${role} on ${sail.id} was withdrawn`,
      blocks: [
        section(
          `:leftwards_arrow_with_hook: ${mention(request.closedBy ?? request.requester)} withdrew the request: ${mention(request.requester)} keeps *${role}* on ${sailHeadline(sail)}.`,
        ),
      ],
    };
  }
  if (!isLiveCover(request, slots)) {
    return {
      text: `The cover request for ${role} on ${sail.id} is closed`,
      blocks: [
        section(
          `:heavy_minus_sign: No longer needed: ${mention(request.requester)} no longer holds *${role}* on ${sailHeadline(sail)}.`,
        ),
      ],
    };
  }
  return {
    text: `${role} on ${sail.id} needs cover: can you take over?`,
    blocks: [
      section(`:sos: ${asked} as *${role}* on ${sailHeadline(sail)}. Can you take over?`),
      {
        type: 'actions',
        elements: [
          button('Take over', actionIds.rosterCover, value, 'primary'),
          button('Withdraw', actionIds.coverWithdraw, value),
        ],
      },
      context('First to press gets the role. Only the person who asked (or an admin) can withdraw.'),
    ],
  };
}

/** The DM asking a regular to cover a slot. */
export function coverRequestDm(sail: Sail, slotId: string, requester: string): MessageBody {
  const role = slotLabel(slotId);
  return {
    text: `${role} on ${sail.id} needs cover: can you take over?`,
    blocks: [
      section(
        `:sos: ${mention(requester)} can't make it as *${role}* on ${sailHeadline(sail)}, and you are free then. Can you take over?`,
      ),
      {
        type: 'actions',
        elements: [button('Take over', actionIds.rosterCover, `${sail.id}:${slotId}`, 'primary')],
      },
      context('You get this as a regular of this vessel. First to press gets the role.'),
    ],
  };
}

/** The DM offering a freed slot to the first on the waitlist, held for them alone until `until`. */
export function offerDm(sail: Sail, slotId: string, until: Date): MessageBody {
  const role = slotLabel(slotId);
  const value = `${sail.id}:${slotId}`;
  const by = sailTime(until, sailZone(sail), true);
  return {
    text: `${role} on ${sail.id} is yours if you want it: held for you until ${by}`,
    blocks: [
      section(`:tada: A place opened on ${sailHeadline(sail)}: *${role}* is held for you alone until ${by}.`),
      {
        type: 'actions',
        elements: [
          button('Claim', actionIds.rosterClaim, value, 'primary'),
          button('Let it pass', actionIds.waitlistDecline, value),
        ],
      },
      context('If you do nothing, it goes to the next person on the waitlist when the hold ends.'),
    ],
  };
}

/** The DM to every waiter when a slot frees too close to crew call to hold for anyone. */
export function slotOpenDm(sail: Sail, slotId: string): MessageBody {
  const role = slotLabel(slotId);
  return {
    text: `${role} on ${sail.id} is open: first come, first served`,
    blocks: [
      section(`:runner: *${role}* on ${sailHeadline(sail)} just opened. First come, first served.`),
      {
        type: 'actions',
        elements: [button('Claim', actionIds.rosterClaim, `${sail.id}:${slotId}`, 'primary')],
      },
      context('You get this because you are on the waitlist of this sail.'),
    ],
  };
}
