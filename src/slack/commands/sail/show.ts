/** `/sail show <id>`: posts the sail card in the channel where it was asked for. */
import type { Subcommand } from '../../context';
import { postCard } from '../../sail-cards';
import { sailIdArg, unknownSail } from './args';

const USAGE = '/sail show <id>';

export const show: Subcommand = {
  usage: USAGE,
  async run(ctx) {
    const arg = sailIdArg(ctx, USAGE);
    if ('error' in arg) return arg.error;
    const posted = await postCard(ctx.deps, ctx.client, arg.id, ctx.channelId);
    if (!posted) return unknownSail(arg.id);
    return undefined;
  },
};
