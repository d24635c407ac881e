/**
 * `/crew mute <id>` / `/crew unmute <id>`: the same as a DM's "Mute reminders for this sail"; the
 * crew-call reminder still comes. `/crew reminders [vessel]` shows when reminders go out.
 */
import { remindersOf } from '../../../crew/rules';
import { invocation, perform, type Subcommand } from '../../context';
import { renderMute, renderReminders } from '../../render/crew';
import { sailIdArg } from '../sail/args';

function muteCommand(muted: boolean, usage: string): Subcommand {
  return {
    usage,
    async run(ctx) {
      const arg = sailIdArg(ctx, usage);
      if ('error' in arg) return arg.error;
      return perform(
        ctx.services,
        ctx,
        (uc) => uc.muteReminders(invocation(ctx), { sailId: arg.id, muted }),
        renderMute,
      );
    },
  };
}

export const mute = muteCommand(true, '/crew mute <id>');
export const unmute = muteCommand(false, '/crew unmute <id>');

export const reminders: Subcommand = {
  usage: '/crew reminders [vessel]',
  async run(ctx) {
    const uc = ctx.services.workspace(ctx.team);
    let vesselId = ctx.args[0]?.toLowerCase();
    if (!vesselId) {
      // Without a vessel: the fleet's only vessel in service, or the question which.
      const vessels = await uc.vesselsInService();
      const only = vessels.length === 1 ? vessels[0] : undefined;
      if (!only)
        return `Say which vessel: \`/crew reminders <vessel>\`${vessels.length ? ` (${vessels.map((v) => v.id).join(', ')})` : ''}.`;
      vesselId = only.id;
    }
    const rules = await uc.crewRules(vesselId);
    return renderReminders(vesselId, remindersOf(rules));
  },
};
