/** Registers each modal callback id's submission listener. */
import type { App } from '@slack/bolt';
import type { SlackServices } from '../context';
import { callbackIds } from '../ids';
import { fleetFormSubmission } from './fleet';
import { sailCreateSubmission } from './sail-create';
import { sailEditSubmission } from './sail-edit';

/** Registers the modals' submissions: create and edit a sail, add or change a vessel. */
export function register(app: App, services: SlackServices): void {
  app.view(callbackIds.sailCreate, sailCreateSubmission(services));
  app.view(callbackIds.sailEdit, sailEditSubmission(services));
  app.view(callbackIds.fleetVessel, fleetFormSubmission(services));
}
