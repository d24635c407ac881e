/** What `bosun dev` does once the stack is up, beyond serving: features add their steps here. */

import { seedSampleData } from './cli/import';
import { createImportDeps } from './cli-wiring';
import type { DevHooks } from './dev';

/** The dev stack's hooks: the demo fleet, portfolio and ledger go into an empty table, marked demo. */
export const devHooks: DevHooks = {
  async onReady(bosun, log) {
    const seeded = await seedSampleData({ ...createImportDeps(bosun.config), print: () => {} });
    if (seeded.seeded)
      log(
        `bosun: seeded DEMO data into the empty table: the fleet (${seeded.vessels?.join(', ')}), the sample portfolio (v${seeded.version}) and ${seeded.lines} ledger lines. Importing your own portfolio or ledger replaces the demo ones.`,
      );
  },
};
