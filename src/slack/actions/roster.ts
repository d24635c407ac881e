/** The card's Claim and Release buttons (`roster.claim` / `roster.release`, value `<sailId>:<slotId>`). */
import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { type Done, keyed } from '../../effects/types';
import { logger } from '../../log';
import { normalizeSailId } from '../../sails/ids';
import { replyForFailure } from '../commands/router';
import type { Reply } from '../context';
import { invocation, isAdmin, perform, type RequestContext, type SlackServices } from '../context';
import { homeSource, republishHome, withHomeAnswer } from '../home';
import { renderClaim, renderRelease } from '../render/outcomes';

const textOf = (r: Reply) => (typeof r === 'string' ? r : r.text);

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/** Splits a button value into sail and slot; undefined when it is not ours. */
export function parseRosterValue(value: string | undefined): { sailId: string; slotId: string } | undefined {
  const [rawSail, slotId] = (value ?? '').split(':');
  const sailId = normalizeSailId(rawSail ?? '');
  if (!sailId || !slotId) return undefined;
  return { sailId, slotId };
}

/** The request context of a button press. */
export function buttonRequest(
  services: SlackServices,
  body: {
    user: { id: string; team_id?: string | undefined };
    team?: { id: string } | null;
    trigger_id?: string;
  },
  actionTs: string,
): RequestContext {
  return {
    team: body.team?.id ?? body.user.team_id ?? '',
    userId: body.user.id,
    // A press's trigger id is unique to it, and the same when Slack retries it.
    requestKey: body.trigger_id ?? `action:${actionTs}`,
    isAdmin: isAdmin(services.config, body.user.id),
  };
}

/**
 * A Claim or Release button. A button's ack cannot carry a message, so the person's ephemeral
 * answer is itself an effect (`reply`, through the response URL), after the ack like the card's.
 * Pressed on the App Home (no response URL there), the answer is the person's home republished
 * with a line saying what happened; the card is refreshed either way.
 */
export function rosterButton(kind: 'claim' | 'release', services: SlackServices) {
  return async ({ ack, action, body, respond, client }: ButtonArgs) => {
    const req = buttonRequest(services, body, action.action_ts);
    const home = homeSource(body);
    const reply = (text: string) =>
      home
        ? republishHome(req.requestKey, req.userId, home.page, text)
        : keyed(req.requestKey, [{ type: 'reply', responseUrl: body.response_url, text }]);
    const answer = (text: string) => services.enqueue(req.team, reply(text));
    const parsed = parseRosterValue(action.value);
    if (!parsed) {
      await answer('That button is out of date; run `/sail show <id>` for a fresh card.');
      await ack();
      return;
    }
    const input = { sailId: parsed.sailId, role: parsed.slotId };
    const withReply = <O>(done: Done<O>, text: string): Done<O> => ({
      ...done,
      effects: home
        ? withHomeAnswer(done.effects, req.requestKey, req.userId, home.page, text)
        : [...done.effects, ...reply(text)],
    });
    try {
      await perform(
        services,
        req,
        async (uc): Promise<Done<unknown>> => {
          if (kind === 'claim') {
            const done = await uc.claimRole(invocation(req), input);
            return withReply(done, textOf(renderClaim(done.outcome, services.config)));
          }
          const done = await uc.releaseRole(invocation(req), input);
          return withReply(done, textOf(renderRelease(done.outcome, services.config)));
        },
        () => null,
      );
    } catch (err) {
      logger.error('a roster button failed', { action: kind, sailId: parsed.sailId, error: err });
      // Nothing was changed and no effect could be recorded (the table may be what failed), so
      // the apology goes straight to the response URL: the one notice not run as an effect.
      await ack();
      const apology = replyForFailure(err, kind === 'claim' ? 'Claim' : 'Release');
      if (home && body.view) {
        // The home has no response URL: the apology goes under the header of the home the person
        // is looking at, in place of an earlier notice.
        const [head, ...rest] = body.view.blocks;
        const notice = { type: 'context' as const, elements: [{ type: 'mrkdwn' as const, text: apology }] };
        await client.views.publish({
          user_id: req.userId,
          view: {
            type: 'home',
            private_metadata: body.view.private_metadata,
            blocks: [
              ...(head ? [head] : []),
              notice,
              ...(rest[0]?.type === 'context' ? rest.slice(1) : rest),
            ],
          },
        });
        return;
      }
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: apology,
      });
      return;
    }
    await ack();
  };
}
