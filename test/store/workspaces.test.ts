/**
 * Keys begin with the workspace: two workspaces in one table, each with a sail of the same id,
 * never see each other's sail, roster, guests or roles; the registry lists both without a scan.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { SailDraft } from '../../src/sails/types';
import { countRequests } from '../../src/store/client';
import { createSharedStores, createWorkspaceStores, type WorkspaceStores } from '../../src/store/index';
import { keys } from '../../src/store/keys';
import { createSailStore } from '../../src/store/sails';
import { freshTable } from '../support/aws';
import { JADA_PLACE } from '../support/fleet';

const clock = new Date('2026-06-01T12:00:00Z');
const SAME_ID = 'S-SAME00';

const draft = (title: string): SailDraft => ({
  date: '2026-07-04',
  start: '18:00',
  durationMinutes: 120,
  crewCount: 2,
  guestCapacity: 4,
  vesselId: 'jada',
  title,
});

let env: Awaited<ReturnType<typeof freshTable>>;
let alpha: WorkspaceStores;
let beta: WorkspaceStores;

beforeAll(async () => {
  env = await freshTable();
  const deps = { doc: env.doc, table: env.table, now: () => clock };
  alpha = createWorkspaceStores(deps, 'TALPHA');
  beta = createWorkspaceStores(deps, 'TBETA');
  // Both workspaces draw the same sail id, so only the workspace tells the two sails apart.
  for (const [workspace, title] of [
    ['TALPHA', 'Alpha sunset'],
    ['TBETA', 'Beta sunset'],
  ] as const) {
    const created = await createSailStore({ ...deps, workspace, newId: () => SAME_ID }).create(
      draft(title),
      'UADMIN',
      JADA_PLACE,
    );
    if (!created.ok) throw new Error(created.error);
  }
});

describe('two workspaces in one table', () => {
  it('get reads only the workspace’s own sail', async () => {
    expect((await alpha.sails.get(SAME_ID))?.sail.title).toBe('Alpha sunset');
    expect((await beta.sails.get(SAME_ID))?.sail.title).toBe('Beta sunset');
  });

  it('upcoming (by departure) lists only the workspace’s own sails', async () => {
    expect((await alpha.sails.upcoming({ from: clock, days: 60 })).map((s) => s.title)).toEqual([
      'Alpha sunset',
    ]);
    expect((await beta.sails.upcoming({ from: clock, days: 60 })).map((s) => s.title)).toEqual([
      'Beta sunset',
    ]);
  });

  it('a claim in one workspace holds nothing in the other, and by-user roles stay apart', async () => {
    const claimed = await alpha.sails.claim(SAME_ID, 'captain', 'USAME');
    expect(claimed.ok).toBe(true);
    expect(
      (await beta.sails.get(SAME_ID))?.slots.find((s) => s.slotId === 'captain')?.holder,
    ).toBeUndefined();
    expect((await alpha.sails.rolesFor('USAME', clock)).map((r) => [r.sail.title, r.slotId])).toEqual([
      ['Alpha sunset', 'captain'],
    ]);
    expect(await beta.sails.rolesFor('USAME', clock)).toEqual([]);
    // The same person may then take the same slot on the other workspace's sail of the same id.
    expect((await beta.sails.claim(SAME_ID, 'captain', 'USAME')).ok).toBe(true);
    expect((await beta.sails.rolesFor('USAME', clock)).map((r) => r.sail.title)).toEqual(['Beta sunset']);
  });

  it('guests and their addresses are per workspace', async () => {
    const a = await alpha.guests.add({ sailId: SAME_ID, name: 'Ann', email: 'ann@example.com', capacity: 4 });
    expect(a).toMatchObject({ ok: true, created: true });
    expect(await beta.guests.findByEmail(SAME_ID, 'ann@example.com')).toBeUndefined();
    expect(await beta.guests.list(SAME_ID)).toEqual([]);
    expect((await alpha.sails.get(SAME_ID))?.guests.map((g) => g.name)).toEqual(['Ann']);
    expect((await beta.sails.get(SAME_ID))?.guests).toEqual([]);
  });

  it('keys begin with the team id, indexes too', () => {
    expect(keys.sail('TALPHA', SAME_ID).PK).toBe(`TALPHA#SAIL#${SAME_ID}`);
    expect(keys.sailByDeparture('TALPHA', clock.toISOString(), SAME_ID).GSI1PK).toBe('TALPHA#SAILS');
    expect(keys.memberByUser('TALPHA', 'U1', clock.toISOString(), SAME_ID).GSI2PK).toBe('TALPHA#USER#U1');
    expect(keys.ledgerIndex('TALPHA').PK).toBe('TALPHA#LEDGER');
    expect(keys.portfolioCurrent('TALPHA').PK).toBe('TALPHA#PORTFOLIO');
    expect(keys.magicCode('ABCDEFGH').PK).toBe('CODE#ABCDEFGH');
  });

  it('creating a sail registered its workspace; the registry lists both in one Query', async () => {
    const { doc, table } = env;
    const shared = createSharedStores({ doc, table, now: () => clock });
    const tally = countRequests(doc);
    expect(await shared.workspaces.listWorkspaces()).toEqual(['TALPHA', 'TBETA']);
    expect(Object.fromEntries(tally)).toEqual({ QueryCommand: 1 });
    await shared.workspaces.registerWorkspace('TALPHA');
    await shared.workspaces.registerWorkspace('TGAMMA');
    expect(await shared.workspaces.listWorkspaces()).toEqual(['TALPHA', 'TBETA', 'TGAMMA']);
  });

  it('refuses a workspace id that is not a Slack team id', () => {
    const deps = { doc: env.doc, table: env.table };
    expect(() => createWorkspaceStores(deps, 'SAIL')).toThrow(/must be a Slack team id/);
    expect(() => createWorkspaceStores(deps, 'T1#X')).toThrow(/must be a Slack team id/);
    expect(() => createWorkspaceStores(deps, '')).toThrow(/must be a Slack team id/);
  });
});
