/**
 * What every Slack listener gets: the services (use cases per workspace, the effect queue, the
 * request de-duplication) and small helpers. A listener reads like a sentence: parse → use case →
 * answer; the effects go to the queue and run after the answer.
 */
import type { App, webApi } from '@slack/bolt';
import type { Config } from '../config';
import type { Enqueue } from '../effects/queue';
import type { Done } from '../effects/types';
import type { UseCases } from '../usecases';
import type { Invocation } from '../usecases/context';
import type { MessageBody } from './blocks/types';
import type { ReportCommandDeps } from './commands/report';

/** A reply to the person who typed a command or pressed a button: only they see it. */
export type Reply = string | MessageBody;

/** What the Slack side is built from. Every part is required. */
export interface SlackServices {
  config: Config;
  now: () => Date;
  /** The use cases over one workspace's data. */
  workspace: (team: string) => UseCases;
  /** Queues effects to run after the answer. */
  enqueue: Enqueue;
  /** What `/report` reads in a workspace: its portfolio's entities, schedules, history. */
  reportCommands: (team: string) => ReportCommandDeps;
  /**
   * Runs `answer` once per request key and remembers its reply: a retried delivery of the same
   * request gets the first reply back (or nothing, while the first is still running).
   */
  answerOnce: (key: string, answer: () => Promise<Reply | null>) => Promise<Reply | null>;
}

/** Registers a folder's listeners on the Bolt app. */
export type Register = (app: App, services: SlackServices) => void;

/** Who is asking, in which workspace, in which request. */
export interface RequestContext {
  team: string;
  userId: string;
  /** Slack's id of this interaction (`trigger_id`), the same on a retry. */
  requestKey: string;
  isAdmin: boolean;
}

/** The invocation of a use case for a request. */
export function invocation(req: RequestContext): Invocation {
  return { actor: { userId: req.userId, isAdmin: req.isAdmin }, change: req.requestKey };
}

/**
 * Runs a state-changing request once: the use case, then its effects queued, then the rendered
 * reply (remembered for retries).
 */
export async function perform<O>(
  services: SlackServices,
  req: RequestContext,
  act: (uc: UseCases) => Promise<Done<O>>,
  render: (outcome: O) => Reply | null,
): Promise<Reply | null> {
  return services.answerOnce(`slack:${req.team}:${req.requestKey}`, async () => {
    const done = await act(services.workspace(req.team));
    const reply = render(done.outcome);
    await services.enqueue(req.team, done.effects);
    return reply;
  });
}

/** One sub-command invocation. */
export interface CommandContext extends RequestContext {
  /** The words after the sub-command. */
  args: string[];
  /** The raw text after the sub-command. */
  rest: string;
  channelId: string;
  triggerId: string;
  services: SlackServices;
  /** Only for `views.open`, the one Web API call allowed before the answer (it needs the trigger). */
  client: webApi.WebClient;
}

/** A sub-command handler returns the ephemeral reply (or nothing, when there is nothing to say). */
export type Subcommand = {
  run(ctx: CommandContext): Promise<Reply | null | undefined>;
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
