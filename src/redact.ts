/**
 * Scrubs secrets and personal data out of a string bound for a log or a summary: plain string
 * rules, so domain code can use them without loading the logger.
 */

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const SECRETS =
  /\b(xox[abpr]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+|eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)/g;
/** A magic code in a guest link (`/g/ABCD2345`). */
const MAGIC_LINK = /\/g\/[A-Za-z0-9]{6,12}\b/g;

/** Replaces email addresses, Slack/JWT tokens and magic-link codes in a string. */
export function redact(s: string): string {
  return s
    .replace(SECRETS, '[redacted-token]')
    .replace(EMAIL, '[redacted-email]')
    .replace(MAGIC_LINK, '/g/[redacted-code]');
}
