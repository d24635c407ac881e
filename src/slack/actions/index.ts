/** Registers each action id's listener. */
import type { App, BlockButtonAction, Middleware, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { SlackServices } from '../context';
import { actionIds } from '../ids';
import { checklistToggle } from './checklist';
import { decline, joinWaitlist, muteSail, pressButton, takeOver, withdraw } from './crew';
import { homeCalendar, homePage, homeSailCreate, homeSailEdit } from './home';
import { rosterButton } from './roster';

/** Registers the card's buttons, the crew workflow's buttons, the checklist's checkboxes and the App Home's buttons. */
export function register(app: App, services: SlackServices): void {
  app.action<BlockButtonAction>(actionIds.rosterClaim, rosterButton('claim', services));
  app.action<BlockButtonAction>(actionIds.rosterRelease, rosterButton('release', services));
  app.action<BlockButtonAction>(actionIds.rosterCover, pressButton(takeOver, services));
  app.action<BlockButtonAction>(actionIds.coverWithdraw, pressButton(withdraw, services));
  app.action<BlockButtonAction>(actionIds.rosterWaitlist, pressButton(joinWaitlist, services));
  app.action<BlockButtonAction>(actionIds.waitlistDecline, pressButton(decline, services));
  app.action<BlockButtonAction>(actionIds.remindersMute, pressButton(muteSail, services));
  app.action(actionIds.checklistToggle, checklistToggle(services) as Middleware<SlackActionMiddlewareArgs>);
  app.action<BlockButtonAction>(actionIds.homeMore, homePage(services));
  app.action<BlockButtonAction>(actionIds.homeFirst, homePage(services));
  app.action<BlockButtonAction>(actionIds.homeCalendar, homeCalendar(services));
  app.action<BlockButtonAction>(actionIds.homeSailCreate, homeSailCreate(services));
  app.action<BlockButtonAction>(actionIds.homeSailEdit, homeSailEdit(services));
}
