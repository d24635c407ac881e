/**
 * Builders for requests shaped exactly like Slack's (form-encoded slash commands, `payload=` for
 * interactivity), signed with the signing secret. Used by `bosun slack` / `bosun click` and by the
 * tests, so both speak to the app the way Slack does.
 * @see https://api.slack.com/interactivity/slash-commands#app_command_handling
 */
import { randomBytes } from 'node:crypto';
import { signSlackBody } from './verify';

/** Who sends a request, and from where. */
export interface SlackActor {
  userId: string;
  userName?: string;
  channelId: string;
  teamId?: string;
}

/** A signed request: the raw body and the headers Slack would send. */
export interface SignedRequest {
  body: string;
  headers: Record<string, string>;
}

/** Signs a form-encoded body the way Slack does. */
export function signForm(body: string, signingSecret: string, nowMs: number = Date.now()): SignedRequest {
  return signBody(body, signingSecret, 'application/x-www-form-urlencoded; charset=utf-8', nowMs);
}

/** Signs a JSON body (an Events API delivery) the way Slack does. */
export function signJson(body: string, signingSecret: string, nowMs: number = Date.now()): SignedRequest {
  return signBody(body, signingSecret, 'application/json', nowMs);
}

function signBody(body: string, signingSecret: string, contentType: string, nowMs: number): SignedRequest {
  const ts = Math.floor(nowMs / 1000);
  return {
    body,
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': signSlackBody(signingSecret, ts, body),
      'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
    },
  };
}

/** A trigger id shaped like Slack's (`<ts>.<n>.<hex>`), unique per interaction as Slack's are. */
export function triggerId(): string {
  return `${Date.now()}.${Math.floor(Math.random() * 1e9)}.${randomBytes(8).toString('hex')}`;
}

/** A slash command body: `command` is `/sail`, `text` what follows it. */
export function commandBody(args: {
  command: string;
  text: string;
  actor: SlackActor;
  responseUrl: string;
  triggerId?: string;
}): string {
  return new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: args.actor.teamId ?? 'T0LOCAL',
    team_domain: 'bosun-local',
    channel_id: args.actor.channelId,
    channel_name: 'sails',
    user_id: args.actor.userId,
    user_name: args.actor.userName ?? args.actor.userId.toLowerCase(),
    command: args.command,
    text: args.text,
    api_app_id: 'A0BOSUN',
    is_enterprise_install: 'false',
    response_url: args.responseUrl,
    trigger_id: args.triggerId ?? triggerId(),
  }).toString();
}

/** The fields every interaction payload carries: the app, the workspace and who acted. */
function interactionCommon(actor: SlackActor) {
  return {
    api_app_id: 'A0BOSUN',
    token: 'deprecated-verification-token',
    team: { id: actor.teamId ?? 'T0LOCAL', domain: 'bosun-local' },
    user: { id: actor.userId, username: actor.userName ?? actor.userId.toLowerCase(), team_id: 'T0LOCAL' },
  };
}

/** A view a button was pressed in: the App Home (or a modal). */
export interface ActionView {
  type: 'home' | 'modal';
  id?: string;
  privateMetadata?: string;
  blocks?: unknown[];
}

/**
 * A `block_actions` payload for one button or checkbox press: on a message, or with `view` on the
 * App Home, whose payloads carry the view and no channel, message or `response_url`.
 */
export function blockActionBody(args: {
  actionId: string;
  blockId?: string | undefined;
  value?: string;
  selected?: string[];
  actor: SlackActor;
  responseUrl: string;
  message?: { ts: string; blocks?: unknown[] };
  view?: ActionView | undefined;
}): string {
  const action =
    args.selected !== undefined
      ? {
          type: 'checkboxes',
          action_id: args.actionId,
          block_id: args.blockId ?? 'b',
          selected_options: args.selected.map((v) => ({ value: v, text: { type: 'mrkdwn', text: v } })),
          action_ts: `${Date.now() / 1000}`,
        }
      : {
          type: 'button',
          action_id: args.actionId,
          block_id: args.blockId ?? 'b',
          value: args.value ?? '',
          text: { type: 'plain_text', text: args.actionId },
          action_ts: `${Date.now() / 1000}`,
        };
  if (args.view) {
    const viewId = args.view.id ?? `V${randomBytes(5).toString('hex').toUpperCase()}`;
    const payload = {
      type: 'block_actions',
      ...interactionCommon(args.actor),
      container: { type: 'view', view_id: viewId },
      view: {
        id: viewId,
        type: args.view.type,
        callback_id: args.view.type === 'home' ? 'home' : '',
        private_metadata: args.view.privateMetadata ?? '',
        blocks: args.view.blocks ?? [],
        state: { values: {} },
        hash: '1',
      },
      trigger_id: triggerId(),
      actions: [action],
    };
    return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  }
  const payload = {
    type: 'block_actions',
    ...interactionCommon(args.actor),
    channel: { id: args.actor.channelId, name: 'sails' },
    container: {
      type: 'message',
      message_ts: args.message?.ts ?? '1700000000.000100',
      channel_id: args.actor.channelId,
    },
    message: {
      type: 'message',
      ts: args.message?.ts ?? '1700000000.000100',
      blocks: args.message?.blocks ?? [],
    },
    trigger_id: triggerId(),
    response_url: args.responseUrl,
    actions: [action],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** A `view_submission` payload with the given state values. */
export function viewSubmissionBody(args: {
  callbackId: string;
  values: Record<string, Record<string, unknown>>;
  privateMetadata?: string;
  actor: SlackActor;
}): string {
  const payload = {
    type: 'view_submission',
    ...interactionCommon(args.actor),
    trigger_id: triggerId(),
    view: {
      id: `V${randomBytes(5).toString('hex').toUpperCase()}`,
      type: 'modal',
      callback_id: args.callbackId,
      private_metadata: args.privateMetadata ?? '',
      state: { values: args.values },
      hash: '1',
    },
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** An Events API event id shaped like Slack's (`Ev` + 9 characters), unique per delivery. */
export function eventId(): string {
  return `Ev${randomBytes(6).toString('hex').toUpperCase().slice(0, 9)}`;
}

/**
 * An Events API delivery (`event_callback`, JSON) of one event. Slack sends a redelivery with the
 * same `event_id`; pass one to build the same body again.
 * @see https://api.slack.com/apis/events-api#callback-field
 */
export function eventCallbackBody(args: {
  event: Record<string, unknown> & { type: string };
  teamId?: string;
  eventId?: string;
  eventTime?: number;
}): string {
  const teamId = args.teamId ?? 'T0LOCAL';
  const time = args.eventTime ?? Math.floor(Date.now() / 1000);
  return JSON.stringify({
    token: 'deprecated-verification-token',
    team_id: teamId,
    api_app_id: 'A0BOSUN',
    event: { event_ts: `${time}.000100`, ...args.event },
    type: 'event_callback',
    event_id: args.eventId ?? eventId(),
    event_time: time,
    authorizations: [{ team_id: teamId, user_id: 'U00000BOSUN', is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  });
}

/** The `app_home_opened` event of a person opening the Home tab. */
export function appHomeOpenedEvent(userId: string): Record<string, unknown> & { type: string } {
  return { type: 'app_home_opened', user: userId, channel: `D${userId.replace(/^U/, '')}`, tab: 'home' };
}
