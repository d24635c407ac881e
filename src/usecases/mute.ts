/**
 * "Mute reminders for this sail": a person who holds a role on a sail stops its reminder DMs
 * (hold news, the captain's roster…); the crew-call reminder, news about their own role and a
 * cancellation still come. One write; nothing else changes, so no effects.
 */
import { type Done, only } from '../effects/types';
import type { CrewStore } from '../store/crew';
import type { SailStore } from '../store/sails';
import type { Invocation, NoSuchSail } from './context';

/** What muting needs. */
export interface MuteDeps {
  sails: Pick<SailStore, 'get'>;
  crew: Pick<CrewStore, 'setMute'>;
}

/** What muting came to. */
export type MuteOutcome =
  | NoSuchSail
  | { kind: 'not_aboard'; sailId: string }
  | { kind: 'muted'; sailId: string; muted: boolean; already: boolean };

/** Mutes (or, with `muted: false`, unmutes) the sail's reminder DMs for the actor. */
export async function muteReminders(
  deps: MuteDeps,
  inv: Invocation,
  input: { sailId: string; muted: boolean },
): Promise<Done<MuteOutcome>> {
  const userId = inv.actor.userId;
  const record = await deps.sails.get(input.sailId);
  if (!record) return only({ kind: 'no_such_sail', sailId: input.sailId });
  const sailId = record.sail.id;
  const already = record.mutes.includes(userId) === input.muted;
  if (input.muted && !record.members.some((m) => m.userId === userId)) {
    return only({ kind: 'not_aboard', sailId });
  }
  if (!already) await deps.crew.setMute(sailId, userId, input.muted);
  return only({ kind: 'muted', sailId, muted: input.muted, already });
}
