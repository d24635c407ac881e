/**
 * Workspaces: the Slack team ids every workspace-scoped key begins with, validated where a store is
 * built, and the registry (`WORKSPACES`/`<team>`) that lets the nudge sweep list them with one
 * Query instead of a scan. A sail's creation registers its workspace in the same transaction.
 */
import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { BosunError, errorCodes } from '../errors';
import { workspaceId } from '../workspace-id';
import { entities } from './entities';
import { keys } from './keys';
import { queryItems } from './query';

export { workspaceId } from '../workspace-id';

/** Returns the workspace id, or throws a `BosunError` saying what a team id looks like. */
export function checkWorkspace(workspace: string): string {
  const r = workspaceId.safeParse(workspace);
  if (!r.success) {
    throw new BosunError(errorCodes.invalidInput, `Workspace "${workspace}" ${r.error.issues[0]?.message}.`);
  }
  return r.data;
}

/** The update that records a workspace in the registry; idempotent (the first time is kept). */
export function registrationUpdate(table: string, workspace: string, at: Date) {
  return {
    TableName: table,
    Key: entities.workspace.key({ workspace }),
    UpdateExpression: 'SET #type = :type, workspace = :ws, registeredAt = if_not_exists(registeredAt, :at)',
    ExpressionAttributeNames: { '#type': 'type' },
    ExpressionAttributeValues: {
      ':type': entities.workspace.name,
      ':ws': workspace,
      ':at': at.toISOString(),
    },
  };
}

/** The registry of workspaces. */
export interface WorkspaceRegistry {
  /** Records a workspace; doing it again changes nothing. */
  registerWorkspace(team: string): Promise<void>;
  /** Every registered workspace, in id order (one Query). */
  listWorkspaces(): Promise<string[]>;
}

/** Builds the registry over the document client and table. */
export function createWorkspaceRegistry(deps: {
  doc: DynamoDBDocumentClient;
  table: string;
  now?: () => Date;
}): WorkspaceRegistry {
  const { doc, table } = deps;
  const now = deps.now ?? (() => new Date());
  return {
    async registerWorkspace(team) {
      await doc.send(new UpdateCommand(registrationUpdate(table, checkWorkspace(team), now())));
    },
    async listWorkspaces() {
      const out: string[] = [];
      const items = queryItems(doc, {
        TableName: table,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.workspacesPartition() },
      });
      for await (const item of items) out.push(entities.workspace.parse(item).workspace);
      return out;
    },
  };
}
