/**
 * Structured JSON logs (Powertools Logger). Code never logs tokens, magic codes, JWTs or guests'
 * email addresses; the JSON replacer below is a second line of defence that scrubs every string
 * (and every field with a sensitive name) on its way out, Bolt's own logs included.
 *
 * Per-request keys (the Slack user, a job id) go through `withLogContext`, not `logger.appendKeys`:
 * the logger is one per process, and keys appended for one request would show up on the lines of
 * every other request running at the same time.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { LogFormatter, Logger, LogItem } from '@aws-lambda-powertools/logger';
import type { LogAttributes, UnformattedAttributes } from '@aws-lambda-powertools/logger/types';
import type { Logger as BoltLogger, LogLevel } from '@slack/bolt';
import { redact } from './redact';

/** The string scrubber, re-exported for code that already logs. */
export { redact };

/** Fields whose values are never logged, whatever they hold. */
const SENSITIVE_KEYS = new Set([
  'authorization',
  'token',
  'code',
  'email',
  'jwt',
  'password',
  'secret',
  'signingsecret',
  'bottoken',
  'x-slack-signature',
  'x-bosun-origin-secret',
]);

/** The JSON replacer every log line goes through. */
export function redactingReplacer(key: string, value: unknown): unknown {
  if (key && SENSITIVE_KEYS.has(key.toLowerCase())) return '[redacted]';
  if (typeof value === 'string') return redact(value);
  if (value instanceof Error)
    return { name: value.name, message: redact(value.message), stack: redact(value.stack ?? '') };
  return value;
}

/** Keys that every log line of one request (or job) carries. */
export type LogContextKeys = Readonly<Record<string, unknown>>;

const logContextStore = new AsyncLocalStorage<LogContextKeys>();

/**
 * Runs `fn` with `keys` on every log line it writes, including lines written in its async
 * continuations (awaits, timers, promise callbacks started inside it), and on no other line.
 * Nested calls add to the outer keys; an inner key wins over an outer one of the same name, and a
 * key given at the call site (`logger.info('…', { key })`) wins over both. Lines go through the
 * same redaction as every other.
 * @see https://nodejs.org/api/async_context.html#class-asynclocalstorage
 */
export function withLogContext<T>(keys: LogContextKeys, fn: () => T): T {
  const outer = logContextStore.getStore();
  return logContextStore.run(outer ? { ...outer, ...keys } : { ...keys }, fn);
}

/** The keys of the current log context (empty outside `withLogContext`). */
export function currentLogContext(): LogContextKeys {
  return logContextStore.getStore() ?? {};
}

/**
 * Powertools' standard JSON shape (the same keys its default formatter writes), with the current
 * log context's keys added before the line's own. The formatter runs when the line is written, so
 * it sees the context of the code that wrote it.
 */
class ContextLogFormatter extends LogFormatter {
  formatAttributes(attributes: UnformattedAttributes, additional: LogAttributes): LogItem {
    const context = logContextStore.getStore();
    return new LogItem({
      attributes: {
        level: attributes.logLevel,
        message: attributes.message,
        timestamp: this.formatTimestamp(attributes.timestamp),
        service: attributes.serviceName,
        cold_start: attributes.lambdaContext?.coldStart,
        function_arn: attributes.lambdaContext?.invokedFunctionArn,
        function_memory_size: attributes.lambdaContext?.memoryLimitInMB,
        function_name: attributes.lambdaContext?.functionName,
        function_request_id: attributes.lambdaContext?.awsRequestId,
        sampling_rate: attributes.sampleRateValue,
        xray_trace_id: attributes.xRayTraceId,
        tenant_id: attributes.lambdaContext?.tenantId,
      },
    }).addAttributes(context ? { ...context, ...additional } : additional);
  }
}

/** The process-wide logger; `BOSUN_LOG_LEVEL` / `POWERTOOLS_LOG_LEVEL` set its level. */
export const logger = new Logger({
  serviceName: 'bosun',
  logLevel: (process.env.BOSUN_LOG_LEVEL ?? process.env.POWERTOOLS_LOG_LEVEL ?? 'INFO') as 'INFO',
  jsonReplacerFn: redactingReplacer,
  logFormatter: new ContextLogFormatter(),
});

/** Bolt's logger interface over ours, so Bolt's messages are structured and scrubbed too. */
export function boltLogger(): BoltLogger {
  let level = 'warn' as LogLevel;
  const text = (msg: unknown[]) => msg.map((m) => (typeof m === 'string' ? m : JSON.stringify(m))).join(' ');
  return {
    debug: (...m) => logger.debug(text(m), { source: 'bolt' }),
    info: (...m) => logger.info(text(m), { source: 'bolt' }),
    warn: (...m) => logger.warn(text(m), { source: 'bolt' }),
    error: (...m) => logger.error(text(m), { source: 'bolt' }),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
