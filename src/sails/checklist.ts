/**
 * The pre-departure checklist: a default list per vessel kind with stable item ids (ticks are
 * stored by item id, so ids never change once shipped; add new items, do not rename).
 */
import { type Vessel, type VesselKind, vesselKinds } from './vessels';

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

/** The checklist for a vessel. */
export function checklistForVessel(vessel: Pick<Vessel, 'kind'>): readonly ChecklistItem[] {
  return checklistFor(vessel.kind);
}

/** Whether an item id belongs to a vessel's checklist. */
export function isChecklistItem(vessel: Pick<Vessel, 'kind'>, itemId: string): boolean {
  return checklistForVessel(vessel).some((i) => i.id === itemId);
}

/** The checklist with the latest tick of each item merged in, in checklist order. */
export function checklistView(
  vessel: Pick<Vessel, 'kind'>,
  ticks: readonly ChecklistTick[],
): ChecklistLine[] {
  const latest = new Map<string, ChecklistTick>();
  for (const t of ticks) {
    const seen = latest.get(t.itemId);
    if (!seen || seen.at.getTime() <= t.at.getTime()) latest.set(t.itemId, t);
  }
  return checklistForVessel(vessel).map((item) => {
    const t = latest.get(item.id);
    return { ...item, checked: t?.checked ?? false, by: t?.by, at: t?.at };
  });
}
