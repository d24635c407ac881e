/** What `bosun dev` does once the stack is up, beyond serving: features add their steps here. */
import type { DevHooks } from './dev';
import { seedSampleData } from './import';
import { createReportCliDeps } from './report';

/** The dev stack's hooks: the sample portfolio and ledger go into an empty table. */
export const devHooks: DevHooks = {
  async onReady(bosun, log) {
    const seeded = await seedSampleData({ ...createReportCliDeps(bosun.config), print: () => {} });
    if (seeded.seeded)
      log(`bosun: seeded the sample portfolio (v${seeded.version}) and ${seeded.lines} ledger lines`);
  },
};
