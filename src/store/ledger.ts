/**
 * Ledger lines in the table, keyed by the line's hash under `LEDGER#<source account>#<YYYY-MM>`,
 * so re-importing a file adds nothing. The partitions written are listed in one index item, so
 * reading the ledger is a handful of queries, never a scan. Lines are stored raw; the portfolio's
 * rules categorise them when a report reads them, so a rule added later applies to old lines too.
 */
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { LedgerLine } from '../reports/ledger';
import { entities } from './entities';
import { queryItems } from './query';
import { checkWorkspace } from './workspaces';

export { sourceSlug } from './keys';

/** Counts from one import. */
export interface LedgerImport {
  added: number;
  alreadyPresent: number;
}

/** Reads and writes ledger lines. */
export interface LedgerStore {
  importLines(lines: readonly LedgerLine[]): Promise<LedgerImport>;
  allLines(): Promise<LedgerLine[]>;
}

const CONCURRENCY = 8;

/** Builds the ledger store over the single table. */
export function createLedgerStore(deps: {
  doc: DynamoDBDocumentClient;
  table: string;
  /** The Slack team id every key of this store begins with. */
  workspace: string;
}): LedgerStore {
  const { doc, table } = deps;
  const ws = checkWorkspace(deps.workspace);

  async function putLine(line: LedgerLine): Promise<boolean> {
    try {
      await doc.send(
        new PutCommand({
          TableName: table,
          Item: entities.ledgerLine.item({ ...line, workspace: ws }),
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof Error && err.name === 'ConditionalCheckFailedException') return false;
      throw err;
    }
  }

  return {
    async importLines(lines) {
      const partitions = [...new Set(lines.map((l) => entities.ledgerLine.key({ ...l, workspace: ws }).PK))];
      if (partitions.length > 0) {
        // The index is written first: a line is never stored in a partition nobody will read.
        await doc.send(
          new UpdateCommand({
            TableName: table,
            Key: entities.ledgerIndex.key({ workspace: ws }),
            UpdateExpression: 'ADD #p :p SET #type = :type',
            ExpressionAttributeNames: { '#p': 'partitions', '#type': 'type' },
            ExpressionAttributeValues: { ':p': new Set(partitions), ':type': entities.ledgerIndex.name },
          }),
        );
      }
      let added = 0;
      let alreadyPresent = 0;
      for (let i = 0; i < lines.length; i += CONCURRENCY) {
        const results = await Promise.all(lines.slice(i, i + CONCURRENCY).map(putLine));
        for (const ok of results) {
          if (ok) added++;
          else alreadyPresent++;
        }
      }
      return { added, alreadyPresent };
    },

    async allLines() {
      const idx = await doc.send(
        new GetCommand({
          TableName: table,
          Key: entities.ledgerIndex.key({ workspace: ws }),
          ConsistentRead: true,
        }),
      );
      const partitions = idx.Item ? [...entities.ledgerIndex.parse(idx.Item).partitions].sort() : [];
      const out: LedgerLine[] = [];
      for (const pk of partitions) {
        const items = queryItems(doc, {
          TableName: table,
          KeyConditionExpression: 'PK = :pk',
          ExpressionAttributeValues: { ':pk': pk },
        });
        for await (const item of items) out.push(entities.ledgerLine.parse(item));
      }
      return out.sort((a, b) => a.date.localeCompare(b.date) || a.hash.localeCompare(b.hash));
    },
  };
}
