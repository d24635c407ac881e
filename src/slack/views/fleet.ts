/**
 * The `/fleet` form's submission: each field is checked like its `/fleet set` key, and a bad one
 * comes back under the field (nothing written); otherwise the vessel is added or changed and the
 * answer reaches the admin as a DM (an effect).
 * @see https://api.slack.com/surfaces/modals#displaying_errors
 */
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { keyed } from '../../effects/types';
import { applySettings, newVesselFields, type Setting } from '../../fleet/settings';
import { normalizeVesselId } from '../../fleet/vessel';
import { adminOnly, invocation, isAdmin, perform, type RequestContext, type SlackServices } from '../context';
import { fleetFields as f } from '../ids';
import { renderSaveVessel } from '../render/fleet';

const stateValue = z.object({
  value: z.string().nullish(),
  selected_option: z.object({ value: z.string() }).nullish(),
});
const viewState = z.record(z.string(), z.record(z.string(), stateValue));

/** Form fields in the order of `/fleet set`'s keys. */
const keyFields = [
  ['name', f.name],
  ['kind', f.kind],
  ['guests', f.guests],
  ['crew', f.crew],
  ['port', f.port],
  ['lat', f.lat],
  ['lng', f.lng],
  ['zone', f.zone],
  ['meet', f.meet],
  ['parking', f.parking],
  ['bring', f.bring],
] as const;

/** Handles the submission. */
export function fleetFormSubmission(services: SlackServices) {
  return async ({ ack, body, view }: SlackViewMiddlewareArgs & AllMiddlewareArgs) => {
    const userId = body.user.id;
    if (!isAdmin(services.config, userId)) {
      await ack({
        response_action: 'errors',
        errors: { [f.id.block]: adminOnly('manage the fleet', services.config) },
      });
      return;
    }
    const state = viewState.parse(view.state.values);
    const get = (block: string) => state[block]?.[block];
    const rawId = get(f.id.block)?.value ?? '';
    const id = normalizeVesselId(rawId);
    if (!id) {
      await ack({
        response_action: 'errors',
        errors: { [f.id.block]: 'Use lower-case letters, digits and dashes, up to 30 (e.g. sea-fever).' },
      });
      return;
    }
    const settings: Setting[] = [];
    const errors: Record<string, string> = {};
    for (const [key, field] of keyFields) {
      const value = (
        key === 'kind' ? get(field.block)?.selected_option?.value : get(field.block)?.value
      )?.trim();
      if (!value) continue;
      const setting: Setting = { key, value };
      const checked = applySettings(newVesselFields('x'), [setting]);
      if (!checked.ok) errors[field.block] = checked.error;
      settings.push(setting);
    }
    if (Object.keys(errors).length > 0) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    const req: RequestContext = {
      team: body.team?.id ?? body.user.team_id ?? '',
      userId,
      requestKey: `view:${view.id}`,
      isAdmin: true,
    };
    // The modal closes at once; what the save came to reaches the admin as a DM (an effect).
    await perform(
      services,
      req,
      async (uc) => {
        const done = await uc.saveVessel(invocation(req), { vesselId: id, settings });
        const reply = renderSaveVessel(done.outcome, services.config);
        const text = typeof reply === 'string' ? reply : reply.text;
        return {
          ...done,
          effects: [
            ...done.effects,
            ...keyed(req.requestKey, [{ type: 'dm', userId, note: { kind: 'text', text } }]),
          ],
        };
      },
      () => null,
    );
    await ack();
  };
}
