/**
 * Every Query that may span pages goes through `paginateQuery` (the SDK's paginator follows
 * `LastEvaluatedKey`); this yields the items one by one, so a caller that has enough can stop
 * and no further page is read.
 * @see https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.Pagination.html
 */
import { type DynamoDBDocumentClient, paginateQuery, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';

/** The items a Query returns, page after page; `pageSize` sets each page's `Limit`. */
export async function* queryItems(
  doc: DynamoDBDocumentClient,
  input: QueryCommandInput,
  opts: { pageSize?: number } = {},
): AsyncGenerator<Record<string, unknown>> {
  const config = { client: doc, ...(opts.pageSize ? { pageSize: opts.pageSize } : {}) };
  // A copy: the paginator writes each page's `ExclusiveStartKey` (and `Limit`) into its input, so
  // a caller's input reused for a second Query would start where the first one ended.
  for await (const page of paginateQuery(config, { ...input })) yield* page.Items ?? [];
}

/** Every item a Query returns, all pages. */
export async function queryAll(
  doc: DynamoDBDocumentClient,
  input: QueryCommandInput,
): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for await (const item of queryItems(doc, input)) out.push(item);
  return out;
}
