/**
 * The pre-departure checklist. Each vessel carries its own list (`/fleet set <vessel> check+=…`);
 * a new vessel starts from the default list of its kind. Ticks are stored by item id, so an item's
 * id never changes once it is on a list: rename by removing one item and adding another.
 */
import { type VesselKind, vesselKinds } from '../fleet/vessel';

/** One thing to check before leaving the dock. */
export interface ChecklistItem {
  id: string;
  label: string;
}

/** A recorded tick: who set the item to checked or unchecked, and when. */
export interface ChecklistTick {
  itemId: string;
  checked: boolean;
  by: string;
  at: Date;
}

/** An item with its latest tick, for display. */
export interface ChecklistLine extends ChecklistItem {
  checked: boolean;
  by?: string | undefined;
  at?: Date | undefined;
}

const common: readonly ChecklistItem[] = [
  { id: 'weather-check', label: 'Weather and sea state checked (NWS marine forecast)' },
  { id: 'float-plan', label: 'Float plan filed ashore' },
  { id: 'life-jackets', label: 'Life jackets counted: one per person aboard, children’s sizes fitted' },
  { id: 'safety-briefing', label: 'Safety briefing given to guests' },
  { id: 'vhf-radio-check', label: 'VHF radio check on channel 16' },
  { id: 'bilge-check', label: 'Bilge checked and pumps tested' },
  { id: 'fuel', label: 'Fuel level checked' },
  { id: 'first-aid-kit', label: 'First-aid kit and flares aboard' },
  { id: 'nav-lights', label: 'Navigation lights working' },
];

const byKind: Readonly<Record<VesselKind, readonly ChecklistItem[]>> = {
  [vesselKinds.sailingYacht]: [
    ...common,
    { id: 'rigging-check', label: 'Standing and running rigging inspected' },
    { id: 'sails-ready', label: 'Sails bent on, reefing lines rigged' },
  ],
  [vesselKinds.motorYacht]: [
    ...common,
    { id: 'engine-check', label: 'Engine oil, coolant and belts checked' },
    { id: 'blower', label: 'Engine-room blower run before start' },
  ],
};

/** The default checklist for a kind of vessel. */
export function checklistFor(kind: VesselKind): readonly ChecklistItem[] {
  return byKind[kind];
}

/** A vessel's own list of items. */
export interface HasChecklist {
  checklist: readonly ChecklistItem[];
}

/** Whether an item id belongs to a vessel's checklist. */
export function isChecklistItem(vessel: HasChecklist, itemId: string): boolean {
  return vessel.checklist.some((i) => i.id === itemId);
}

/** Whether a list is exactly a kind's default (so a change of kind may replace it). */
export function isDefaultChecklist(kind: VesselKind, items: readonly ChecklistItem[]): boolean {
  const def = checklistFor(kind);
  return (
    def.length === items.length && def.every((d, i) => d.id === items[i]?.id && d.label === items[i]?.label)
  );
}

/** An item id made from a label: `Check the anchor windlass` → `check-the-anchor-windlass`. */
export function checklistItemId(label: string): string {
  return (
    label
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40)
      .replace(/-+$/, '') || 'item'
  );
}

/** The checklist with the latest tick of each item merged in, in checklist order. */
export function checklistView(vessel: HasChecklist, ticks: readonly ChecklistTick[]): ChecklistLine[] {
  const latest = new Map<string, ChecklistTick>();
  for (const t of ticks) {
    const seen = latest.get(t.itemId);
    if (!seen || seen.at.getTime() <= t.at.getTime()) latest.set(t.itemId, t);
  }
  return vessel.checklist.map((item) => {
    const t = latest.get(item.id);
    return { ...item, checked: t?.checked ?? false, by: t?.by, at: t?.at };
  });
}
