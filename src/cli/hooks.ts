/** What `bosun dev` does once the stack is up, beyond serving: features add their steps here. */
import type { DevHooks } from './dev';

/** The dev stack's hooks. */
export const devHooks: DevHooks = {
  async onReady() {},
};
