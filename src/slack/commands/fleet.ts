/**
 * `/fleet` (admins): no text opens the form; `list`, `show <vessel>`, `add <vessel-id> <name…>
 * [key=value…]`, `set <vessel> key=value…`, `retire <vessel>`, `regulars <vessel> <@user…>|none`,
 * `captains <vessel> <@user…>|none`. Each parses, calls its use case and answers.
 */
import { SETTINGS_USAGE, type Setting, settingsOf, tokenizeSettings } from '../../fleet/settings';
import { FLEET_SET_HELP, fleetFormModal, fleetListMessage, vesselMessage } from '../blocks/fleet';
import { adminOnly, type CommandContext, invocation, perform, type Subcommand } from '../context';
import { escapeMrkdwn } from '../escape';
import {
  renderAddVessel,
  renderCrewList,
  renderRetireVessel,
  renderSetVessel,
  unknownVessel,
} from '../render/fleet';
import { userArg } from './crew/designate';

const WHAT = 'manage the fleet';

function needVessel(ctx: CommandContext, usage: string): string | { error: string } {
  const id = ctx.args[0];
  return id ? id : { error: `Say which vessel: \`${usage}\`. \`/fleet list\` shows the ids.` };
}

/** `/fleet` with no text: the form. */
export const form: Subcommand = {
  usage: '/fleet (no text: a form to add or change a vessel)',
  adminOnly: true,
  async run(ctx) {
    if (!ctx.isAdmin) return adminOnly(WHAT, ctx.services.config);
    // The one Web API call before the answer: a modal needs the trigger, which expires in 3 s.
    await ctx.client.views.open({ trigger_id: ctx.triggerId, view: fleetFormModal() });
    return undefined;
  },
};

export const list: Subcommand = {
  usage: '/fleet list',
  adminOnly: true,
  async run(ctx) {
    const o = await ctx.services.workspace(ctx.team).listFleet(invocation(ctx));
    return o.kind === 'not_admin' ? adminOnly(WHAT, ctx.services.config) : fleetListMessage(o.vessels);
  },
};

const SHOW = '/fleet show <vessel>';
export const show: Subcommand = {
  usage: SHOW,
  adminOnly: true,
  async run(ctx) {
    const id = needVessel(ctx, SHOW);
    if (typeof id !== 'string') return id.error;
    const o = await ctx.services.workspace(ctx.team).showVessel(invocation(ctx), { vesselId: id });
    if (o.kind === 'not_admin') return adminOnly(WHAT, ctx.services.config);
    if (o.kind === 'no_such_vessel') return unknownVessel(o);
    return vesselMessage(o.vessel, o.history);
  },
};

const ADD = '/fleet add <vessel-id> <name…> [key=value…]';
export const add: Subcommand = {
  usage: ADD,
  help: `e.g. \`/fleet add sea-fever Sea Fever guests=6 crew=2 port="Shelter Island" lat=32.714 lng=-117.229 zone=America/Los_Angeles\`. ${FLEET_SET_HELP}`,
  adminOnly: true,
  async run(ctx) {
    if (!ctx.isAdmin) return adminOnly(WHAT, ctx.services.config);
    const id = ctx.args[0];
    const tokens = tokenizeSettings(ctx.args.slice(1).join(' '));
    if (!id || !tokens.ok) return `${tokens.ok ? '' : `${escapeMrkdwn(tokens.error)} `}Usage: \`${ADD}\``;
    // The name is the words before the first key=value; what follows must all be settings.
    const first = tokens.value.findIndex((t) => t.kind === 'setting');
    const nameTokens = first < 0 ? tokens.value : tokens.value.slice(0, first);
    const settings = settingsOf(first < 0 ? [] : tokens.value.slice(first));
    if (!settings.ok) return `${escapeMrkdwn(settings.error)} Nothing was changed.`;
    const name = nameTokens.map((t) => (t.kind === 'word' ? t.text : '')).join(' ');
    return perform(
      ctx.services,
      ctx,
      (uc) => uc.addVessel(invocation(ctx), { vesselId: id, name, settings: settings.value }),
      (o) => renderAddVessel(o, ctx.services.config),
    );
  },
};

