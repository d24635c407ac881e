/**
 * Sliding-window counters in the table, since Lambda instances share no memory: one atomic `ADD`
 * per hit on `RATE#<bucket>`/`W#<window start>`, with a TTL so old windows disappear on their own.
 * A hit is judged on an estimate over the last `windowSeconds` (this window's count plus the
 * previous window's count weighted by how much of it is still inside the sliding window), so a burst
 * cannot straddle a window boundary to get twice the limit through.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { entities } from './entities';
import { ttlSeconds } from './keys';

/** A limit: at most `limit` hits in any `windowSeconds`. */
export interface RateLimitRule {
  limit: number;
  windowSeconds: number;
}

/** The state of a bucket after a hit. */
export interface RateLimitHit {
  /** The sliding-window estimate of hits, this one included (may be fractional). */
  count: number;
  allowed: boolean;
  /** Seconds until one more hit would be allowed if none came meanwhile, for `Retry-After`. */
  retryAfterSeconds: number;
  /** The window this hit was counted in: pass it to `undo` to take this very hit back. */
  window: string;
}

/** Counts hits per bucket over a sliding window. */
export interface RateLimiter {
  /** Counts one hit and says whether it is within the limit. */
  hit(bucket: string, rule: RateLimitRule): Promise<RateLimitHit>;
  /**
   * Takes a hit back (an attempt that turned out not to count, such as a successful claim) from the
   * window `hit` counted it in, never from a later one; a count never goes below zero.
   */
  undo(bucket: string, window: string): Promise<void>;
  /** The sliding-window estimate without changing it. */
  peek(bucket: string, rule: RateLimitRule): Promise<number>;
}

/** Where an instant falls: its window's start and the milliseconds elapsed in it. */
function windowAt(rule: RateLimitRule, at: number) {
  const ms = rule.windowSeconds * 1000;
  const start = Math.floor(at / ms) * ms;
  return {
    ms,
    start,
    elapsed: at - start,
    key: new Date(start).toISOString(),
    previousKey: new Date(start - ms).toISOString(),
  };
}

/** Whether `current` hits in this window plus `previous` in the last one are within the limit. */
function within(rule: RateLimitRule, w: { ms: number; elapsed: number }, current: number, previous: number) {
  // Integer arithmetic (all scaled by the window's length), so the boundary case is exact.
  return current * w.ms + previous * (w.ms - w.elapsed) <= rule.limit * w.ms;
}

/**
 * Milliseconds from now until one more hit would be within the limit, if no other hit came first:
 * later in this window as the previous window's weight fades, or else in the next window.
 */
function retryAfterMs(
  rule: RateLimitRule,
  w: { ms: number; elapsed: number },
  current: number,
  previous: number,
) {
  const room = rule.limit - current - 1;
  if (room >= 0) {
    if (previous === 0) return 0;
    const at = Math.ceil(w.ms - (room * w.ms) / previous);
    if (at < w.ms) return Math.max(0, at - w.elapsed);
  }
  // In the next window this window's count becomes the previous one, fading as that window goes on.
  const fade = current === 0 ? 0 : Math.max(0, Math.ceil(w.ms - ((rule.limit - 1) * w.ms) / current));
  return w.ms - w.elapsed + fade;
}

/** Builds the table-backed rate limiter. */
export function createRateLimiter(deps: {
  doc: DynamoDBDocumentClient;
  table: string;
  now?: () => Date;
}): RateLimiter {
  const { doc, table } = deps;
  const now = deps.now ?? (() => new Date());

  async function count(bucket: string, windowKey: string): Promise<number> {
    const r = await doc.send(
      new GetCommand({
        TableName: table,
        Key: entities.rateWindow.key({ bucket, window: windowKey }),
        ConsistentRead: true,
      }),
    );
    return r.Item ? entities.rateWindow.parse(r.Item).count : 0;
  }

  return {
    async hit(bucket, rule) {
      const w = windowAt(rule, now().getTime());
      const [updated, previous] = await Promise.all([
        doc.send(
          new UpdateCommand({
            TableName: table,
            Key: entities.rateWindow.key({ bucket, window: w.key }),
            UpdateExpression: 'ADD #n :one SET expiresAt = if_not_exists(expiresAt, :ttl), #type = :type',
            ExpressionAttributeNames: { '#n': 'count', '#type': 'type' },
            // Kept until the window after next has begun: it is the "previous" window until then,
            // plus a window's slack so a clock skew between instances cannot lose it early.
            ExpressionAttributeValues: {
              ':one': 1,
              ':ttl': ttlSeconds(new Date(w.start + 3 * w.ms)),
              ':type': entities.rateWindow.name,
            },
            ReturnValues: 'UPDATED_NEW',
          }),
        ),
        count(bucket, w.previousKey),
      ]);
      const current = Number(updated.Attributes?.count ?? 0);
      return {
        count: current + (previous * (w.ms - w.elapsed)) / w.ms,
        allowed: within(rule, w, current, previous),
        retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs(rule, w, current, previous) / 1000)),
        window: w.key,
      };
    },

    async undo(bucket, window) {
      try {
        await doc.send(
          new UpdateCommand({
            TableName: table,
            Key: entities.rateWindow.key({ bucket, window }),
            UpdateExpression: 'ADD #n :minusOne',
            // Only a hit that was counted can be taken back: no item and no negative counts.
            ConditionExpression: 'attribute_exists(PK) AND #n > :zero',
            ExpressionAttributeNames: { '#n': 'count' },
            ExpressionAttributeValues: { ':minusOne': -1, ':zero': 0 },
          }),
        );
      } catch (err) {
        // Nothing to take back (the window's item expired or is already at zero): an expected outcome.
        if (!(err instanceof ConditionalCheckFailedException)) throw err;
      }
    },

    async peek(bucket, rule) {
      const w = windowAt(rule, now().getTime());
      const [current, previous] = await Promise.all([count(bucket, w.key), count(bucket, w.previousKey)]);
      return current + (previous * (w.ms - w.elapsed)) / w.ms;
    },
  };
}
