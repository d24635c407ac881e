/**
 * Claim, release and designate, shared by the `/crew` commands and the card's buttons, so both
 * give the same answers. Each is one store transaction; the card is then refreshed in place and
 * the thread told who did what.
 */
import type { webApi } from '@slack/bolt';
import { holdersOf, resolveRole, slotLabel } from '../sails/roster';
import type { SlackDeps } from './context';
import { escapeMrkdwn, mention } from './escape';
import { refreshCard } from './sail-cards';
import { describeTaken } from './taken';

/** Who acts, for whom, on which sail. */
export interface RosterAct {
  deps: SlackDeps;
  client: webApi.WebClient;
  sailId: string;
  /** `captain`, `crew` (first free crew slot) or a slot id. */
  role: string;
  actor: string;
  isAdmin: boolean;
}

const unknown = (id: string) => `There is no sail ${id}. \`/sail list\` shows upcoming sails and their ids.`;

/** Claims a role for the actor (or, with `forUser`, designates someone: admins only). */
export async function claimRole(act: RosterAct & { forUser?: string }): Promise<string> {
  const { deps, client, sailId, actor } = act;
  const holder = act.forUser ?? actor;
  const view = await deps.sails.get(sailId);
  if (!view) return unknown(sailId);
  const slotIds = view.slots.map((s) => s.slotId);
  const slot = resolveRole(act.role, slotIds, holdersOf(view.slots));
  if (!slot.ok) return escapeMrkdwn(slot.error);
  const result = act.forUser
    ? await deps.sails.designate(sailId, slot.value, holder, actor, { sail: view.sail })
    : await deps.sails.claim(sailId, slot.value, holder, { sail: view.sail });
  if (!result.ok) {
    switch (result.reason) {
      case 'taken':
        return describeTaken(slot.value, result.holder, view.slots);
      case 'already_member':
        return holder === actor
          ? `You already hold ${result.slotId} on ${sailId}; one role per person per sail. Release it first with \`/crew release ${sailId} ${result.slotId}\`.`
          : `${mention(holder)} already holds ${result.slotId} on ${sailId}; one role per person per sail.`;
      case 'closed':
        return escapeMrkdwn(result.message);
      case 'no_such_slot':
        return `${slot.value} is not a slot on ${sailId}.`;
      default:
        return unknown(sailId);
    }
  }
  const who = act.forUser
    ? `${mention(actor)} designated ${mention(holder)} as`
    : `${mention(holder)} claimed`;
  await refreshCard(deps, client, sailId, `${who} ${slotLabel(slot.value)}.`);
  return act.forUser
    ? `${mention(holder)} is now ${slotLabel(slot.value)} on ${sailId}.`
    : `You are ${slotLabel(slot.value)} on ${sailId}. Thanks! Release with \`/crew release ${sailId} ${slot.value}\` if plans change.`;
}

/** Releases a slot: your own, or anyone's if you are an admin. */
export async function releaseRole(act: RosterAct): Promise<string> {
  const { deps, client, sailId, actor } = act;
  const view = await deps.sails.get(sailId);
  if (!view) return unknown(sailId);
  let slotId = act.role.trim().toLowerCase();
  if (slotId === 'crew') {
    const mine = view.slots.find((s) => s.holder === actor && s.slotId !== 'captain');
    if (!mine) return `You hold no crew slot on ${sailId}.`;
    slotId = mine.slotId;
  }
  const slot = view.slots.find((s) => s.slotId === slotId);
  if (!slot)
    return `${escapeMrkdwn(act.role)} is not a slot on ${sailId}. Slots: ${view.slots.map((s) => s.slotId).join(', ')}.`;
  const result = await deps.sails.release(sailId, slotId, actor, { isAdmin: act.isAdmin });
  if (!result.ok) {
    if (result.reason === 'empty') return `${slotId} on ${sailId} is already open.`;
    if (result.reason === 'not_holder') {
      return `${slotId} is held by ${result.holder ? mention(result.holder) : 'someone else'}; only they or an admin can release it.`;
    }
    return unknown(sailId);
  }
  const whose = result.holder && result.holder !== actor ? ` (held by ${mention(result.holder)})` : '';
  await refreshCard(deps, client, sailId, `${mention(actor)} released ${slotLabel(slotId)}${whose}.`);
  return `${slotLabel(slotId)} on ${sailId} is open again.`;
}
