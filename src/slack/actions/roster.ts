/** The card's Claim and Release buttons (`roster.claim` / `roster.release`, value `<sailId>:<slotId>`). */
import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { logger } from '../../log';
import { normalizeSailId } from '../../sails/ids';
import { failureReply } from '../commands/router';
import { isAdmin, type SlackDeps } from '../context';
import { claimRole, releaseRole } from '../roster-ops';

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/** Splits a button value into sail and slot; undefined when it is not ours. */
export function parseRosterValue(value: string | undefined): { sailId: string; slotId: string } | undefined {
  const [rawSail, slotId] = (value ?? '').split(':');
  const sailId = normalizeSailId(rawSail ?? '');
  if (!sailId || !slotId) return undefined;
  return { sailId, slotId };
}

function rosterButton(kind: 'claim' | 'release', deps: SlackDeps) {
  return async ({ ack, action, body, client, respond }: ButtonArgs) => {
    await ack();
    const parsed = parseRosterValue(action.value);
    if (!parsed) {
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: 'That button is out of date; run `/sail show <id>` for a fresh card.',
      });
      return;
    }
    const act = {
      deps,
      client,
      sailId: parsed.sailId,
      role: parsed.slotId,
      actor: body.user.id,
      isAdmin: isAdmin(deps.config, body.user.id),
    };
    let text: string;
    try {
      text = kind === 'claim' ? await claimRole(act) : await releaseRole(act);
    } catch (err) {
      logger.error('a roster button failed', { action: kind, sailId: parsed.sailId, error: err });
      text = failureReply(kind === 'claim' ? 'Claim' : 'Release');
    }
    await respond({ response_type: 'ephemeral', replace_original: false, text });
  };
}

/** `roster.claim` */
export const rosterClaim = (deps: SlackDeps) => rosterButton('claim', deps);
/** `roster.release` */
export const rosterRelease = (deps: SlackDeps) => rosterButton('release', deps);
