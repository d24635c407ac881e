/**
 * Demo data, marked: what `npm start` seeded into an empty table (the sample portfolio, its ledger
 * lines, the demo fleet) is recorded in one item, `DEMO`/`DATA`. Reports and `/fleet` read it to
 * say "demo"; importing real business data takes the demo portfolio and ledger lines out first
 * (`clearBusinessData`), so real and sample numbers are never mixed.
 */
import {
  BatchWriteCommand,
  type BatchWriteCommandOutput,
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  ScanCommand,
} from '@aws-sdk/lib-dynamodb';
import { StorageError } from '../errors';
import type { LedgerLine } from '../reports/ledger';
import { type DemoData, entities } from './entities';
import type { Key } from './keys';
import { checkWorkspace } from './workspaces';

/** What of the demo is in the table now. */
export interface DemoStatus {
  seededAt: Date;
  /** The demo portfolio is the current one. */
  portfolio: boolean;
  /** Demo ledger lines still in the table. */
  ledgerLines: number;
  /** The vessels seeded as demo (each vessel says itself whether it still is). */
  vessels: string[];
  /** When real data replaced the demo portfolio and ledger, if it did. */
  replacedAt?: Date | undefined;
}

/** The demo store. */
export interface DemoStore {
  /** Whether the table holds no item at all (a Scan that stops at the first item). */
  tableIsEmpty(): Promise<boolean>;
  /** Records what was just seeded as demo. */
  mark(seeded: {
    portfolioVersion?: number | undefined;
    ledgerLines: readonly LedgerLine[];
    vessels: readonly string[];
  }): Promise<void>;
  /** What of the demo is in the table; undefined when nothing was ever seeded. */
  status(): Promise<DemoStatus | undefined>;
  /**
   * Deletes the demo portfolio (its versions, and the current pointer while it names the demo) and
   * the demo ledger lines; idempotent. Returns what it took out.
   */
  clearBusinessData(): Promise<{ portfolio: boolean; ledgerLines: number }>;
}

/** Deletes per BatchWriteItem. @see https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html */
const BATCH = 25;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Builds a workspace's demo store over the document client and table. */
export function createDemoStore(deps: {
  doc: DynamoDBDocumentClient;
  table: string;
  /** The Slack team id every key of this store begins with. */
  workspace: string;
  now?: () => Date;
}): DemoStore {
  const { doc, table } = deps;
  const ws = checkWorkspace(deps.workspace);
  const now = deps.now ?? (() => new Date());

  async function read(): Promise<DemoData | undefined> {
    const r = await doc.send(
      new GetCommand({
        TableName: table,
        Key: entities.demoData.key({ workspace: ws }),
        ConsistentRead: true,
      }),
    );
    return r.Item ? entities.demoData.parse(r.Item) : undefined;
  }

  async function deleteKeys(all: readonly Key[]): Promise<void> {
    for (let i = 0; i < all.length; i += BATCH) {
      let request: Record<string, { DeleteRequest: { Key: Record<string, unknown> } }[]> | undefined = {
        [table]: all.slice(i, i + BATCH).map((k) => ({ DeleteRequest: { Key: { PK: k.PK, SK: k.SK } } })),
      };
      for (let round = 0; request && round < 6; round++) {
        if (round > 0) await sleep(25 * 2 ** round);
        const r: BatchWriteCommandOutput = await doc.send(new BatchWriteCommand({ RequestItems: request }));
        const left = r.UnprocessedItems?.[table];
        request = left && left.length > 0 ? { [table]: left as never } : undefined;
      }
      if (request)
        throw new StorageError('Could not delete the demo ledger lines (throttled); run the import again.');
    }
  }

  return {
    async tableIsEmpty() {
      const r = await doc.send(new ScanCommand({ TableName: table, Limit: 1, Select: 'COUNT' }));
      return (r.Count ?? 0) === 0 && !r.LastEvaluatedKey;
    },

    async mark(seeded) {
      const data: DemoData = {
        seededAt: now(),
        ...(seeded.portfolioVersion !== undefined ? { portfolioVersion: seeded.portfolioVersion } : {}),
        ledgerLines: seeded.ledgerLines.map((l) => entities.ledgerLine.key({ ...l, workspace: ws })),
        vessels: [...seeded.vessels],
      };
      await doc.send(
        new PutCommand({ TableName: table, Item: entities.demoData.item({ ...data, workspace: ws }) }),
      );
    },

    async status() {
      const d = await read();
      if (!d) return undefined;
      return {
        seededAt: d.seededAt,
        portfolio: d.portfolioVersion !== undefined,
        ledgerLines: d.ledgerLines.length,
        vessels: d.vessels,
        replacedAt: d.replacedAt,
      };
    },

    async clearBusinessData() {
      const d = await read();
      if (!d || (d.portfolioVersion === undefined && d.ledgerLines.length === 0)) {
        return { portfolio: false, ledgerLines: 0 };
      }
      const version = d.portfolioVersion;
      if (version !== undefined) {
        try {
          await doc.send(
            new DeleteCommand({
              TableName: table,
              Key: entities.portfolioCurrent.key({ workspace: ws }),
              // Only while the pointer still names the demo: a real import made since stays.
              ConditionExpression: 'version = :v',
              ExpressionAttributeValues: { ':v': version },
            }),
          );
        } catch (err) {
          if (!(err instanceof Error && err.name === 'ConditionalCheckFailedException')) throw err;
        }
        await doc.send(
          new DeleteCommand({
            TableName: table,
            Key: entities.portfolioVersion.key({ workspace: ws, version }),
          }),
        );
      }
      await deleteKeys(d.ledgerLines);
      const { portfolioVersion: _, ...rest } = d;
      await doc.send(
        new PutCommand({
          TableName: table,
          Item: entities.demoData.item({ ...rest, workspace: ws, ledgerLines: [], replacedAt: now() }),
        }),
      );
      return { portfolio: version !== undefined, ledgerLines: d.ledgerLines.length };
    },
  };
}
