/** `/crew claim <id> <role>` and `/crew release <id> <role>`: the same as the card's buttons. */
import type { Subcommand } from '../../context';
import { claimRole, type RosterAct, releaseRole } from '../../roster-ops';
import { sailIdArg } from '../sail/args';

/** A `/crew` sub-command that reads `<id> <role>` and hands it to one roster operation. */
function roleCommand(
  usage: string,
  what: string,
  example: string,
  act: (a: RosterAct) => Promise<string>,
): Subcommand {
  return {
    usage,
    async run(ctx) {
      const arg = sailIdArg(ctx, usage);
      if ('error' in arg) return arg.error;
      const role = ctx.args[1];
      if (!role) return `Say which ${what}: \`${usage}\`, e.g. \`${example.replace('<id>', arg.id)}\`.`;
      return act({
        deps: ctx.deps,
        client: ctx.client,
        sailId: arg.id,
        role,
        actor: ctx.userId,
        isAdmin: ctx.isAdmin,
      });
    },
  };
}

export const claim = roleCommand(
  '/crew claim <id> captain|crew|<slot>',
  'role',
  '/crew claim <id> crew',
  claimRole,
);
export const release = roleCommand(
  '/crew release <id> <slot>',
  'slot',
  '/crew release <id> crew-1',
  releaseRole,
);
