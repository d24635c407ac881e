/** Registers each modal callback id's submission listener. */
import type { App } from '@slack/bolt';
import type { SlackServices } from '../context';
import { callbackIds } from '../ids';
import { sailCreateSubmission } from './sail-create';

/** Registers the create-sail modal's submission. */
export function register(app: App, services: SlackServices): void {
  app.view(callbackIds.sailCreate, sailCreateSubmission(services));
}
