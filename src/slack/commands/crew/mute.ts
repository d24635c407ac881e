/**
 * `/crew mute <id>` / `/crew unmute <id>`: the same as a DM's "Mute reminders for this sail"; the
 * crew-call reminder still comes. `/crew reminders [vessel]` shows when reminders go out.
 */
import { remindersOf } from '../../../crew/rules';
import { DEFAULT_VESSEL_ID } from '../../../sails/vessels';
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
    const vesselId = (ctx.args[0] ?? DEFAULT_VESSEL_ID).toLowerCase();
    const rules = await ctx.services.workspace(ctx.team).crewRules(vesselId);
    return renderReminders(vesselId, remindersOf(rules));
  },
};
