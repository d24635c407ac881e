/**
 * The test fleet: JADA at San Diego, as the demo fleet file has it, for tests that plan sails
 * through the stores directly (end-to-end tests get it seeded by `startTestBosun`).
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SailingPlace, Vessel } from '../../src/fleet/vessel';
import { checklistFor } from '../../src/sails/checklist';
import { createDemoStore, type DemoStore } from '../../src/store/demo';
import { createFleetStore, type FleetStore } from '../../src/store/fleet';
import { WORKSPACE } from './aws';

/** JADA's home port and zone: where its sails are timed. */
export const JADA_PLACE: SailingPlace = {
  zone: 'America/Los_Angeles',
  homePort: { name: 'San Diego', lat: 32.7157, lng: -117.1611 },
};

/** JADA as the fleet stores it. */
export const JADA: Vessel = {
  id: 'jada',
  name: 'JADA',
  kind: 'sailing-yacht',
  guestCapacity: 12,
  maxCrew: 20,
  port: 'San Diego',
  lat: 32.7157,
  lng: -117.1611,
  zone: 'America/Los_Angeles',
  // As in data/fleet.yaml: what guests read in their emails and on their page.
  meet: 'Shelter Island Marina, 2051 Shelter Island Dr, San Diego: the gate to the guest dock, beside the harbor office. A crew member walks you down to JADA.',
  parking:
    'Free public parking along Shelter Island Dr and in the lot by the fishing pier; the marina lot is for slip holders.',
  bring:
    'Soft-soled shoes, a warm layer for after sunset, sunscreen, a hat and a photo ID. Leave hard suitcases at home.',
  checklist: [...checklistFor('sailing-yacht')],
  regulars: [],
  captains: [],
  retired: false,
  demo: false,
  createdBy: 'UADMIN0001',
  createdAt: new Date('2026-01-01T00:00:00Z'),
  updatedBy: 'UADMIN0001',
  updatedAt: new Date('2026-01-01T00:00:00Z'),
  version: 1,
};

/** Adds JADA (and any `more`) to a fleet store. */
export async function seedFleet(fleet: Pick<FleetStore, 'add'>, more: Partial<Vessel>[] = []): Promise<void> {
  for (const v of [JADA, ...more.map((m) => ({ ...JADA, ...m }))]) {
    const { createdAt: _a, updatedAt: _u, updatedBy: _b, version: _v, ...input } = v;
    const r = await fleet.add(input, { by: v.createdBy, action: 'add', changes: [] });
    if (!r.ok) throw new Error(`could not seed vessel ${v.id}: ${r.reason}`);
  }
}

/**
 * What `bosun portfolio import` needs besides the portfolio and ledger stores: the fleet (JADA
 * seeded, so the sample portfolio's vessel asset is known) and the demo marker.
 */
export async function importStores(
  doc: DynamoDBDocumentClient,
  table: string,
  opts: { seed?: boolean } = {},
): Promise<{ fleet: FleetStore; demo: DemoStore }> {
  const fleet = createFleetStore({ doc, table, workspace: WORKSPACE });
  if (opts.seed !== false) await seedFleet(fleet);
  return { fleet, demo: createDemoStore({ doc, table, workspace: WORKSPACE }) };
}
