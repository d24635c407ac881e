/**
 * A tick or untick on the checklist: Slack sends the whole selection of a checkbox group; compared
 * with the store it gives exactly the items this click changed, and each is recorded with who and
 * when. The items are the vessel's, from the fleet. Effect: the live checklist message is redrawn
 * for everyone, or posted (in the card's channel, else `channel`) when it never was, so a tick made
 * before the checklist was shown is seen, not lost.
 */
import { type Done, keyed, only } from '../effects/types';
import { checklistView } from '../sails/checklist';
import type { FleetStore } from '../store/fleet';
import type { SailStore } from '../store/sails';
import type { Invocation, NoSuchSail } from './context';

/** What ticking needs. */
export interface TickChecklistDeps {
  sails: Pick<SailStore, 'get' | 'tickChecklist'>;
  fleet: Pick<FleetStore, 'get'>;
  /** Where a checklist never posted is posted (when the sail has no card either). */
  channel: string;
}

/** What a click came to. */
export type TickChecklistOutcome =
  | NoSuchSail
  | { kind: 'unknown_vessel'; message: string }
  | { kind: 'ticked'; sailId: string; changed: { itemId: string; checked: boolean }[] };

/**
 * `inGroup`: the item ids of the clicked checkbox group (empty when the click came without the
 * message, e.g. `bosun click`: then the group is the items selected); `selected`: those now ticked.
 */
export async function tickChecklist(
  deps: TickChecklistDeps,
  inv: Invocation,
  input: { sailId: string; inGroup: string[]; selected: string[] },
): Promise<Done<TickChecklistOutcome>> {
  const view = await deps.sails.get(input.sailId);
  if (!view) return only({ kind: 'no_such_sail', sailId: input.sailId });
  const vessel = await deps.fleet.get(view.sail.vesselId);
  if (!vessel) {
    return only({
      kind: 'unknown_vessel',
      message: `The fleet has no vessel "${view.sail.vesselId}" any more, so ${view.sail.id} has no checklist.`,
    });
  }
  const selected = new Set(input.selected);
  const group = input.inGroup.length > 0 ? input.inGroup : input.selected;
  const changed = checklistView(vessel, view.checklist)
    .filter((l) => group.includes(l.id) && selected.has(l.id) !== l.checked)
    .map((l) => ({ itemId: l.id, checked: !l.checked }));
  for (const c of changed) {
    await deps.sails.tickChecklist(view.sail.id, c.itemId, inv.actor.userId, c.checked);
  }
  return {
    outcome: { kind: 'ticked', sailId: view.sail.id, changed },
    effects: changed.length
      ? keyed(inv.change, [{ type: 'checklist.refresh', sailId: view.sail.id, channel: deps.channel }])
      : [],
  };
}
