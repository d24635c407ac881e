/**
 * A tick or untick on the checklist: Slack sends the whole selection of a checkbox group; compared
 * with the store it gives exactly the items this click changed, and each is recorded with who and
 * when. Effect: the live checklist message is redrawn for everyone.
 */
import { type Done, keyed, only } from '../effects/types';
import { checklistView } from '../sails/checklist';
import { findVessel } from '../sails/vessels';
import type { SailStore } from '../store/sails';
import type { Invocation, NoSuchSail } from './context';

/** What ticking needs. */
export interface TickChecklistDeps {
  sails: Pick<SailStore, 'get' | 'tickChecklist'>;
}

/** What a click came to. */
export type TickChecklistOutcome =
  | NoSuchSail
  | { kind: 'unknown_vessel'; message: string }
  | { kind: 'ticked'; sailId: string; changed: { itemId: string; checked: boolean }[] };

/**
 * `inGroup`: the item ids of the clicked checkbox group; `selected`: those now ticked in it.
 */
export async function tickChecklist(
  deps: TickChecklistDeps,
  inv: Invocation,
  input: { sailId: string; inGroup: string[]; selected: string[] },
): Promise<Done<TickChecklistOutcome>> {
  const view = await deps.sails.get(input.sailId);
  if (!view) return only({ kind: 'no_such_sail', sailId: input.sailId });
  const vessel = findVessel(view.sail.vesselId);
  if (!vessel.ok) return only({ kind: 'unknown_vessel', message: vessel.error });
  const selected = new Set(input.selected);
  const changed = checklistView(vessel.value, view.checklist)
    .filter((l) => input.inGroup.includes(l.id) && selected.has(l.id) !== l.checked)
    .map((l) => ({ itemId: l.id, checked: !l.checked }));
  for (const c of changed) {
    await deps.sails.tickChecklist(view.sail.id, c.itemId, inv.actor.userId, c.checked);
  }
  return {
    outcome: { kind: 'ticked', sailId: view.sail.id, changed },
    effects: changed.length ? keyed(inv.change, [{ type: 'checklist.refresh', sailId: view.sail.id }]) : [],
  };
}
