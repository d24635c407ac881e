/** Maps each action id to its listener. */
import type { Middleware, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../context';
import { actionIds } from '../ids';
import { checklistToggle } from './checklist';
import { rosterClaim, rosterRelease } from './roster';

/** Every action listener, by action id. */
export function actionTable(deps: SlackDeps): Record<string, Middleware<SlackActionMiddlewareArgs>> {
  return {
    [actionIds.rosterClaim]: rosterClaim(deps) as Middleware<SlackActionMiddlewareArgs>,
    [actionIds.rosterRelease]: rosterRelease(deps) as Middleware<SlackActionMiddlewareArgs>,
    [actionIds.checklistToggle]: checklistToggle(deps),
    ...deps.extensions?.actions,
  };
}
