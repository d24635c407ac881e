/**
 * The stores, built together. `createWorkspaceStores` gives every store whose keys begin with a
 * workspace (a Slack team id), for one workspace; `createSharedStores` the ones keyed without a
 * workspace (rate limits, the workspace registry, the readiness probe). A request that names its
 * team builds (or reuses) that team's stores, so no code path can read another workspace's data.
 * Magic codes are global items that name their workspace: the code store here issues codes for
 * its workspace, and its `claim` works for a code of any workspace (the claimed code says which).
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type CodeStore, createCodeStore } from './codes';
import { type CrewStore, createCrewStore } from './crew';
import { createDemoStore, type DemoStore } from './demo';
import { createFleetStore, type FleetStore } from './fleet';
import { createGuestStore, type GuestStore } from './guests';
import { createLedgerStore, type LedgerStore } from './ledger';
import { createNudgeStore, type NudgeStore } from './nudges';
import { createPortfolioStore, type PortfolioStore } from './portfolio';
import { createRateLimiter, type RateLimiter } from './rate-limit';
import { createReadyProbe, type ReadyProbe } from './ready';
import { createReportRunStore, type ReportRunStore } from './report-runs';
import { createSailStore, type SailStore } from './sails';
import { createSeriesStore, type SeriesStore } from './series';
import { checkWorkspace, createWorkspaceRegistry, type WorkspaceRegistry } from './workspaces';

/** What every store is built over. */
export interface StoreDeps {
  doc: DynamoDBDocumentClient;
  table: string;
  now?: () => Date;
}

/** Every store of one workspace. */
export interface WorkspaceStores {
  workspace: string;
  sails: SailStore;
  guests: GuestStore;
  codes: CodeStore;
  nudges: NudgeStore;
  reportRuns: ReportRunStore;
  ledger: LedgerStore;
  portfolios: PortfolioStore;
  /** The workspace's vessels and their history. */
  fleet: FleetStore;
  /** What of the workspace's data is `npm start`'s demo. */
  demo: DemoStore;
  crew: CrewStore;
  series: SeriesStore;
}

/** Builds every workspace-scoped store for `workspace` (a Slack team id; anything else throws). */
export function createWorkspaceStores(deps: StoreDeps, workspace: string): WorkspaceStores {
  const ws = checkWorkspace(workspace);
  const { doc, table } = deps;
  const now = deps.now ?? (() => new Date());
  const scoped = { doc, table, now, workspace: ws };
  return {
    workspace: ws,
    sails: createSailStore(scoped),
    guests: createGuestStore(scoped),
    codes: createCodeStore(scoped),
    nudges: createNudgeStore(scoped),
    reportRuns: createReportRunStore({ doc, table, workspace: ws }),
    ledger: createLedgerStore({ doc, table, workspace: ws }),
    portfolios: createPortfolioStore(scoped),
    fleet: createFleetStore(scoped),
    demo: createDemoStore(scoped),
    crew: createCrewStore(scoped),
    series: createSeriesStore({ doc, table, workspace: ws }),
  };
}

/** The stores keyed without a workspace. */
export interface SharedStores {
  rateLimiter: RateLimiter;
  workspaces: WorkspaceRegistry;
  ready: ReadyProbe;
}

/** Builds the stores keyed without a workspace. */
export function createSharedStores(deps: StoreDeps): SharedStores {
  return {
    rateLimiter: createRateLimiter(deps),
    workspaces: createWorkspaceRegistry(deps),
    ready: createReadyProbe(deps),
  };
}

export { checkWorkspace, createWorkspaceRegistry, type WorkspaceRegistry } from './workspaces';
