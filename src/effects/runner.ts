/**
 * Runs a batch of effects after the answer: each exactly once (`once(effect.key)`), a few at a
 * time, each retried with backoff while its failure looks temporary. An effect that fails for good
 * is reported to the admins (once per effect) with what failed and the command that redoes it; the
 * batch then counts as handled. Only when even that report cannot be made does the batch throw, so
 * the job is delivered again (and, on AWS, lands in the dead-letter queue in the end).
 */
import { DeliveryError } from '../errors';
import type { Once } from '../idempotency';
import { logger } from '../log';
import type { Effect, EffectBatch, EffectType } from './types';

/** Runs one kind of effect for a workspace. Throwing means it did not happen. */
export type EffectHandler<T extends EffectType> = (
  effect: Extract<Effect, { type: T }>,
  ctx: { team: string },
) => Promise<void>;

/** A handler for every kind: a missing one is a compile error, not a silent no-op. */
export type EffectHandlers = { [T in EffectType]: EffectHandler<T> };

/** An effect that failed for good. */
export interface EffectFailure {
  team: string;
  effect: Effect;
  error: string;
}

/** What a batch came to. */
export interface BatchSummary {
  ran: number;
  /** Done before (a redelivery or a retried request). */
  skipped: number;
  /** Being done elsewhere right now. */
  inProgress: number;
  /** Left for the next delivery: the invocation had no time for another try. */
  deferred: number;
  failed: EffectFailure[];
}

/** Retry settings: `attempts` in all, waiting `baseMs × 4^n` (with jitter) between them. */
export interface RetryPolicy {
  attempts: number;
  baseMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseMs: 250 };

/** Time kept free at the end of an invocation (the once-record and the job's own bookkeeping). */
const TIME_MARGIN_MS = 3000;

/** A retry that would not fit in the invocation's time. */
class OutOfTime extends Error {
  constructor(cause: unknown) {
    super('no time left in this invocation for another try', { cause });
  }
}

/** Effects run at once within a batch (guest emails: SES's rate is 14/s by default). */
const CONCURRENCY = 4;

/** Whether another try may succeed. Slack's platform errors (e.g. `channel_not_found`) will not. */
export function isTemporary(err: unknown): boolean {
  if (err instanceof DeliveryError) return err.retryable;
  const e = err as { code?: string; data?: { error?: string } };
  if (e?.code === 'slack_webapi_platform_error') {
    return [
      'ratelimited',
      'internal_error',
      'fatal_error',
      'service_unavailable',
      'request_timeout',
    ].includes(e.data?.error ?? '');
  }
  return true;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Builds the runner. */
export function createEffectRunner(deps: {
  once: Once;
  /** The handlers of a workspace (its stores). */
  handlers: (team: string) => EffectHandlers;
  /** Tells the admins about an effect that failed for good (DMs, itself done once per effect). */
  reportFailure: (failure: EffectFailure) => Promise<void>;
  retry?: RetryPolicy;
  sleep?: (ms: number) => Promise<void>;
  /** Time left in this invocation: a retry that would not fit is left to the job's redelivery. */
  remainingMs?: () => number;
}) {
  const retry = deps.retry ?? DEFAULT_RETRY;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));

  async function attempt(team: string, effect: Effect): Promise<void> {
    const handler = deps.handlers(team)[effect.type] as EffectHandler<EffectType>;
    for (let n = 1; ; n++) {
      try {
        await handler(effect as never, { team });
        return;
      } catch (err) {
        if (n >= retry.attempts || !isTemporary(err)) throw err;
        const wait = retry.baseMs * 4 ** (n - 1) * (0.5 + Math.random() / 2);
        if (deps.remainingMs && deps.remainingMs() < wait + TIME_MARGIN_MS) throw new OutOfTime(err);
        logger.warn('effect failed; retrying', {
          type: effect.type,
          key: effect.key,
          attempt: n,
          error: message(err),
        });
        await sleep(wait);
      }
    }
  }

  async function runOne(team: string, effect: Effect, summary: BatchSummary) {
    try {
      const r = await deps.once(`effect:${team}:${effect.key}`, async () => {
        await attempt(team, effect);
        return true;
      });
      if (r.status === 'ran') summary.ran++;
      else if (r.status === 'done') summary.skipped++;
      else summary.inProgress++;
    } catch (err) {
      if (err instanceof OutOfTime) {
        // Not a failure for good: the job is delivered again (EventBridge / Lambda retries).
        summary.deferred++;
        logger.warn('effect deferred to the next delivery', { type: effect.type, key: effect.key });
        return;
      }
      const failure = { team, effect, error: message(err) };
      summary.failed.push(failure);
      logger.error('effect failed for good', { type: effect.type, key: effect.key, error: failure.error });
      // Reported once per effect; if the report itself fails the batch throws and is redelivered.
      await deps.once(`effect-failure:${team}:${effect.key}`, async () => {
        await deps.reportFailure(failure);
        return true;
      });
    }
  }

  return {
    async run(batch: EffectBatch): Promise<BatchSummary> {
      const summary: BatchSummary = { ran: 0, skipped: 0, inProgress: 0, deferred: 0, failed: [] };
      const queue = [...batch.effects];
      const worker = async () => {
        for (let e = queue.shift(); e; e = queue.shift()) await runOne(batch.team, e, summary);
      };
      await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queue.length) }, worker));
      if (summary.deferred > 0) {
        throw new Error(`${summary.deferred} effect(s) ran out of time; the job will be delivered again`);
      }
      return summary;
    },
  };
}

export type EffectRunner = ReturnType<typeof createEffectRunner>;
