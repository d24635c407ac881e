/** `/crew designate <id> <slot> <@user>`: an admin assigns someone else. */
import { adminOnly, invocation, perform, type Subcommand } from '../../context';
import { renderClaim } from '../../render/outcomes';
import { sailIdArg, withIdNote } from '../sail/args';

const USAGE = '/crew designate <id> <slot> <@user>';

/**
 * Reads a person: `<@U123|name>` or `<@U123>` (how Slack sends a mention in command text), or a
 * bare `@U123` / `U123` user id as typed in `bosun slack`.
 */
export function userArg(s: string | undefined): string | undefined {
  const m = /^(?:<@([UW][A-Z0-9]+)(?:\|[^>]*)?>|@?([UW][A-Z0-9]{2,}))$/.exec(s ?? '');
  return m?.[1] ?? m?.[2];
}

export const designate: Subcommand = {
  usage: USAGE,
  adminOnly: true,
  async run(ctx) {
    if (!ctx.isAdmin) return adminOnly('designate crew', ctx.services.config);
    const arg = sailIdArg(ctx, USAGE);
    if ('error' in arg) return arg.error;
    const role = ctx.args[1];
    const user = userArg(ctx.args[2]);
    if (!role || !user) return `Usage: \`${USAGE}\`, e.g. \`/crew designate ${arg.id} captain @jane\`.`;
    const reply = await perform(
      ctx.services,
      ctx,
      (uc) => uc.claimRole(invocation(ctx), { sailId: arg.id, role, forUser: user }),
      (o) => renderClaim(o, ctx.services.config),
    );
    return withIdNote(arg, reply);
  },
};
