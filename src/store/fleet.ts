/**
 * A workspace's fleet in the single table: every vessel under its `<team>#FLEET` partition
 * (`VESSEL#<id>`), so the fleet is one Query; and each vessel's history under `<team>#VESSEL#<id>`
 * (`CHANGE#<version>`), written
 * in the same transaction as the change it records. A change is conditional on the version read,
 * so two admins changing one vessel at once cannot lose either's change silently.
 */
import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Vessel } from '../fleet/vessel';
import { entities, type VesselChangeRecord } from './entities';
import { keys } from './keys';
import { queryItems } from './query';
import { transactWrite } from './transact';
import { checkWorkspace } from './workspaces';

/** What a change to the fleet was, for its history. */
export interface FleetChange {
  by: string;
  /** `add`, `set`, `retire`, `regulars`, `captains`, `seed`. */
  action: string;
  changes: VesselChangeRecord['changes'];
}

/** The fields a change may set (everything but the bookkeeping). */
export type VesselPatch = Partial<
  Omit<Vessel, 'id' | 'createdBy' | 'createdAt' | 'updatedBy' | 'updatedAt' | 'version'>
>;

/** What a write did. */
export type FleetWrite =
  | { ok: true; vessel: Vessel }
  /** `add` of an id the fleet has; `update` of a vessel someone changed (or removed) meanwhile. */
  | { ok: false; reason: 'exists' | 'changed' };

/** The fleet store. */
export interface FleetStore {
  /** Every vessel, retired ones included, in id order (one Query). */
  list(): Promise<Vessel[]>;
  get(vesselId: string): Promise<Vessel | undefined>;
  /** Adds a vessel; `exists` when the id is taken. */
  add(
    vessel: Omit<Vessel, 'createdAt' | 'updatedAt' | 'updatedBy' | 'version'>,
    change: FleetChange,
  ): Promise<FleetWrite>;
  /** Changes a vessel as read (`vessel.version` is the condition). */
  update(vessel: Vessel, patch: VesselPatch, change: FleetChange): Promise<FleetWrite>;
  /** The newest `limit` changes of a vessel, newest first. */
  history(vesselId: string, limit?: number): Promise<VesselChangeRecord[]>;
}

/** Builds the fleet store over the document client and table. */
export function createFleetStore(deps: {
  doc: DynamoDBDocumentClient;
  table: string;
  /** The Slack team id every key of this store begins with. */
  workspace: string;
  now?: () => Date;
}): FleetStore {
  const { doc, table } = deps;
  const ws = checkWorkspace(deps.workspace);
  const now = deps.now ?? (() => new Date());

  async function write(vessel: Vessel, change: FleetChange, expectVersion?: number): Promise<boolean> {
    const record: VesselChangeRecord = {
      vesselId: vessel.id,
      version: vessel.version,
      by: change.by,
      at: vessel.updatedAt,
      action: change.action,
      changes: change.changes,
    };
    const outcome = await transactWrite(doc, {
      TransactItems: [
        {
          Put: {
            TableName: table,
            Item: entities.vessel.item({ ...vessel, workspace: ws }),
            ...(expectVersion === undefined
              ? { ConditionExpression: 'attribute_not_exists(PK)' }
              : {
                  ConditionExpression: 'version = :v',
                  ExpressionAttributeValues: { ':v': expectVersion },
                }),
          },
        },
        {
          Put: {
            TableName: table,
            Item: entities.vesselChange.item({ ...record, workspace: ws }),
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
      ],
    });
    return outcome.ok;
  }

  return {
    async list() {
      const out: Vessel[] = [];
      const items = queryItems(doc, {
        TableName: table,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.fleetPartition(ws), ':prefix': keys.vesselPrefix },
        ConsistentRead: true,
      });
      for await (const item of items) out.push(entities.vessel.parse(item));
      return out;
    },

    async get(vesselId) {
      const r = await doc.send(
        new GetCommand({ TableName: table, Key: keys.vessel(ws, vesselId), ConsistentRead: true }),
      );
      return r.Item ? entities.vessel.parse(r.Item) : undefined;
    },

    async add(input, change) {
      const at = now();
      const vessel: Vessel = {
        ...input,
        createdAt: at,
        updatedAt: at,
        updatedBy: input.createdBy,
        version: 1,
      };
      return (await write(vessel, change)) ? { ok: true, vessel } : { ok: false, reason: 'exists' };
    },

    async update(current, patch, change) {
      const vessel: Vessel = {
        ...current,
        ...patch,
        updatedBy: change.by,
        updatedAt: now(),
        version: current.version + 1,
      };
      return (await write(vessel, change, current.version))
        ? { ok: true, vessel }
        : { ok: false, reason: 'changed' };
    },

    async history(vesselId, limit = 10) {
      const out: VesselChangeRecord[] = [];
      const items = queryItems(
        doc,
        {
          TableName: table,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
          ExpressionAttributeValues: {
            ':pk': keys.vesselHistory(ws, vesselId),
            ':prefix': keys.vesselChangePrefix,
          },
          ScanIndexForward: false,
        },
        { pageSize: limit },
      );
      for await (const item of items) {
        out.push(entities.vesselChange.parse(item));
        if (out.length >= limit) break;
      }
      return out;
    },
  };
}
