/**
 * Create a sail (admins): one transaction writes the sail and its slots. Before the answer it also
 * reads which other sails the vessel has then, to warn. Effect: the card is posted in the channel.
 */
import { type Done, keyed, only } from '../effects/types';
import type { Sail, SailDraft } from '../sails/types';
import type { SailStore } from '../store/sails';
import type { Invocation, NotAdmin } from './context';

/** What creating needs. */
export interface CreateSailDeps {
  sails: Pick<SailStore, 'create' | 'upcoming'>;
  /** Where new cards go (`BOSUN_CHANNEL`). */
  channel: string;
}

/** What a create came to. */
export type CreateSailOutcome =
  | NotAdmin
  | { kind: 'invalid'; message: string }
  | { kind: 'created'; sail: Sail; channel: string; clashes: Sail[] };

/** Creates the sail from a validated draft. */
export async function createSail(
  deps: CreateSailDeps,
  inv: Invocation,
  draft: SailDraft,
): Promise<Done<CreateSailOutcome>> {
  if (!inv.actor.isAdmin) return only({ kind: 'not_admin', what: 'create sails' });
  const created = await deps.sails.create(draft, inv.actor.userId);
  if (!created.ok) return only({ kind: 'invalid', message: created.error });
  const sail = created.sail;
  return {
    outcome: { kind: 'created', sail, channel: deps.channel, clashes: await overlapping(deps, sail) },
    effects: keyed(inv.change, [
      { type: 'card.post', sailId: sail.id, channel: deps.channel, showNames: true },
    ]),
  };
}

/** Other live sails on the same vessel whose time on the water overlaps this one's. */
async function overlapping(deps: CreateSailDeps, sail: Sail): Promise<Sail[]> {
  // A sail lasts at most 12 hours, so anything overlapping departs within 12 hours before this one returns.
  const from = new Date(sail.departAt.getTime() - 12 * 3_600_000);
  const around = await deps.sails.upcoming({ from, days: 1, includeCancelled: false, limit: 50 });
  return around.filter(
    (s) =>
      s.id !== sail.id &&
      s.vesselId === sail.vesselId &&
      s.departAt.getTime() < sail.returnAt.getTime() &&
      sail.departAt.getTime() < s.returnAt.getTime(),
  );
}
