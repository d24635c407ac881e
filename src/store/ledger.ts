/**
 * Ledger lines in the table, keyed by the line's hash under `LEDGER#<source account>#<YYYY-MM>`,
 * so re-importing a file adds nothing. The partitions written are listed in one index item, so
 * reading the ledger is a handful of queries, never a scan. Lines are stored raw; the portfolio's
 * rules categorise them when a report reads them, so a rule added later applies to old lines too.
 */
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { type LedgerLine, monthOf } from '../reports/ledger';
import { keys } from './keys';

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

/** The partition name of a bank or card account: `Chase 4411` → `chase-4411`. */
export function sourceSlug(source: string): string {
  return (
    source
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'unknown'
  );
}

const CONCURRENCY = 8;

/** Builds the ledger store over the single table. */
export function createLedgerStore(deps: { doc: DynamoDBDocumentClient; table: string }): LedgerStore {
  const { doc, table } = deps;

  async function putLine(line: LedgerLine): Promise<boolean> {
    try {
      await doc.send(
        new PutCommand({
          TableName: table,
          Item: { ...keys.ledgerLine(sourceSlug(line.source), monthOf(line.date), line.hash), ...line },
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
      const partitions = [
        ...new Set(lines.map((l) => keys.ledgerLine(sourceSlug(l.source), monthOf(l.date), '').PK)),
      ];
      if (partitions.length > 0) {
        // The index is written first: a line is never stored in a partition nobody will read.
        await doc.send(
          new UpdateCommand({
            TableName: table,
            Key: keys.ledgerIndex(),
            UpdateExpression: 'ADD #p :p',
            ExpressionAttributeNames: { '#p': 'partitions' },
            ExpressionAttributeValues: { ':p': new Set(partitions) },
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
        new GetCommand({ TableName: table, Key: keys.ledgerIndex(), ConsistentRead: true }),
      );
      const raw: unknown = idx.Item?.partitions;
      const partitions = raw instanceof Set ? [...raw].map(String).sort() : [];
      const out: LedgerLine[] = [];
      for (const pk of partitions) {
        let start: Record<string, unknown> | undefined;
        do {
          const res = await doc.send(
            new QueryCommand({
              TableName: table,
              KeyConditionExpression: 'PK = :pk',
              ExpressionAttributeValues: { ':pk': pk },
              ExclusiveStartKey: start,
            }),
          );
          for (const item of res.Items ?? []) {
            out.push({
              date: String(item.date),
              description: String(item.description),
              amountCents: Number(item.amountCents),
              source: String(item.source),
              hash: String(item.hash),
            });
          }
          start = res.LastEvaluatedKey;
        } while (start);
      }
      return out.sort((a, b) => a.date.localeCompare(b.date) || a.hash.localeCompare(b.hash));
    },
  };
}
