/** `/crew claim <id> <role>` and `/crew release <id> <role>`: the same as the card's buttons. */
import { invocation, perform, type Subcommand } from '../../context';
import { renderClaim, renderRelease } from '../../render/outcomes';
import { sailIdArg, withIdNote } from '../sail/args';

function roleCommand(usage: string, what: string, example: string, kind: 'claim' | 'release'): Subcommand {
  return {
    usage,
    async run(ctx) {
      const arg = sailIdArg(ctx, usage);
      if ('error' in arg) return arg.error;
      const role = ctx.args[1];
      if (!role) return `Say which ${what}: \`${usage}\`, e.g. \`${example.replace('<id>', arg.id)}\`.`;
      const input = { sailId: arg.id, role };
      const config = ctx.services.config;
      const reply = await (kind === 'claim'
        ? perform(
            ctx.services,
            ctx,
            (uc) => uc.claimRole(invocation(ctx), input),
            (o) => renderClaim(o, config),
          )
        : perform(
            ctx.services,
            ctx,
            (uc) => uc.releaseRole(invocation(ctx), input),
            (o) => renderRelease(o, config),
          ));
      return withIdNote(arg, reply);
    },
  };
}

export const claim = roleCommand(
  '/crew claim <id> captain|crew|<slot>',
  'role',
  '/crew claim <id> crew',
  'claim',
);
export const release = roleCommand(
  '/crew release <id> <slot>',
  'slot',
  '/crew release <id> crew-1',
  'release',
);
