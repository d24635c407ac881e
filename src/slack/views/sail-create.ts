/**
 * The create-sail modal's submission: the same validation as the inline grammar; a bad field
 * comes back as an error under that field (`response_action: errors`) and nothing is written.
 * @see https://api.slack.com/surfaces/modals#displaying_errors
 */
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { keyed } from '../../effects/types';
import { validateDraft } from '../../sails/parse';
import { adminOnly, invocation, isAdmin, perform, type RequestContext, type SlackServices } from '../context';
import { OPENED_FROM_HOME, republishHome } from '../home';
import { sailCreateFields as f } from '../ids';
import { renderCreate } from '../render/outcomes';

const stateValue = z.object({
  value: z.string().nullish(),
  selected_date: z.string().nullish(),
  selected_time: z.string().nullish(),
  selected_option: z.object({ value: z.string() }).nullish(),
});
const viewState = z.record(z.string(), z.record(z.string(), stateValue));

/** Which field a validation sentence is about, so the error shows under it. */
function fieldOf(message: string): string {
  const m = message.toLowerCase();
  if (m.includes('duration') || m.includes('12h')) return f.duration.block;
  if (m.includes('crew')) return f.crew.block;
  if (m.includes('guest')) return f.guests.block;
  if (m.includes('vessel')) return f.vessel.block;
  if (m.includes('title')) return f.title.block;
  if (m.includes('time') || m.includes('hh:mm')) return f.time.block;
  return f.date.block;
}

/** Handles the submission. */
export function sailCreateSubmission(deps: SlackServices) {
  return async ({ ack, body, view }: SlackViewMiddlewareArgs & AllMiddlewareArgs) => {
    const userId = body.user.id;
    if (!isAdmin(deps.config, userId)) {
      await ack({
        response_action: 'errors',
        errors: { [f.date.block]: adminOnly('create sails', deps.config) },
      });
      return;
    }
    const state = viewState.parse(view.state.values);
    const get = (block: string) => state[block]?.[block];
    const startChoice = get(f.start.block)?.selected_option?.value ?? 'sunset';
    const time = get(f.time.block)?.selected_time ?? undefined;
    if (startChoice === 'fixed' && !time) {
      await ack({
        response_action: 'errors',
        errors: { [f.time.block]: 'Pick a departure time, or choose “At sunset”.' },
      });
      return;
    }
    const draft = validateDraft(
      {
        date: get(f.date.block)?.selected_date ?? '',
        start: startChoice === 'fixed' && time ? time : 'sunset',
        duration: get(f.duration.block)?.value ?? undefined,
        crew: get(f.crew.block)?.value ?? undefined,
        guests: get(f.guests.block)?.value ?? undefined,
        vessel: get(f.vessel.block)?.selected_option?.value ?? undefined,
        title: get(f.title.block)?.value ?? undefined,
      },
      { now: deps.now() },
    );
    if (!draft.ok) {
      await ack({ response_action: 'errors', errors: { [fieldOf(draft.error)]: draft.error } });
      return;
    }
    const req: RequestContext = {
      team: body.team?.id ?? body.user.team_id ?? '',
      userId,
      requestKey: `view:${view.id}`,
      isAdmin: true,
    };
    // The modal closes at once; what the create came to reaches the admin as a DM (an effect).
    await perform(
      deps,
      req,
      async (uc) => {
        const done = await uc.createSail(invocation(req), draft.value);
        const text = renderCreate(done.outcome, deps.config);
        const note = { kind: 'text' as const, text: typeof text === 'string' ? text : text.text };
        // Opened from the App Home: the home is republished with the answer too.
        const home =
          view.private_metadata === OPENED_FROM_HOME
            ? republishHome(req.requestKey, userId, 0, note.text)
            : [];
        return {
          ...done,
          effects: [...done.effects, ...keyed(req.requestKey, [{ type: 'dm', userId, note }]), ...home],
        };
      },
      () => null,
    );
    await ack();
  };
}
