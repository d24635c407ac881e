/**
 * Versioned portfolio storage: each import that changes the file writes a new version
 * (`<team>#PORTFOLIO`/`V#000042`) and moves the `CURRENT` pointer in one transaction; importing the same
 * text again writes nothing.
 */
import { createHash } from 'node:crypto';
import { type DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { StorageError } from '../errors';
import type { Portfolio, PortfolioIssue } from '../reports/portfolio';
import { entities, type PortfolioItem } from './entities';
import { checkWorkspace } from './workspaces';

/**
 * The YAML parser and the portfolio's rules load with the first import or read, not with the
 * store: `createWorkspaceStores` builds this store on every cold start, and most never need it.
 */
const loadParser = async () => (await import('../reports/portfolio')).parsePortfolio;

/** What an import did: a new version, the same content again, or the file's problems. */
export type PortfolioImport =
  | { ok: true; version: number; changed: boolean }
  | { ok: false; issues: PortfolioIssue[] };

/** The portfolio in force and its version. */
export interface StoredPortfolio {
  version: number;
  importedAt: string;
  portfolio: Portfolio;
}

/** Reads and writes the portfolio. */
export interface PortfolioStore {
  /** Validates and stores the YAML; unchanged content keeps the current version. */
  importYaml(yamlText: string): Promise<PortfolioImport>;
  /** The current portfolio, or undefined when none was imported yet. */
  current(): Promise<StoredPortfolio | undefined>;
}

/** Builds the portfolio store over the single table. */
export function createPortfolioStore(deps: {
  doc: DynamoDBDocumentClient;
  table: string;
  /** The Slack team id every key of this store begins with. */
  workspace: string;
  now?: () => Date;
}): PortfolioStore {
  const { doc, table } = deps;
  const ws = checkWorkspace(deps.workspace);
  const now = deps.now ?? (() => new Date());

  async function readCurrent(): Promise<PortfolioItem | undefined> {
    const res = await doc.send(
      new GetCommand({
        TableName: table,
        Key: entities.portfolioCurrent.key({ workspace: ws }),
        ConsistentRead: true,
      }),
    );
    return res.Item ? entities.portfolioCurrent.parse(res.Item) : undefined;
  }

  return {
    async importYaml(yamlText) {
      const parsed = (await loadParser())(yamlText);
      if (!parsed.ok) return parsed;
      const sha256 = createHash('sha256').update(yamlText).digest('hex');
      const cur = await readCurrent();
      if (cur && cur.sha256 === sha256) return { ok: true, version: cur.version, changed: false };
      const version = (cur?.version ?? 0) + 1;
      const importedAt = now().toISOString();
      const body: PortfolioItem = { version, sha256, yaml: yamlText, importedAt };
      try {
        await doc.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: table,
                  Item: entities.portfolioVersion.item({ ...body, workspace: ws }),
                  ConditionExpression: 'attribute_not_exists(PK)',
                },
              },
              {
                Put: {
                  TableName: table,
                  Item: entities.portfolioCurrent.item({ ...body, workspace: ws }),
                  // Moves the pointer only from the version we read, so two imports cannot interleave.
                  ConditionExpression: cur ? 'version = :prev' : 'attribute_not_exists(PK)',
                  ...(cur ? { ExpressionAttributeValues: { ':prev': cur.version } } : {}),
                },
              },
            ],
          }),
        );
      } catch (err) {
        if (err instanceof Error && err.name === 'TransactionCanceledException') {
          throw new StorageError('Another portfolio import ran at the same time; run the import again.', {
            cause: err,
          });
        }
        throw err;
      }
      return { ok: true, version, changed: true };
    },

    async current() {
      const cur = await readCurrent();
      if (!cur) return undefined;
      const parsed = (await loadParser())(cur.yaml);
      if (!parsed.ok) {
        throw new StorageError(
          `Stored portfolio version ${cur.version} no longer validates; import it again.`,
        );
      }
      return { version: cur.version, importedAt: cur.importedAt, portfolio: parsed.portfolio };
    },
  };
}
