/**
 * Test helpers for the real local services: a fresh table per test file on DynamoDB Local, and
 * the SES emulator's store.
 */
import { randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { createDocumentClient, type DynamoOptions } from '../../src/store/client';
import { ensureTable } from '../../src/store/table';

/** The workspace (Slack team id) the tests' stores use: the one the app defaults to. */
export const WORKSPACE = 'T0LOCAL';

/** A new, empty table on DynamoDB Local with the production shape. */
export async function freshTable(): Promise<{
  doc: DynamoDBDocumentClient;
  table: string;
  dynamo: DynamoOptions;
}> {
  const dynamo: DynamoOptions = { region: 'us-west-2', endpoint: inject('dynamoEndpoint') };
  const table = `bosun-test-${randomUUID().slice(0, 8)}`;
  await ensureTable(dynamo, table);
  return { doc: createDocumentClient(dynamo), table, dynamo };
}

/** One message as the SES emulator stores it. */
export interface StoredEmail {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { text?: string; html?: string };
  attachments: unknown[];
  at: number;
}

/** The SES emulator's endpoint for this run. */
export function sesEndpoint(): string {
  return inject('sesEndpoint');
}

/** What the SES emulator has received so far. */
export async function sesStore(): Promise<StoredEmail[]> {
  const res = await fetch(`${sesEndpoint()}/store`);
  const body = (await res.json()) as { emails: StoredEmail[] };
  return body.emails;
}
