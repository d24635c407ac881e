/** Maps each slash command to its sub-commands. `manifest.yml` must list exactly these commands. */
import type { SlackDeps, Subcommand } from '../context';
import { commands } from '../ids';
import { claim, release } from './crew/claim';
import { designate } from './crew/designate';
import { mine } from './crew/mine';
import { checklist } from './sail/checklist';
import { create } from './sail/create';
import { list } from './sail/list';
import { show } from './sail/show';
import { cancel, hold, unhold } from './sail/status';

/** The `/sail` sub-commands, plus those other features add (e.g. `guest`). */
export function sailSubcommands(deps: SlackDeps): Record<string, Subcommand> {
  return { create, list, show, hold, unhold, cancel, checklist, ...deps.extensions?.sailSubcommands };
}

/** The `/crew` sub-commands. */
export const crewSubcommands: Record<string, Subcommand> = { claim, release, designate, mine };

/** Every slash command Bosun answers, with its sub-command table. */
export function commandTable(deps: SlackDeps): Record<string, () => Record<string, Subcommand>> {
  return {
    [commands.sail]: () => sailSubcommands(deps),
    [commands.crew]: () => crewSubcommands,
    ...(deps.extensions?.commands ?? {}),
  };
}
