/**
 * `bosun migrate` on DynamoDB Local: a table written by the version before keys began with the
 * workspace (the items below are exactly what that version wrote) is moved to the prefixed keys,
 * after which the stores read everything back; a second run moves nothing; a run that dies
 * halfway is completed by the next one.
 */

import { readFileSync } from 'node:fs';
import {
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  paginateScan,
} from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli';
import { describeMigration, parseMigrateArgs } from '../../src/cli/migrate';
import { createDocumentClient } from '../../src/store/client';
import { entities } from '../../src/store/entities';
import { createSharedStores, createWorkspaceStores } from '../../src/store/index';
import { keys, legacyKeys } from '../../src/store/keys';
import { migrateToWorkspace } from '../../src/store/migrate';
import { freshTable } from '../support/aws';

const TEAM = 'T0MIGRATE';
const clock = new Date('2026-06-01T12:00:00.000Z');
const depart = '2026-07-05T01:30:00.000Z';
const code = 'ABCDEFGH';
const expiresAt = Math.floor(clock.getTime() / 1000) + 86_400;
const yaml = readFileSync('data/portfolio.yaml', 'utf8');

/** Every kind of item, keyed and shaped as the version before the workspace prefix wrote it. */
function legacyItems(): Record<string, unknown>[] {
  const sail = {
    PK: 'SAIL#S-LEGACY',
    SK: 'META',
    GSI1PK: 'SAILS',
    GSI1SK: `${depart}#S-LEGACY`,
    type: 'sail',
    id: 'S-LEGACY',
    title: 'Before workspaces',
    vesselId: 'jada',
    status: 'scheduled',
    date: '2026-07-04',
    start: 'sunset',
    durationMinutes: 120,
    crewCount: 1,
    guestCapacity: 6,
    crewCallAt: '2026-07-05T00:45:00.000Z',
    departAt: depart,
    sunsetAt: '2026-07-05T03:00:00.000Z',
    civilDuskAt: '2026-07-05T03:30:00.000Z',
    returnAt: '2026-07-05T03:30:00.000Z',
    createdBy: 'UADMIN',
    createdAt: '2026-05-01T12:00:00.000Z',
    version: 1,
  };
  return [
    sail,
    {
      PK: 'SAIL#S-LEGACY',
      SK: 'SLOT#captain',
      type: 'slot',
      sailId: 'S-LEGACY',
      slotId: 'captain',
      holder: 'UCAPT',
      claimedAt: '2026-05-02T12:00:00.000Z',
    },
    { PK: 'SAIL#S-LEGACY', SK: 'SLOT#crew-1', type: 'slot', sailId: 'S-LEGACY', slotId: 'crew-1' },
    {
      PK: 'SAIL#S-LEGACY',
      SK: 'MEMBER#UCAPT',
      GSI2PK: 'USER#UCAPT',
      GSI2SK: `${depart}#S-LEGACY`,
      type: 'member',
      sailId: 'S-LEGACY',
      userId: 'UCAPT',
      slotId: 'captain',
      departAt: depart,
    },
    {
      PK: 'SAIL#S-LEGACY',
      SK: 'CHECK#fuel',
      type: 'check',
      sailId: 'S-LEGACY',
      itemId: 'fuel',
      checked: true,
      by: 'UCAPT',
      at: '2026-05-03T12:00:00.000Z',
    },
    {
      PK: 'SAIL#S-LEGACY',
      SK: 'GUEST#G-ANN',
      type: 'guest',
      guestId: 'G-ANN',
      sailId: 'S-LEGACY',
      name: 'Ann',
      email: 'ann@example.com',
      invitedAt: '2026-05-04T12:00:00.000Z',
      invitedBy: 'UADMIN',
      status: 'signed',
      signedAt: '2026-05-05T12:00:00.000Z',
      signedName: 'Ann',
      minors: 0,
      latestCode: code,
      linkIssuedAt: '2026-05-04T12:00:00.000Z',
    },
    { PK: 'SAIL#S-LEGACY', SK: 'GUESTMAIL#ann@example.com', type: 'guest-email', guestId: 'G-ANN' },
    { PK: 'SAIL#S-LEGACY', SK: 'GUESTCOUNT', type: 'guest-count', count: 1 },
    {
      PK: 'SAIL#S-LEGACY',
      SK: 'WAIVER#G-ANN',
      type: 'waiver',
      sailId: 'S-LEGACY',
      guestId: 'G-ANN',
      version: '2026-01',
      sha256: 'abc',
      signedName: 'Ann',
      minors: [],
      signedAt: '2026-05-05T12:00:00.000Z',
      ip: '203.0.113.7',
      userAgent: 'test',
    },
    {
      PK: `CODE#${code}`,
      SK: 'CODE',
      type: 'magic-code',
      code,
      guestId: 'G-ANN',
      sailId: 'S-LEGACY',
      createdAt: clock.toISOString(),
      expiresAt,
    },
    {
      PK: 'NUDGE#S-LEGACY',
      SK: 'crew-call#2026-07-04#UCAPT',
      sailId: 'S-LEGACY',
      kind: 'crew-call',
      window: '2026-07-04',
      target: 'UCAPT',
      status: 'sent',
      token: 'tok',
      claimedAt: '2026-07-04T20:00:00.000Z',
      sentAt: '2026-07-04T20:00:01.000Z',
      expiresAt,
    },
    { PK: 'VESSEL#jada', SK: 'CREW', vesselId: 'jada', crew: new Set(['UCAPT', 'UCREW']) },
    {
      PK: 'JOB#J-1',
      SK: 'JOB',
      jobId: 'J-1',
      kind: 'report',
      status: 'done',
      claimedAt: clock.toISOString(),
      finishedAt: clock.toISOString(),
      error: null,
      expiresAt,
    },
    {
      PK: 'REPORT#J-1',
      SK: 'RUN',
      runId: 'J-1',
      kind: 'ceo',
      requestedBy: 'UADMIN',
      at: clock.toISOString(),
      status: 'sent',
      messageId: 'm-1',
      recipients: ['owner@example.com'],
      expiresAt,
    },
    {
      PK: 'LEDGER#chase-4411#2026-05',
      SK: 'LINE#h1',
      date: '2026-05-14',
      description: 'FUEL DOCK',
      amountCents: -12000,
      source: 'Chase 4411',
      hash: 'h1',
    },
    { PK: 'LEDGER', SK: 'PARTITIONS', partitions: new Set(['LEDGER#chase-4411#2026-05']) },
    {
      PK: 'PORTFOLIO',
      SK: 'V#000001',
      version: 1,
      sha256: 'sha',
      yaml,
      importedAt: clock.toISOString(),
    },
    { PK: 'PORTFOLIO', SK: 'CURRENT', version: 1, sha256: 'sha', yaml, importedAt: clock.toISOString() },
    // Global before and after: left alone.
    {
      PK: 'RATE#claim:203.0.113.7',
      SK: 'W#2026-06-01T12:00:00.000Z',
      type: 'rate',
      count: 2,
      expiresAt,
    },
  ];
}

