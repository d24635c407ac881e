/** Reading a sail id out of what someone typed, with a reply that says how to write it. */
import { normalizeSailId } from '../../../sails/ids';
import type { CommandContext } from '../../context';
import { escapeMrkdwn } from '../../escape';

/** The sail id in `args[0]`, or the sentence to send back. */
export function sailIdArg(
  ctx: Pick<CommandContext, 'args'>,
  usage: string,
): { id: string } | { error: string } {
  const raw = ctx.args[0];
  if (!raw) return { error: `Give a sail id. Usage: \`${usage}\`. \`/sail list\` shows the ids.` };
  const id = normalizeSailId(raw);
  if (!id) {
    return {
      error: `"${escapeMrkdwn(raw.slice(0, 40))}" is not a sail id; ids look like S-7K2M9Q. \`/sail list\` shows them.`,
    };
  }
  return { id };
}
