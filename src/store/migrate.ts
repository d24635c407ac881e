/**
 * `bosun migrate --workspace <T…> [--dry-run]`: moves a table written before keys began with the
 * Slack workspace to the prefixed keys. Each unprefixed item is copied to its new key with a
 * conditional put, then the old item is deleted; a magic code (a global key) is given its
 * workspace in place. Running it again moves nothing; after a crash it picks up where it stopped:
 * an item already copied (the same item at the new key) has its old copy deleted. An item whose
 * new key holds something else (written by the new code before the migration ran) is left alone
 * and reported as a conflict for a person to settle.
 *
 * It reads the table with a Scan, once: an administrative pass, never a request path. Run it
 * right after deploying the prefixed version, with the same team id as `BOSUN_WORKSPACE`.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  paginateScan,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { entities } from './entities';
import { type KeyAttributes, legacyKeys } from './keys';
import { checkWorkspace, createWorkspaceRegistry } from './workspaces';

/** What happened to one entity's items. */
export interface EntityCounts {
  /** Moved to the prefixed key (magic codes: given their workspace). */
  moved: number;
  /** Already in the new shape, or keyed without a workspace: nothing to do. */
  skipped: number;
  /** Left in place: the new key holds a different item. */
  conflicts: number;
}

/** What a migration did (or, dry, would do), per entity. */
export interface MigrationReport {
  workspace: string;
  dryRun: boolean;
  counts: Record<string, EntityCounts>;
  /** The old keys of the items left in place, `PK / SK`. */
  conflicts: string[];
}

/** What the migration reads and writes through. */
export interface MigrateDeps {
  doc: DynamoDBDocumentClient;
  table: string;
  now?: () => Date;
}

/** A value in a form two equal items share (sets sorted, bytes as base64), to compare copies. */
function canonical(v: unknown): unknown {
  if (v instanceof Set)
    return {
      $set: [...v]
        .map(canonical)
        .map((x) => JSON.stringify(x))
        .sort(),
    };
  if (v instanceof Uint8Array) return { $bytes: Buffer.from(v).toString('base64') };
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.entries(v)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, x]) => [k, canonical(x)]),
    );
  }
  return v;
}

const sameItem = (a: Record<string, unknown>, b: Record<string, unknown>) =>
  JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

function keyAttributes(item: Record<string, unknown>): KeyAttributes | undefined {
  const { PK, SK, GSI1PK, GSI2PK } = item;
  if (typeof PK !== 'string' || typeof SK !== 'string') return undefined;
  return {
    PK,
    SK,
    GSI1PK: typeof GSI1PK === 'string' ? GSI1PK : undefined,
    GSI2PK: typeof GSI2PK === 'string' ? GSI2PK : undefined,
  };
}

/** The item at its new key; the ledger's list of partitions names the new partitions too. */
function moved(ws: string, item: Record<string, unknown>, k: KeyAttributes, kind: string) {
  const out: Record<string, unknown> = { ...item, ...legacyKeys.prefixed(ws, k), type: kind };
  if (kind === entities.ledgerIndex.name && item.partitions instanceof Set) {
    out.partitions = new Set([...item.partitions].map((p) => legacyKeys.prefixedPartition(ws, String(p))));
  }
  return out;
}

/** Moves every unprefixed item to `workspace`'s keys; see the module comment. */
export async function migrateToWorkspace(
  deps: MigrateDeps,
  opts: { workspace: string; dryRun?: boolean },
): Promise<MigrationReport> {
  const { doc, table } = deps;
  const ws = checkWorkspace(opts.workspace);
  const dryRun = opts.dryRun ?? false;
  const report: MigrationReport = { workspace: ws, dryRun, counts: {}, conflicts: [] };
  const count = (kind: string, what: keyof EntityCounts) => {
    const c = report.counts[kind] ?? { moved: 0, skipped: 0, conflicts: 0 };
    c[what]++;
    report.counts[kind] = c;
  };
  // Copies this run wrote, which the scan may meet again further on: not counted as skipped.
  const written = new Set<string>();

  for await (const page of paginateScan({ client: doc }, { TableName: table, ConsistentRead: true })) {
    for (const item of page.Items ?? []) {
      const k = keyAttributes(item);
      if (!k) continue;
      if (written.has(`${k.PK}\u0000${k.SK}`)) continue;
      const kind = typeof item.type === 'string' ? item.type : (legacyKeys.kindOf(k.PK, k.SK) ?? 'other');

      if (legacyKeys.isMagicCode(k.PK)) {
        if (typeof item.workspace === 'string') {
          count(kind, 'skipped');
          continue;
        }
        if (!dryRun) {
          await doc.send(
            new UpdateCommand({
              TableName: table,
              Key: { PK: k.PK, SK: k.SK },
              UpdateExpression: 'SET workspace = :ws, #type = :type',
              ConditionExpression: 'attribute_exists(PK)',
              ExpressionAttributeNames: { '#type': 'type' },
              ExpressionAttributeValues: { ':ws': ws, ':type': kind },
            }),
          );
        }
        count(kind, 'moved');
        continue;
      }
      if (!legacyKeys.isLegacyPartition(k.PK)) {
        count(kind, 'skipped');
        continue;
      }

      const next = moved(ws, item, k, kind);
      const nextKey = { PK: String(next.PK), SK: k.SK };
      let copied = false;
      if (!dryRun) {
        try {
          await doc.send(
            new PutCommand({ TableName: table, Item: next, ConditionExpression: 'attribute_not_exists(PK)' }),
          );
          copied = true;
        } catch (err) {
          if (!(err instanceof ConditionalCheckFailedException)) throw err;
        }
      }
      if (!copied) {
        // Already there: our own copy from a run that stopped before deleting, or something else.
        const there = await doc.send(
          new GetCommand({ TableName: table, Key: nextKey, ConsistentRead: true }),
        );
        if (there.Item && !sameItem(there.Item, next)) {
          count(kind, 'conflicts');
          report.conflicts.push(`${k.PK} / ${k.SK}`);
          continue;
        }
      }
      written.add(`${nextKey.PK}\u0000${nextKey.SK}`);
      if (!dryRun) await doc.send(new DeleteCommand({ TableName: table, Key: { PK: k.PK, SK: k.SK } }));
      count(kind, 'moved');
    }
  }
  if (!dryRun) await createWorkspaceRegistry(deps).registerWorkspace(ws);
  return report;
}
