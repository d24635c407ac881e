/** Maps each modal callback id to its submission listener. */
import type { Middleware, SlackViewMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../context';
import { callbackIds } from '../ids';
import { sailCreateSubmission } from './sail-create';

/** Every view-submission listener, by callback id. */
export function viewTable(deps: SlackDeps): Record<string, Middleware<SlackViewMiddlewareArgs>> {
  return {
    [callbackIds.sailCreate]: sailCreateSubmission(deps),
    ...deps.extensions?.views,
  };
}
