/** `/crew claim <id> <role>` and `/crew release <id> <role>`: the same as the card's buttons. */
import type { Subcommand } from '../../context';
import { claimRole, releaseRole } from '../../roster-ops';
import { sailIdArg } from '../sail/args';

const CLAIM = '/crew claim <id> captain|crew|<slot>';
const RELEASE = '/crew release <id> <slot>';

export const claim: Subcommand = {
  usage: CLAIM,
  async run(ctx) {
    const arg = sailIdArg(ctx, CLAIM);
    if ('error' in arg) return arg.error;
    const role = ctx.args[1];
    if (!role) return `Say which role: \`${CLAIM}\`, e.g. \`/crew claim ${arg.id} crew\`.`;
    return claimRole({
      deps: ctx.deps,
      client: ctx.client,
      sailId: arg.id,
      role,
      actor: ctx.userId,
      isAdmin: ctx.isAdmin,
    });
  },
};

export const release: Subcommand = {
  usage: RELEASE,
  async run(ctx) {
    const arg = sailIdArg(ctx, RELEASE);
    if ('error' in arg) return arg.error;
    const role = ctx.args[1];
    if (!role) return `Say which slot: \`${RELEASE}\`, e.g. \`/crew release ${arg.id} crew-1\`.`;
    return releaseRole({
      deps: ctx.deps,
      client: ctx.client,
      sailId: arg.id,
      role,
      actor: ctx.userId,
      isAdmin: ctx.isAdmin,
    });
  },
};
