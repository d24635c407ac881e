/**
 * Structured JSON logs (Powertools Logger). Code never logs tokens, magic codes, JWTs or guests'
 * email addresses; the JSON replacer below is a second line of defence that scrubs every string
 * (and every field with a sensitive name) on its way out, Bolt's own logs included.
 */
import { Logger } from '@aws-lambda-powertools/logger';
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

/** The process-wide logger; `BOSUN_LOG_LEVEL` / `POWERTOOLS_LOG_LEVEL` set its level. */
export const logger = new Logger({
  serviceName: 'bosun',
  logLevel: (process.env.BOSUN_LOG_LEVEL ?? process.env.POWERTOOLS_LOG_LEVEL ?? 'INFO') as 'INFO',
  jsonReplacerFn: redactingReplacer,
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
