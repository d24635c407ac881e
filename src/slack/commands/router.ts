/**
 * Turns a table of sub-commands into one slash-command listener: `help` (or nothing) prints usage,
 * an unknown word says what exists, and every reply is ephemeral.
 */
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { BosunError, errorCodes } from '../../errors';
import { logger } from '../../log';
import type { MessageBody } from '../blocks/types';
import { isAdmin, type Reply, type SlackServices, type Subcommand } from '../context';
import { escapeMrkdwn } from '../escape';

/** The usage text for a command. */
export function usageText(command: string, subs: Record<string, Subcommand>, admin: boolean): string {
  const lines = Object.values(subs)
    .filter((s) => admin || !s.adminOnly)
    .map((s) => `• \`${s.usage}\`${s.adminOnly ? ' (admins)' : ''}`);
  return `*${command}* — what you can do:\n${lines.join('\n')}\n• \`${command} help\` shows this.`;
}

const ephemeral = (reply: Reply) =>
  typeof reply === 'string'
    ? { response_type: 'ephemeral' as const, text: reply }
    : { response_type: 'ephemeral' as const, ...(reply as MessageBody) };

/**
 * Slack sends `&`, `<` and `>` that a person typed as HTML entities; real mentions arrive as
 * `<@U…|name>`. Decoding here gives the domain the text as typed; output escapes it again.
 * @see https://api.slack.com/reference/surfaces/formatting#escaping
 */
export function decodeSlackText(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Levenshtein distance, for "did you mean". */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j] ?? 0;
      row[j] = Math.min(cur + 1, (row[j - 1] ?? 0) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length] ?? 0;
}

/** The sub-command a typo most likely meant (two edits at most), if any. */
export function closest(word: string, choices: readonly string[]): string | undefined {
  const ranked = choices.map((c) => ({ c, d: distance(word, c) })).sort((x, y) => x.d - y.d);
  const best = ranked[0];
  return best && best.d <= 2 && best.d < word.length ? best.c : undefined;
}

/** What a person sees when Bosun itself failed (not their input). */
export function failureReply(what: string): string {
  return `Sorry — \`${what}\` failed on our side and may not have finished. Check the card or \`/sail list\`, then try again in a minute; if it keeps failing, tell an admin.`;
}

/** The reply for a failure: the database not answering says so (nothing was changed). */
export function replyForFailure(err: unknown, what: string): string {
  return err instanceof BosunError && err.code === errorCodes.unavailable ? err.message : failureReply(what);
}

/** Builds the listener for one slash command. */
export function commandRouter(
  command: string,
  services: SlackServices,
  subs: (team: string) => Record<string, Subcommand>,
) {
  return async ({ command: cmd, ack, client }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    const table = subs(cmd.team_id);
    const text = decodeSlackText(cmd.text).trim();
    const words = text.split(/\s+/).filter(Boolean);
    const name = (words[0] ?? 'help').toLowerCase();
    const admin = isAdmin(services.config, cmd.user_id);
    // A table with its own `help` (e.g. `/report`, which lists the portfolio's entities) answers it.
    if (name === 'help' && !table.help) {
      await ack(ephemeral(usageText(command, table, admin)));
      return;
    }
    const sub = table[name];
    if (!sub) {
      const guess = closest(name, Object.keys(table));
      await ack(
        ephemeral(
          `\`${command} ${escapeMrkdwn(name.slice(0, 30))}\` is not something I know.${guess ? ` Did you mean \`${command} ${guess}\`?` : ''} Try one of: ${Object.keys(table).join(', ')} — or \`${command} help\`.`,
        ),
      );
      return;
    }
    const rest = text.slice(words[0]?.length ?? 0).trim();
    let reply: Reply | null | undefined;
    try {
      reply = await sub.run({
        args: words.slice(1),
        rest,
        team: cmd.team_id,
        userId: cmd.user_id,
        channelId: cmd.channel_id,
        triggerId: cmd.trigger_id,
        requestKey: cmd.trigger_id,
        isAdmin: admin,
        client,
        services,
      });
    } catch (err) {
      // The failure is logged with its cause; the person gets a reply instead of Slack's
      // "dispatch_failed", and nothing half-done is claimed as done.
      logger.error('a slash command failed', { command, sub: name, error: err });
      await ack(ephemeral(replyForFailure(err, `${command} ${name}`)));
      return;
    }
    await ack(reply === undefined || reply === null ? undefined : ephemeral(reply));
  };
}
