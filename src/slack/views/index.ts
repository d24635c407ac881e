/** Registers each modal callback id's submission listener. */
import type { App } from '@slack/bolt';
import type { SlackServices } from '../context';
import { callbackIds } from '../ids';
import { sailCreateSubmission } from './sail-create';
import { sailEditSubmission } from './sail-edit';

/** Registers the create-sail and edit-sail modals' submissions. */
export function register(app: App, services: SlackServices): void {
  app.view(callbackIds.sailCreate, sailCreateSubmission(services));
  app.view(callbackIds.sailEdit, sailEditSubmission(services));
}