async function putAll(doc: DynamoDBDocumentClient, table: string, items: Record<string, unknown>[]) {
  for (let i = 0; i < items.length; i += 25) {
    await doc.send(
      new BatchWriteCommand({
        RequestItems: { [table]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) },
      }),
    );
  }
}

async function scanAll(doc: DynamoDBDocumentClient, table: string) {
  const out: Record<string, unknown>[] = [];
  for await (const page of paginateScan({ client: doc }, { TableName: table, ConsistentRead: true })) {
    out.push(...(page.Items ?? []));
  }
  return out;
}

/** Everything the stores of TEAM should read back after the migration. */
async function expectMigrated(doc: DynamoDBDocumentClient, table: string) {
  const rows = await scanAll(doc, table);
  expect(rows.filter((r) => legacyKeys.isLegacyPartition(String(r.PK)))).toEqual([]);
  expect(rows.filter((r) => r.GSI1PK === 'SAILS' || String(r.GSI2PK).startsWith('USER#'))).toEqual([]);

  const now = () => clock;
  const s = createWorkspaceStores({ doc, table, now }, TEAM);
  const record = await s.sails.get('S-LEGACY');
  expect(record?.sail.title).toBe('Before workspaces');
  expect(record?.slots.map((x) => [x.slotId, x.holder])).toEqual([
    ['captain', 'UCAPT'],
    ['crew-1', undefined],
  ]);
  expect(record?.members.map((m) => m.userId)).toEqual(['UCAPT']);
  expect(record?.checklist.map((t) => t.itemId)).toEqual(['fuel']);
  expect(record?.guests.map((g) => g.id)).toEqual(['G-ANN']);
  expect(record?.waivers.map((w) => w.guestId)).toEqual(['G-ANN']);
  expect(record?.seatsTaken).toBe(1);
  // The indexes moved with the items.
  expect((await s.sails.upcoming({ from: clock, days: 60 })).map((x) => x.id)).toEqual(['S-LEGACY']);
  expect((await s.sails.rolesFor('UCAPT', clock)).map((r) => [r.sail.id, r.slotId])).toEqual([
    ['S-LEGACY', 'captain'],
  ]);
  expect((await s.guests.findByEmail('S-LEGACY', 'ann@example.com'))?.id).toBe('G-ANN');
  // The code names its workspace, and a claim checks the guest's item at its new key.
  expect(await s.codes.get(code)).toMatchObject({ workspace: TEAM, guestId: 'G-ANN' });
  expect(await s.codes.claim(code)).toMatchObject({ ok: true, code: { workspace: TEAM } });
  expect((await s.nudges.recorded('S-LEGACY')).map((n) => n.key)).toEqual(['crew-call#2026-07-04#UCAPT']);
  expect(await s.nudges.regulars('jada')).toEqual(['UCAPT', 'UCREW']);
  // Job records from before jobs ran under once() move too (kept for inspection until their TTL).
  const job = await doc.send(new GetCommand({ TableName: table, Key: keys.job(TEAM, 'J-1') }));
  expect(job.Item).toMatchObject({ jobId: 'J-1' });
  expect(await s.reportRuns.get('J-1')).toMatchObject({ kind: 'ceo', messageId: 'm-1' });
  expect((await s.ledger.allLines()).map((l) => l.hash)).toEqual(['h1']);
  expect((await s.portfolios.current())?.version).toBe(1);
  expect(await createSharedStores({ doc, table, now }).workspaces.listWorkspaces()).toEqual([TEAM]);
}

