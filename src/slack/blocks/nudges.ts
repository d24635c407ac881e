/**
 * What each nudge says: Block Kit messages for Slack (plain JSON, user text escaped for mrkdwn) and
 * the waiver reminder email. The sweep picks the builder; the Slack and mail adapters deliver.
 */
import type { NudgeMessages } from '../../nudges/sweep';
import type { ChecklistLine } from '../../sails/checklist';
import { slotLabel } from '../../sails/roster';
import { formatLocal } from '../../sails/timing';
import type { Sail, Slot } from '../../sails/types';
import { escapeMrkdwn, mention } from '../escape';
import { actionIds } from '../ids';
import { coverRequestDm, muteBlocks } from './crew';
import { manifestMessage } from './manifest';
import { sailHeadline, sailZone, timingFields } from './sail-card';
import { type Block, button, context, type MessageBody, section } from './types';

/** A guest line in the captain's roster. */
export interface RosterGuest {
  name: string;
  status: 'on_hold' | 'signed';
}

/** Open slots listed with a button each; 21 slots at most (captain + 20 crew) fit Slack's 50 blocks. */
const MAX_BUTTONS = 21;

/**
 * One section per open slot with the card's Claim button as its accessory: Slack requires
 * `action_id`s to be unique within a block, so the buttons cannot share one actions block.
 */
function claimButtons(sail: Pick<Sail, 'id'>, openSlots: readonly string[]): Block[] {
  return openSlots.slice(0, MAX_BUTTONS).map((slotId) => ({
    ...section(`*${slotLabel(slotId)}* — _open_`),
    accessory: button('Claim', actionIds.rosterClaim, `${sail.id}:${slotId}`, 'primary'),
  }));
}

function openList(openSlots: readonly string[]): string {
  return openSlots.map((s) => `*${slotLabel(s)}*`).join(', ');
}

/** The channel-thread note naming the open slots, with the card's claim buttons. */
export function rolesThreadMessage(sail: Sail, openSlots: readonly string[], window: string): MessageBody {
  const n = openSlots.length;
  return {
    // The departure time, not the window's name: a window can fire late (after an unhold or a release).
    text: `${escapeMrkdwn(sail.title)} (${sail.id}) departs ${formatLocal(sail.departAt, sailZone(sail))} and still needs ${n} ${n === 1 ? 'person' : 'people'}: ${openSlots.map(slotLabel).join(', ')}`,
    blocks: [
      section(
        `:sos: ${sailHeadline(sail)} still needs ${n === 1 ? 'a hand' : `${n} hands`}: ${openList(openSlots)}.`,
      ),
      ...claimButtons(sail, openSlots),
      context(`${window} reminder · first come, first served`),
    ],
  };
}

/** The DM to a regular of the vessel (`/fleet regulars`): an open role on a sail of their boat. */
export function rolesDm(sail: Sail, openSlots: readonly string[], vesselName: string): MessageBody {
  const boat = escapeMrkdwn(vesselName);
  return {
    text: `${boat} needs you: ${escapeMrkdwn(sail.title)} (${sail.id}) needs ${openSlots.map(slotLabel).join(', ')}`,
    blocks: [
      section(
        `:wave: You are one of *${boat}*'s regular crew. ${sailHeadline(sail)} still needs: ${openList(openSlots)}.`,
      ),
      { type: 'section', fields: timingFields(sail) },
      ...claimButtons(sail, openSlots),
      context(
        `You get this because an admin listed you as regular crew of ${boat} (\`/fleet regulars\`). Claiming is first come, first served.`,
      ),
    ],
  };
}

