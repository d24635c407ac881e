/**
 * Structured JSON logs (Powertools Logger). Never log tokens, magic codes, JWTs or guests' email
 * addresses: the redaction below is a second line of defence, not the first.
 */
import { Logger } from '@aws-lambda-powertools/logger';

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const SECRETS =
  /\b(xox[abpr]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+|eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)/g;

/** Replaces email addresses and Slack/JWT tokens in a string. */
export function redact(s: string): string {
  return s.replace(SECRETS, '[redacted-token]').replace(EMAIL, '[redacted-email]');
}

/** The process-wide logger; `BOSUN_LOG_LEVEL` / `POWERTOOLS_LOG_LEVEL` set its level. */
export const logger = new Logger({
  serviceName: 'bosun',
  logLevel: (process.env.BOSUN_LOG_LEVEL ?? process.env.POWERTOOLS_LOG_LEVEL ?? 'INFO') as 'INFO',
});
