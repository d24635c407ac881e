/** `/sail checklist <id>`: posts the pre-departure checklist with checkboxes in the channel. */
import { checklistView } from '../../../sails/checklist';
import { findVessel } from '../../../sails/vessels';
import { checklistMessage } from '../../blocks/checklist';
import type { Subcommand } from '../../context';
import { escapeMrkdwn } from '../../escape';
import { sailIdArg, unknownSail } from './args';

const USAGE = '/sail checklist <id>';

export const checklist: Subcommand = {
  usage: USAGE,
  async run(ctx) {
    const arg = sailIdArg(ctx, USAGE);
    if ('error' in arg) return arg.error;
    const view = await ctx.deps.sails.get(arg.id);
    if (!view) return unknownSail(arg.id);
    const vessel = findVessel(view.sail.vesselId);
    if (!vessel.ok) return escapeMrkdwn(vessel.error);
    const msg = checklistMessage(view.sail, checklistView(vessel.value, view.checklist));
    await ctx.client.chat.postMessage({ channel: ctx.channelId, ...msg });
    return undefined;
  },
};