const SET = '/fleet set <vessel> key=value…';
export const set: Subcommand = {
  usage: SET,
  help: FLEET_SET_HELP,
  adminOnly: true,
  async run(ctx) {
    if (!ctx.isAdmin) return adminOnly(WHAT, ctx.services.config);
    const id = needVessel(ctx, SET);
    if (typeof id !== 'string') return id.error;
    const tokens = tokenizeSettings(ctx.args.slice(1).join(' '));
    const settings: ReturnType<typeof settingsOf> = tokens.ok ? settingsOf(tokens.value) : tokens;
    if (!settings.ok) return `${escapeMrkdwn(settings.error)} Nothing was changed.`;
    if (settings.value.length === 0)
      return `Say what to change: \`${SET}\`, e.g. \`/fleet set ${escapeMrkdwn(id.slice(0, 30))} guests=10 meet="Dock B, slip 12"\`. Keys: ${SETTINGS_USAGE}`;
    return perform(
      ctx.services,
      ctx,
      (uc) => uc.setVessel(invocation(ctx), { vesselId: id, settings: settings.value as Setting[] }),
      (o) => renderSetVessel(o, ctx.services.config),
    );
  },
};

const RETIRE = '/fleet retire <vessel>';
export const retire: Subcommand = {
  usage: RETIRE,
  help: 'A retired vessel takes no new sails; its planned sails are listed so you can move or cancel them. `/fleet add <vessel-id> <name…>` brings it back.',
  adminOnly: true,
  async run(ctx) {
    if (!ctx.isAdmin) return adminOnly(WHAT, ctx.services.config);
    const id = needVessel(ctx, RETIRE);
    if (typeof id !== 'string') return id.error;
    return perform(
      ctx.services,
      ctx,
      (uc) => uc.retireVessel(invocation(ctx), { vesselId: id }),
      (o) => renderRetireVessel(o, ctx.services.config),
    );
  },
};

function crewListCommand(list: 'regulars' | 'captains', help: string): Subcommand {
  const usage = `/fleet ${list} <vessel> <@user…>|none`;
  return {
    usage,
    help,
    adminOnly: true,
    async run(ctx) {
      if (!ctx.isAdmin) return adminOnly(WHAT, ctx.services.config);
      const id = needVessel(ctx, usage);
      if (typeof id !== 'string') return id.error;
      const rest = ctx.args.slice(1);
      const clear = rest.length === 1 && rest[0]?.toLowerCase() === 'none';
      const users: string[] = [];
      if (!clear) {
        for (const word of rest) {
          const user = userArg(word);
          if (!user)
            return `"${escapeMrkdwn(word.slice(0, 40))}" is not a person. Mention them: \`${usage}\`, e.g. \`/fleet ${list} ${escapeMrkdwn(id.slice(0, 30))} @jane @sam\`. Nothing was changed.`;
          users.push(user);
        }
      }
      return perform(
        ctx.services,
        ctx,
        (uc) => uc.setCrewList(invocation(ctx), { vesselId: id, list, users, clear }),
        (o) => renderCrewList(o, ctx.services.config),
      );
    },
  };
}

export const regulars = crewListCommand(
  'regulars',
  "Sets the whole list (it replaces the one before). The regulars are DM'd when one of the vessel's sails still has open roles. With nobody named, shows the list; `none` clears it.",
);
export const captains = crewListCommand(
  'captains',
  "Sets the whole list. Only they may claim Captain on the vessel's sails; others are told to ask them (an admin may still designate anyone). With no captains listed anyone may claim. With nobody named, shows the list; `none` clears it.",
);
