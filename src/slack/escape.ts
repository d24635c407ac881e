/**
 * Escaping for Slack mrkdwn: anything a person typed goes through `escapeMrkdwn` before it is put
 * in a message, so `<!channel>`, `<@U…>` and links are shown as text, not acted on.
 * @see https://api.slack.com/reference/surfaces/formatting#escaping
 */

/** Escapes `&`, `<` and `>` as Slack requires. */
export function escapeMrkdwn(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A user mention; ids are validated so a typed string can never become a mention. */
export function mention(userId: string): string {
  return /^[UW][A-Z0-9]+$/.test(userId) ? `<@${userId}>` : escapeMrkdwn(userId);
}

/**
 * A `<!date>` token so every reader sees the time in their own zone, with a plain fallback in the
 * vessel's zone for clients that cannot render it.
 * @see https://api.slack.com/reference/surfaces/formatting#date-formatting
 */
export function slackDate(at: Date, format: string, fallback: string): string {
  return `<!date^${Math.floor(at.getTime() / 1000)}^${format}|${escapeMrkdwn(fallback)}>`;
}
