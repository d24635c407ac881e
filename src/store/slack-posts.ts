/**
 * Where each sail's live Slack messages are: its card and its checklist (`SAIL#<id>`/`POST#<what>`).
 * This is Slack's business, not the domain's, so the sail itself carries no channel or `ts`.
 * `move` records a new live message and returns the one it replaced, so the caller deletes that.
 */
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { keys } from './keys';

/** A posted message. */
export interface SlackPost {
  channel: string;
  ts: string;
  /** A card only: whether it may name the guests where it is (decided when it was posted). */
  showNames?: boolean | undefined;
}

/** Which live message: the card, the checklist, or the cover request of a slot (`cover-crew-1`). */
export type PostKind = 'card' | 'checklist' | `cover-${string}`;

const item = z.object({ channel: z.string(), ts: z.string(), showNames: z.boolean().optional() });

/** The store of live messages. */
export interface SlackPostStore {
  get(sailId: string, what: PostKind): Promise<SlackPost | undefined>;
  /** Makes `post` the live one; returns the previous live message, if any. */
  move(sailId: string, what: PostKind, post: SlackPost): Promise<SlackPost | undefined>;
}

export function createSlackPostStore(deps: {
  doc: DynamoDBDocumentClient;
  table: string;
  workspace: string;
}): SlackPostStore {
  const { doc, table, workspace } = deps;
  return {
    async get(sailId, what) {
      const r = await doc.send(
        new GetCommand({ TableName: table, Key: keys.slackPost(workspace, sailId, what) }),
      );
      const parsed = item.safeParse(r.Item);
      return parsed.success ? parsed.data : undefined;
    },
    async move(sailId, what, post) {
      const r = await doc.send(
        new PutCommand({
          TableName: table,
          Item: {
            ...keys.slackPost(workspace, sailId, what),
            type: 'slack-post',
            sailId,
            what,
            channel: post.channel,
            ts: post.ts,
            ...(post.showNames === undefined ? {} : { showNames: post.showNames }),
          },
          ReturnValues: 'ALL_OLD',
        }),
      );
      const old = item.safeParse(r.Attributes);
      return old.success && (old.data.ts !== post.ts || old.data.channel !== post.channel)
        ? old.data
        : undefined;
    },
  };
}
