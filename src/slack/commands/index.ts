/** Maps each slash command to its sub-commands. `manifest.yml` must list exactly these commands. */
import type { App } from '@slack/bolt';
import type { SlackServices, Subcommand } from '../context';
import { guestSubcommand, guestsSubcommand, unguestSubcommand } from '../guests';
import { commands } from '../ids';
import { calendar } from './crew/calendar';
import { claim, release } from './crew/claim';
import { cover } from './crew/cover';
import { designate } from './crew/designate';
import { mine } from './crew/mine';
import { mute, reminders, unmute } from './crew/mute';
import { waitlist } from './crew/waitlist';
import * as fleet from './fleet';
import { createReportSubcommands } from './report';
import { commandRouter, NO_TEXT } from './router';
import { create } from './sail/create';
import { edit } from './sail/edit';
import { list } from './sail/list';
import { checklist, show } from './sail/show';
import { cancel, hold, uncancel, unhold } from './sail/status';

/** Every slash command Bosun answers, with its sub-command table (per workspace). */
export const commandTable: Record<
  string,
  (services: SlackServices, team: string) => Record<string, Subcommand>
> = {
  [commands.sail]: () => ({
    create,
    edit,
    list,
    show,
    hold,
    unhold,
    cancel,
    uncancel,
    checklist,
    guest: guestSubcommand,
    guests: guestsSubcommand,
    unguest: unguestSubcommand,
  }),
  [commands.crew]: () => ({
    claim,
    release,
    designate,
    mine,
    calendar,
    cover,
    waitlist,
    mute,
    unmute,
    reminders,
  }),
  [commands.report]: (services, team) => createReportSubcommands(services.reportCommands(team)),
  [commands.fleet]: () => ({
    [NO_TEXT]: fleet.form,
    list: fleet.list,
    show: fleet.show,
    add: fleet.add,
    set: fleet.set,
    retire: fleet.retire,
    regulars: fleet.regulars,
    captains: fleet.captains,
  }),
};

/** Registers every slash command. */
export function register(app: App, services: SlackServices): void {
  for (const [name, subs] of Object.entries(commandTable)) {
    app.command(
      name,
      commandRouter(name, services, (team) => subs(services, team)),
    );
  }
}
