/**
 * Weekly series (`/sail create … every=… until=…`): the series' item `<team>#SERIES#<id>`/`META`
 * (its rule and planned dates, written once per request) and, written in each sail's own create
 * transaction, one item per date naming that date's sail (`SAIL#<date>`). A series is therefore
 * read with one Query, and its sails' current state with one BatchGet.
 */
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { StorageError } from '../errors';
import type { Sail } from '../sails/types';
import { entities, type SeriesItem } from './entities';
import { keys } from './keys';
import { queryAll } from './query';
import { transactWrite } from './transact';
import { checkWorkspace, registrationUpdate } from './workspaces';

export type { SeriesItem } from './entities';

/** A series and the sails made for its dates so far, in date order. */
export interface SeriesRecord {
  series: SeriesItem;
  sails: { date: string; sailId: string }[];
}

/** One sail of a series as it is now. */
export interface SeriesMember {
  date: string;
  sailId: string;
  sail: Sail;
}

/** The series store. */
export interface SeriesStore {
  /**
   * Records a new series, registering the workspace in the same transaction; `created: false`
   * when a series of that id exists already (the same request, retried).
   */
  start(series: SeriesItem): Promise<{ created: boolean }>;
  /** A series with the sail of each date made so far (one Query); undefined if unknown. */
  get(seriesId: string): Promise<SeriesRecord | undefined>;
  /** The sails of a series as they are now, in date order (one Query, one BatchGet per 100). */
  members(seriesId: string): Promise<SeriesMember[]>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Builds the series store over the document client and table. */
export function createSeriesStore(deps: {
  doc: DynamoDBDocumentClient;
  table: string;
  /** The Slack team id every key of this store begins with. */
  workspace: string;
}): SeriesStore {
  const { doc, table } = deps;
  const ws = checkWorkspace(deps.workspace);

  async function get(seriesId: string): Promise<SeriesRecord | undefined> {
    const items = await queryAll(doc, {
      TableName: table,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.seriesPartition(ws, seriesId) },
      ConsistentRead: true,
    });
    let series: SeriesItem | undefined;
    const sails: SeriesRecord['sails'] = [];
    for (const item of items) {
      if (entities.series.is(item)) series = entities.series.parse(item);
      else if (entities.seriesSail.is(item)) {
        const s = entities.seriesSail.parse(item);
        sails.push({ date: s.date, sailId: s.sailId });
      }
    }
    if (!series) return undefined;
    sails.sort((a, b) => a.date.localeCompare(b.date));
    return { series, sails };
  }

  return {
    async start(series) {
      const outcome = await transactWrite(doc, {
        TransactItems: [
          {
            Put: {
              TableName: table,
              Item: entities.series.item({ ...series, workspace: ws }),
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          // The series' sails skip this update in their own transactions (it is one hot item).
          { Update: registrationUpdate(table, ws, series.createdAt) },
        ],
      });
      return { created: outcome.ok };
    },

    get,

    async members(seriesId) {
      const record = await get(seriesId);
      if (!record || record.sails.length === 0) return [];
      const found = new Map<string, Sail>();
      const ids = record.sails.map((s) => s.sailId);
      for (let i = 0; i < ids.length; i += 100) {
        let request: Record<string, { Keys: Record<string, unknown>[] }> | undefined = {
          [table]: { Keys: ids.slice(i, i + 100).map((id) => ({ ...keys.sail(ws, id) })) },
        };
        for (let round = 0; request && round < 5; round++) {
          if (round > 0) await sleep(20 * 2 ** round);
          const r: BatchGetCommandOutput = await doc.send(new BatchGetCommand({ RequestItems: request }));
          for (const item of r.Responses?.[table] ?? []) {
            const sail = entities.sail.parse(item);
            found.set(sail.id, sail);
          }
          const unprocessed: Record<string, unknown>[] | undefined = r.UnprocessedKeys?.[table]?.Keys;
          request = unprocessed && unprocessed.length > 0 ? { [table]: { Keys: unprocessed } } : undefined;
        }
        if (request) throw new StorageError(`Could not read the sails of series ${seriesId} (throttled)`);
      }
      return record.sails.flatMap((s) => {
        const sail = found.get(s.sailId);
        return sail ? [{ date: s.date, sailId: s.sailId, sail }] : [];
      });
    },
  };
}