/** The DM to a holder 3 h before crew call, with the timing panel. */
export function crewCallDm(sail: Sail, slotId: string): MessageBody {
  const onHold = sail.status === 'on_hold';
  return {
    text: `Crew call for ${escapeMrkdwn(sail.title)} (${sail.id}) at ${formatLocal(sail.crewCallAt, sailZone(sail))}; you are ${slotLabel(slotId)}`,
    blocks: [
      section(`:anchor: Crew call soon for ${sailHeadline(sail)}. You are *${slotLabel(slotId)}*.`),
      { type: 'section', fields: timingFields(sail) },
      ...(onHold
        ? [
            section(
              `:double_vertical_bar: This sail is *on hold*${sail.holdReason ? `: ${escapeMrkdwn(sail.holdReason)}` : ''}. Watch the channel before you leave.`,
            ),
          ]
        : []),
      context(
        `If you cannot make it, release your role from the sail card or with \`/crew release ${sail.id} ${slotId}\`.`,
      ),
    ],
  };
}

/** The captain's roster 24 h out: crew, guests with waiver state, the checklist's state. */
export function rosterDm(
  sail: Sail,
  slots: readonly Pick<Slot, 'slotId' | 'holder'>[],
  guests?: readonly RosterGuest[],
  checklist?: readonly ChecklistLine[],
): MessageBody {
  const crew = slots.map((s) => `*${slotLabel(s.slotId)}* — ${s.holder ? mention(s.holder) : '_open_'}`);
  const blocks: Block[] = [
    section(`:clipboard: Your roster for ${sailHeadline(sail)}`),
    { type: 'section', fields: timingFields(sail) },
    section(`*Crew*\n${crew.join('\n')}`),
  ];
  if (guests) {
    const signed = guests.filter((g) => g.status === 'signed').length;
    const lines = guests.map(
      (g) =>
        `${g.status === 'signed' ? ':white_check_mark: signed' : ':hourglass_flowing_sand: not signed'} — ${escapeMrkdwn(g.name)}`,
    );
    blocks.push(
      section(
        guests.length === 0
          ? '*Guests*\nNone yet.'
          : `*Guests* (${signed}/${guests.length} waivers signed)\n${lines.join('\n')}`,
      ),
    );
  }
  if (checklist) {
    const done = checklist.filter((c) => c.checked).length;
    const lines = checklist.map(
      (c) => `${c.checked ? ':ballot_box_with_check:' : ':white_square:'} ${escapeMrkdwn(c.label)}`,
    );
    blocks.push(section(`*Checklist* (${done}/${checklist.length})\n${lines.join('\n')}`));
  }
  blocks.push(context(`\`/sail checklist ${sail.id}\` opens the checklist.`));
  blocks.push(...muteBlocks(sail.id));
  const open = slots.filter((s) => !s.holder).length;
  return {
    text: `Roster for ${escapeMrkdwn(sail.title)} (${sail.id}): ${slots.length - open}/${slots.length} crew${guests ? `, ${guests.filter((g) => g.status === 'signed').length}/${guests.length} waivers` : ''}`,
    blocks,
  };
}

/** An uncovered cover request, again, in the card's thread, with the Take-over button. */
export function coverThreadMessage(
  sail: Sail,
  slotId: string,
  requester: string,
  window: string,
): MessageBody {
  return {
    text: `${slotLabel(slotId)} on ${escapeMrkdwn(sail.title)} (${sail.id}) still needs cover for ${mention(requester)}`,
    blocks: [
      {
        ...section(
          `:sos: Still looking for someone to take over *${slotLabel(slotId)}* from ${mention(requester)} on ${sailHeadline(sail)}.`,
        ),
        accessory: button('Take over', actionIds.rosterCover, `${sail.id}:${slotId}`, 'primary'),
      },
      context(`${window} reminder · first to press gets the role`),
    ],
  };
}

/** The Slack wording of every nudge, for the sweep. */
export const slackNudgeMessages: NudgeMessages<MessageBody> = {
  rolesThread: rolesThreadMessage,
  rolesDm,
  crewCallDm,
  rosterDm,
  manifestDm: manifestMessage,
  coverThread: coverThreadMessage,
  coverDm: (sail, slotId, requester) => coverRequestDm(sail, slotId, requester),
};
