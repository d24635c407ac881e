/**
 * The App Home's own buttons: "More" and "Back to the first page" (publish that page), "Get my
 * calendar link" (the same as `/crew calendar`), and for admins "Create a sail" and "Edit", which
 * open a modal: the one Web API call made before the answer, because a modal needs the trigger.
 * Claim and Release on the home are the card's buttons (`./roster.ts`).
 */
import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { normalizeSailId } from '../../sails/ids';
import { sailCreateModal } from '../blocks/sail-create-modal';
import { sailEditModal } from '../blocks/sail-edit-modal';
import { invocation, perform, type SlackServices } from '../context';
import { homeSource, OPENED_FROM_HOME, republishHome, withHomeAnswer } from '../home';
import { renderCalendarLink } from '../render/calendar';
import { buttonRequest } from './roster';

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/** Largest page number a button may ask for (a forged value cannot make the home read far ahead). */
const MAX_PAGE = 50;

/** "More" / "Back to the first page": publishes the page in the button's value. */
export function homePage(services: SlackServices) {
  return async ({ ack, action, body }: ButtonArgs) => {
    const req = buttonRequest(services, body, action.action_ts);
    const asked = Number.parseInt(action.value ?? '0', 10);
    const page = Number.isFinite(asked) ? Math.min(Math.max(asked, 0), MAX_PAGE) : 0;
    await services.enqueue(req.team, republishHome(req.requestKey, req.userId, page));
    await ack();
  };
}

/** "Get my calendar link": the calendar use case; the link comes as a DM and the home shows it. */
export function homeCalendar(services: SlackServices) {
  return async ({ ack, action, body }: ButtonArgs) => {
    const req = buttonRequest(services, body, action.action_ts);
    const page = homeSource(body)?.page ?? 0;
    await perform(
      services,
      req,
      async (uc) => {
        const done = await uc.calendarLink(invocation(req), { reset: false });
        const notice = renderCalendarLink(done.outcome);
        return { ...done, effects: withHomeAnswer(done.effects, req.requestKey, req.userId, page, notice) };
      },
      () => null,
    );
    await ack();
  };
}

/** "Create a sail" (admins): the create modal, whose submission then republishes the home. */
export function homeSailCreate(services: SlackServices) {
  return async ({ ack, body, client }: ButtonArgs) => {
    if (services.config.admins.includes(body.user.id)) {
      await client.views.open({
        trigger_id: body.trigger_id,
        view: { ...sailCreateModal(services.now()), private_metadata: OPENED_FROM_HOME },
      });
    }
    await ack();
  };
}

/** "Edit" (admins): the edit modal, filled with the sail's values. */
export function homeSailEdit(services: SlackServices) {
  return async ({ ack, action, body, client }: ButtonArgs) => {
    const req = buttonRequest(services, body, action.action_ts);
    const sailId = normalizeSailId(action.value ?? '');
    if (!req.isAdmin || !sailId) {
      await ack();
      return;
    }
    const page = homeSource(body)?.page ?? 0;
    const sail = await services.workspace(req.team).sailToEdit({ sailId });
    if (!sail) {
      await services.enqueue(
        req.team,
        republishHome(
          req.requestKey,
          req.userId,
          page,
          `${sailId} no longer exists; here is the home as it is now.`,
        ),
      );
      await ack();
      return;
    }
    await client.views.open({
      trigger_id: body.trigger_id,
      view: sailEditModal(sail, { now: services.now(), page }),
    });
    await ack();
  };
}