describe('bosun migrate', () => {
  it('moves every unprefixed item, a dry run first writing nothing, and a second run moving nothing', async () => {
    const { doc, table } = await freshTable();
    const items = legacyItems();
    await putAll(doc, table, items);

    const dry = await migrateToWorkspace({ doc, table }, { workspace: TEAM, dryRun: true });
    expect(dry.counts.sail).toEqual({ moved: 1, skipped: 0, conflicts: 0 });
    expect(dry.counts.slot).toEqual({ moved: 2, skipped: 0, conflicts: 0 });
    expect((await scanAll(doc, table)).length).toBe(items.length);
    expect(describeMigration(dry, table)).toContain('dry run: nothing was written');

    const first = await migrateToWorkspace({ doc, table }, { workspace: TEAM });
    expect(first.conflicts).toEqual([]);
    const movedPerEntity = Object.fromEntries(Object.entries(first.counts).map(([k, c]) => [k, c.moved]));
    expect(movedPerEntity).toEqual({
      sail: 1,
      slot: 2,
      member: 1,
      check: 1,
      guest: 1,
      'guest-email': 1,
      'guest-count': 1,
      waiver: 1,
      'magic-code': 1,
      nudge: 1,
      'vessel-crew': 1,
      job: 1,
      'report-run': 1,
      'ledger-line': 1,
      'ledger-index': 1,
      'portfolio-version': 1,
      'portfolio-current': 1,
      rate: 0,
    });
    expect(first.counts.rate).toEqual({ moved: 0, skipped: 1, conflicts: 0 });
    // Every kind the migration names is a declared entity.
    const declared = new Set(Object.values(entities).map((e) => e.name));
    expect(Object.keys(first.counts).filter((k) => !declared.has(k))).toEqual([]);

    await expectMigrated(doc, table);

    const second = await migrateToWorkspace({ doc, table }, { workspace: TEAM });
    expect(Object.values(second.counts).reduce((n, c) => n + c.moved + c.conflicts, 0)).toBe(0);
    expect(describeMigration(second, table)).toContain('Nothing to move');
  });

  it('a run that dies halfway (between a copy and its delete) is completed by the next run', async () => {
    const { doc, table, dynamo } = await freshTable();
    const items = legacyItems();
    await putAll(doc, table, items);

    // A client whose fourth DeleteItem fails: the process "dies" with one item copied, not deleted.
    const dying = createDocumentClient(dynamo);
    let deletes = 0;
    dying.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'DeleteItemCommand' && ++deletes === 4) throw new Error('killed');
        return next(args);
      },
      { step: 'initialize', name: 'dieOnFourthDelete' },
    );
    await expect(migrateToWorkspace({ doc: dying, table }, { workspace: TEAM })).rejects.toThrow('killed');
    const halfway = await scanAll(doc, table);
    const legacyLeft = halfway.filter((r) => legacyKeys.isLegacyPartition(String(r.PK)));
    expect(legacyLeft.length).toBeGreaterThan(0);
    // Three moved, one copied and not deleted: the table holds one item more than it started with.
    expect(halfway.length).toBe(items.length + 1);
    expect(deletes).toBe(4);

    // The scan's order is the table's: the code may or may not have been named before the crash.
    const codeNamed = halfway.some((r) => r.type === 'magic-code' && r.workspace === TEAM);

    const rerun = await migrateToWorkspace({ doc, table }, { workspace: TEAM });
    expect(rerun.conflicts).toEqual([]);
    // The rerun moves what was left, the copied-but-not-deleted item included.
    expect(Object.values(rerun.counts).reduce((n, c) => n + c.moved, 0)).toBe(
      legacyLeft.length + (codeNamed ? 0 : 1),
    );
    // Each item once at its new key, plus the workspace's registry entry.
    expect((await scanAll(doc, table)).length).toBe(items.length + 1);
    await expectMigrated(doc, table);
  });

  it('leaves an item whose new key holds something else, and says so', async () => {
    const { doc, table } = await freshTable();
    const slot = {
      PK: 'SAIL#S-CLASH',
      SK: 'SLOT#captain',
      type: 'slot',
      sailId: 'S-CLASH',
      slotId: 'captain',
    };
    await putAll(doc, table, [slot, { ...slot, PK: `${TEAM}#SAIL#S-CLASH`, holder: 'UNEW' }]);
    const r = await migrateToWorkspace({ doc, table }, { workspace: TEAM });
    expect(r.counts.slot).toEqual({ moved: 0, skipped: 1, conflicts: 1 });
    expect(r.conflicts).toEqual(['SAIL#S-CLASH / SLOT#captain']);
    expect(describeMigration(r, table)).toContain('left in place');
    const slots = (await scanAll(doc, table)).filter((x) => x.type === 'slot');
    expect(slots.map((x) => [x.PK, x.holder])).toEqual(
      expect.arrayContaining([
        ['SAIL#S-CLASH', undefined],
        [`${TEAM}#SAIL#S-CLASH`, 'UNEW'],
      ]),
    );
    expect(slots.length).toBe(2);
  });

  it('checks its arguments and answers --help', async () => {
    expect(parseMigrateArgs(['--help'])).toEqual({ help: true });
    expect(parseMigrateArgs(['--workspace', 'T012AB', '--dry-run'])).toEqual({
      help: false,
      workspace: 'T012AB',
      dryRun: true,
    });
    expect(() => parseMigrateArgs([])).toThrow(/Usage: bosun migrate --workspace/);
    expect(() => parseMigrateArgs(['--workspace', 'sail'])).toThrow(/must be a Slack team id/);
    const log: string[] = [];
    const original = console.log;
    console.log = (line: string) => log.push(line);
    try {
      expect(await main(['migrate', '--help'])).toBe(0);
    } finally {
      console.log = original;
    }
    expect(log.join('\n')).toContain('Usage: bosun migrate --workspace <T…> [--dry-run]');
  });
});
