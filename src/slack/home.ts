/**
 * Actions taken from the App Home: a button pressed there has no `response_url` and no message to
 * answer in. Its answer is the home itself, republished (a `home.publish` effect) with a line at
 * the top saying what happened, on the page the person was looking at.
 */
import { type Effect, keyed } from '../effects/types';
import { homePageOf } from './blocks/home';

/** The `private_metadata` of a modal opened from the home, so its submission republishes the home. */
export const OPENED_FROM_HOME = 'home';

/** The part of an interaction payload that tells where the button was. */
export interface ActionSource {
  view?: { type?: string; private_metadata?: string } | undefined;
  container?: { type?: unknown } | undefined;
}

/** The home page a button was pressed on, or undefined when it was not on the home. */
export function homeSource(body: ActionSource): { page: number } | undefined {
  const onHome = body.view?.type === 'home' || body.container?.type === 'view';
  if (!onHome || (body.view && body.view.type !== 'home')) return undefined;
  return { page: homePageOf(body.view?.private_metadata) };
}

/** Republishes the person's home (once per request) with `notice` at the top. */
export function republishHome(requestKey: string, userId: string, page: number, notice?: string): Effect[] {
  return keyed(requestKey, [
    { type: 'home.publish', userId, page, ...(notice ? { notice: notice.slice(0, 2900) } : {}) },
  ]);
}

/** A use case's effects with its own `home.publish` (if any) replaced by one with the answer. */
export function withHomeAnswer(
  effects: readonly Effect[],
  requestKey: string,
  userId: string,
  page: number,
  notice?: string,
): Effect[] {
  return [
    ...effects.filter((e) => !(e.type === 'home.publish' && e.userId === userId)),
    ...republishHome(requestKey, userId, page, notice),
  ];
}
