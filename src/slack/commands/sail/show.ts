/**
 * `/sail show <id>` and `/sail checklist <id>`: post the sail's card (or checklist) where asked;
 * it becomes the live one, and the previous copy is deleted, so no copy ever shows a stale roster.
 */
import { invocation, perform, type Subcommand } from '../../context';
import { renderPostCard } from '../../render/outcomes';
import { sailIdArg, withIdNote } from './args';

function postCommand(what: 'card' | 'checklist', usage: string): Subcommand {
  return {
    usage,
    async run(ctx) {
      const arg = sailIdArg(ctx, usage);
      if ('error' in arg) return arg.error;
      const reply = await perform(
        ctx.services,
        ctx,
        (uc) => uc.postSailMessage(invocation(ctx), { sailId: arg.id, channel: ctx.channelId, what }),
        (o) => renderPostCard(o, ctx.services.config),
      );
      return withIdNote(arg, reply);
    },
  };
}

export const show = postCommand('card', '/sail show <id>');
export const checklist = postCommand('checklist', '/sail checklist <id>');
