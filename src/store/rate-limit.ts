/**
 * Fixed-window counters in the table, since Lambda instances share no memory: one atomic `ADD` per
 * hit on `RATE#<bucket>`/`W#<window start>`, with a TTL so old windows disappear on their own.
 */
import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keys, ttlSeconds } from './keys';

/** A limit: at most `limit` hits per window of `windowSeconds`. */
export interface RateLimitRule {
  limit: number;
  windowSeconds: number;
}

/** The state of a bucket after a hit. */
export interface RateLimitHit {
  count: number;
  allowed: boolean;
  /** Seconds until the window ends, for `Retry-After`. */
  retryAfterSeconds: number;
}

/** Counts hits per bucket per window. */
export interface RateLimiter {
  /** Counts one hit and says whether it is within the limit. */
  hit(bucket: string, rule: RateLimitRule): Promise<RateLimitHit>;
  /** Takes a hit back (an attempt that turned out not to count, such as a successful claim). */
  undo(bucket: string, rule: RateLimitRule): Promise<void>;
  /** The current window's count without changing it. */
  peek(bucket: string, rule: RateLimitRule): Promise<number>;
}

/** Builds the table-backed rate limiter. */
export function createRateLimiter(deps: {
  doc: DynamoDBDocumentClient;
  table: string;
  now?: () => Date;
}): RateLimiter {
  const { doc, table } = deps;
  const now = deps.now ?? (() => new Date());

  function window(rule: RateLimitRule) {
    const ms = rule.windowSeconds * 1000;
    const at = now().getTime();
    const start = Math.floor(at / ms) * ms;
    return { start: new Date(start), end: new Date(start + ms), at };
  }

  async function add(bucket: string, rule: RateLimitRule, delta: number) {
    const w = window(rule);
    const r = await doc.send(
      new UpdateCommand({
        TableName: table,
        Key: keys.rateLimit(bucket, w.start.toISOString()),
        UpdateExpression: 'ADD #n :delta SET expiresAt = if_not_exists(expiresAt, :ttl), #type = :type',
        ExpressionAttributeNames: { '#n': 'count', '#type': 'type' },
        // Kept a window past its end so a clock skew between instances cannot reset it early.
        ExpressionAttributeValues: {
          ':delta': delta,
          ':ttl': ttlSeconds(w.end) + rule.windowSeconds,
          ':type': 'rate',
        },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return { count: Number(r.Attributes?.count ?? 0), w };
  }

  return {
    async hit(bucket, rule) {
      const { count, w } = await add(bucket, rule, 1);
      return {
        count,
        allowed: count <= rule.limit,
        retryAfterSeconds: Math.max(1, Math.ceil((w.end.getTime() - w.at) / 1000)),
      };
    },
    async undo(bucket, rule) {
      await add(bucket, rule, -1);
    },
    async peek(bucket, rule) {
      const w = window(rule);
      const r = await doc.send(
        new GetCommand({
          TableName: table,
          Key: keys.rateLimit(bucket, w.start.toISOString()),
          ConsistentRead: true,
        }),
      );
      return Number(r.Item?.count ?? 0);
    },
  };
}
