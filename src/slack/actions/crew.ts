/**
 * The crew workflow's buttons: Take over (`roster.cover`) and Withdraw (`cover.withdraw`) on a
 * cover request, Join the waitlist (`roster.waitlist`) on a full card, Let it pass
 * (`waitlist.decline`) on a held slot's DM, and Mute reminders for this sail (`reminders.mute`).
 * Like the card's Claim and Release, each answers through a `reply` effect after the ack.
 */
import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { type Done, keyed } from '../../effects/types';
import { logger } from '../../log';
import { normalizeSailId } from '../../sails/ids';
import type { UseCases } from '../../usecases';
import type { Invocation } from '../../usecases/context';
import { replyForFailure } from '../commands/router';
import { invocation, perform, type SlackServices } from '../context';
import {
  renderJoinWaitlist,
  renderLeaveWaitlist,
  renderMute,
  renderTakeOver,
  renderWithdrawCover,
} from '../render/crew';
import { buttonRequest, parseRosterValue } from './roster';

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/** What a button's value names. */
type Target = { sailId: string; slotId: string };

/** One button: how to read its value, the use case it runs, and its answer's words. */
interface Press<O> {
  name: string;
  read: (value: string | undefined) => Target | undefined;
  act: (uc: UseCases, inv: Invocation, target: Target) => Promise<Done<O>>;
  render: (outcome: O) => string;
}

/** A value that is just a sail id (`roster.waitlist`, `reminders.mute`). */
function sailOnly(value: string | undefined): Target | undefined {
  const sailId = normalizeSailId(value ?? '');
  return sailId ? { sailId, slotId: '' } : undefined;
}

/** Builds a button's listener: parse → use case → the answer as a `reply` effect, then the ack. */
export function pressButton<O>(press: Press<O>, services: SlackServices) {
  return async ({ ack, action, body, respond }: ButtonArgs) => {
    const req = buttonRequest(services, body, action.action_ts);
    const reply = (text: string) =>
      keyed(req.requestKey, [{ type: 'reply', responseUrl: body.response_url, text }]);
    const target = press.read(action.value);
    if (!target) {
      await services.enqueue(
        req.team,
        reply('That button is out of date; run `/sail show <id>` for a fresh card.'),
      );
      await ack();
      return;
    }
    try {
      await perform(
        services,
        req,
        async (uc): Promise<Done<O>> => {
          const done = await press.act(uc, invocation(req), target);
          return { ...done, effects: [...done.effects, ...reply(press.render(done.outcome))] };
        },
        () => null,
      );
    } catch (err) {
      logger.error('a crew button failed', { action: press.name, sailId: target.sailId, error: err });
      // Nothing was changed and no effect could be recorded: the apology goes straight back.
      await ack();
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: replyForFailure(err, press.name),
      });
      return;
    }
    await ack();
  };
}

/** Take over: the first press gets the slot. */
export const takeOver: Press<Awaited<ReturnType<UseCases['takeOverCover']>>['outcome']> = {
  name: 'Take over',
  read: parseRosterValue,
  act: (uc, inv, t) => uc.takeOverCover(inv, t),
  render: renderTakeOver,
};

/** Withdraw a cover request. */
export const withdraw: Press<Awaited<ReturnType<UseCases['withdrawCover']>>['outcome']> = {
  name: 'Withdraw',
  read: parseRosterValue,
  act: (uc, inv, t) => uc.withdrawCover(inv, { sailId: t.sailId, role: t.slotId }),
  render: renderWithdrawCover,
};

/** Join the waitlist. */
export const joinWaitlist: Press<Awaited<ReturnType<UseCases['joinWaitlist']>>['outcome']> = {
  name: 'Join the waitlist',
  read: sailOnly,
  act: (uc, inv, t) => uc.joinWaitlist(inv, { sailId: t.sailId }),
  render: renderJoinWaitlist,
};

/** Let a held slot pass to the next in line. */
export const decline: Press<Awaited<ReturnType<UseCases['declineOffer']>>['outcome']> = {
  name: 'Let it pass',
  read: parseRosterValue,
  act: (uc, inv, t) => uc.declineOffer(inv, t),
  render: renderLeaveWaitlist,
};

/** Mute reminders for this sail. */
export const muteSail: Press<Awaited<ReturnType<UseCases['muteReminders']>>['outcome']> = {
  name: 'Mute reminders',
  read: sailOnly,
  act: (uc, inv, t) => uc.muteReminders(inv, { sailId: t.sailId, muted: true }),
  render: renderMute,
};
