/** A tick or untick on the checklist: records who and when; the live checklist is redrawn after. */
import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import { keyed } from '../../effects/types';
import { invocation, perform, type SlackServices } from '../context';
import { unknownSail } from '../render/outcomes';
import { buttonRequest, parseRosterValue } from './roster';

/** `checklist.toggle` */
export function checklistToggle(services: SlackServices) {
  return async ({ ack, action, body }: SlackActionMiddlewareArgs & AllMiddlewareArgs) => {
    if (action.type !== 'checkboxes' || body.type !== 'block_actions') {
      await ack();
      return;
    }
    // Slack sends the group's whole selection; the message tells which items the group holds.
    const groupValues = groupOptionValues(body.message, action.block_id);
    const parsed = parseRosterValue(action.selected_options[0]?.value ?? groupValues[0]);
    if (!parsed) {
      await ack();
      return;
    }
    const itemOf = (v: string | undefined) => parseRosterValue(v)?.slotId ?? '';
    const req = buttonRequest(services, body, action.action_ts);
    await perform(
      services,
      req,
      async (uc) => {
        const done = await uc.tickChecklist(invocation(req), {
          sailId: parsed.sailId,
          inGroup: groupValues.map(itemOf),
          selected: action.selected_options.map((o) => itemOf(o.value)),
        });
        if (done.outcome.kind === 'ticked' && groupValues.length === 0 && done.outcome.changed.length > 0) {
          // A tick from outside the checklist message (it was never posted, or is not at hand):
          // say that it was kept, and where to see it.
          const reply = {
            type: 'reply' as const,
            responseUrl: body.response_url,
            text: `Recorded on ${done.outcome.sailId}: ${done.outcome.changed
              .map((c) => `${c.itemId} ${c.checked ? 'ticked' : 'unticked'}`)
              .join(
                ', ',
              )}. The checklist shows it (it is posted now if it had not been yet; \`/sail checklist ${done.outcome.sailId}\` posts a fresh copy).`,
          };
          return { ...done, effects: [...done.effects, ...keyed(req.requestKey, [reply])] };
        }
        if (done.outcome.kind !== 'no_such_sail') return done;
        const reply = {
          type: 'reply' as const,
          responseUrl: body.response_url,
          text: unknownSail(parsed.sailId),
        };
        return { ...done, effects: keyed(req.requestKey, [reply]) };
      },
      () => null,
    );
    await ack();
  };
}

type MaybeMessage = { [key: string]: unknown; blocks?: unknown[] } | undefined;

function groupOptionValues(message: MaybeMessage, blockId: string): string[] {
  type Options = { options?: { value: string }[] };
  const block = (message?.blocks ?? []).find(
    (b): b is { block_id: string; elements?: Options[]; accessory?: Options } =>
      typeof b === 'object' && b !== null && (b as { block_id?: string }).block_id === blockId,
  );
  const elements = [...(block?.elements ?? []), ...(block?.accessory ? [block.accessory] : [])];
  return elements.flatMap((e) => (e.options ?? []).map((o) => o.value));
}
