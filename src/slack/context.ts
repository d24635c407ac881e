/**
 * What every Slack listener gets: the dependencies (stores, clock, config) and small helpers.
 * Listeners read like a sentence: parse → authorize → domain call → store → reply.
 */
import type { Middleware, SlackActionMiddlewareArgs, SlackViewMiddlewareArgs, webApi } from '@slack/bolt';
import type { Config } from '../config';
import type { Sail, SailStatus } from '../sails/types';
import type { SailRecord, SailStore } from '../store/sails';
import type { CardGuest } from './blocks/sail-card';
import type { MessageBody } from './blocks/types';

/** The dependencies the Slack side needs; optional parts are absent until wired. */
export interface SlackDeps {
  config: Config;
  now: () => Date;
  sails: SailStore;
  /** Extra Slack-side features registered by other modules (guests, reports). */
  extensions?: SlackExtensions;
}

/** Sub-commands, commands and listeners other features (guests, reports) add. */
export interface SlackExtensions {
  sailSubcommands?: Record<string, Subcommand>;
  commands?: Record<string, () => Record<string, Subcommand>>;
  actions?: Record<string, Middleware<SlackActionMiddlewareArgs>>;
  views?: Record<string, Middleware<SlackViewMiddlewareArgs>>;
  /** The guest lines for a sail's card, from the items its partition query already returned. */
  cardGuests?: (record: SailRecord) => CardGuest[];
  /** Tells a sail's guests it was held (with the reason), unheld or cancelled; returns how many were told. */
  onSailStatus?: (sail: Sail, to: SailStatus, reason: string | undefined) => Promise<number>;
}

/** A reply to the person who typed a command or pressed a button: only they see it. */
export type Reply = string | MessageBody;

/** One sub-command invocation. */
export interface CommandContext {
  /** The words after the sub-command. */
  args: string[];
  /** The raw text after the sub-command. */
  rest: string;
  userId: string;
  channelId: string;
  triggerId: string;
  isAdmin: boolean;
  client: webApi.WebClient;
  deps: SlackDeps;
}

/** A sub-command handler returns the ephemeral reply (or nothing, when it replied otherwise). */
export type Subcommand = {
  run(ctx: CommandContext): Promise<Reply | undefined>;
  /** One usage line for help. */
  usage: string;
  adminOnly?: boolean;
};

/** Whether a user is one of `BOSUN_ADMINS`. */
export function isAdmin(config: Config, userId: string): boolean {
  return config.admins.includes(userId);
}

/** The refusal a non-admin gets, naming who can help. */
export function adminOnly(what: string, config: Config): string {
  const who = config.admins.length ? config.admins.map((a) => `<@${a}>`).join(', ') : 'an admin';
  return `Only admins can ${what}. Ask ${who}.`;
}
