/**
 * `/sail show` and `/sail checklist`: nothing changes but where the live message is. The answer
 * says it is coming; the effect posts it and retires the previous copy, so there is only ever one
 * live card (and one live checklist) per sail, and it is always current.
 */
import { type Done, keyed, only } from '../effects/types';
import type { SailStore } from '../store/sails';
import type { Invocation, NoSuchSail } from './context';

/** What showing needs. */
export interface PostCardDeps {
  sails: Pick<SailStore, 'get'>;
  /** The sails' home channel (`BOSUN_CHANNEL`), where a card may name the guests. */
  homeChannel: string;
}

/**
 * Whether a card posted in `channel` may name the sail's guests: in the home channel, and in an
 * admin's direct messages (`D…`). Anywhere else it shows how many there are and how many signed.
 */
export function namesVisibleIn(channel: string, homeChannel: string, actorIsAdmin: boolean): boolean {
  return channel === homeChannel || (actorIsAdmin && channel.startsWith('D'));
}

/** What asking for the card (or checklist) came to. */
export type PostCardOutcome = NoSuchSail | { kind: 'posting'; sailId: string; what: 'card' | 'checklist' };

/** Moves the sail's live card (or checklist) to `channel`. */
export async function postSailMessage(
  deps: PostCardDeps,
  inv: Invocation,
  input: { sailId: string; channel: string; what: 'card' | 'checklist' },
): Promise<Done<PostCardOutcome>> {
  const record = await deps.sails.get(input.sailId);
  if (!record) return only({ kind: 'no_such_sail', sailId: input.sailId });
  const sailId = record.sail.id;
  return {
    outcome: { kind: 'posting', sailId, what: input.what },
    effects: keyed(inv.change, [
      input.what === 'card'
        ? {
            type: 'card.post',
            sailId,
            channel: input.channel,
            showNames: namesVisibleIn(input.channel, deps.homeChannel, inv.actor.isAdmin),
          }
        : { type: 'checklist.post', sailId, channel: input.channel },
    ]),
  };
}
