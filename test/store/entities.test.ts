/**
 * The entity declarations: what `item` writes is what `parse` reads back, a stored item of the
 * wrong shape is a clear error naming its key, and multi-page Queries are read to the end (or as
 * far as the caller wants) through `paginateQuery`.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { StorageError } from '../../src/errors';
import { countRequests, createDocumentClient } from '../../src/store/client';
import { entities } from '../../src/store/entities';
import { keys } from '../../src/store/keys';
import { queryAll, queryItems } from '../../src/store/query';
import { createSailStore } from '../../src/store/sails';
import { freshTable, WORKSPACE } from '../support/aws';

let env: Awaited<ReturnType<typeof freshTable>>;
const clock = new Date('2026-06-01T12:00:00Z');

beforeAll(async () => {
  env = await freshTable();
});

describe('an entity', () => {
  it('writes keys, index keys, type and ISO instants, and parses them back to the domain value', async () => {
    const member = { sailId: 'S-ENTITY', userId: 'U1', slotId: 'crew-1', departAt: clock };
    const item = entities.member.item({ ...member, workspace: WORKSPACE });
    expect(item).toEqual({
      ...keys.member(WORKSPACE, 'S-ENTITY', 'U1'),
      ...keys.memberByUser(WORKSPACE, 'U1', clock.toISOString(), 'S-ENTITY'),
      type: 'member',
      sailId: 'S-ENTITY',
      userId: 'U1',
      slotId: 'crew-1',
      departAt: '2026-06-01T12:00:00.000Z',
    });
    await env.doc.send(new PutCommand({ TableName: env.table, Item: item }));
    const stored = await env.doc.send(
      new GetCommand({ TableName: env.table, Key: keys.member(WORKSPACE, 'S-ENTITY', 'U1') }),
    );
    expect(entities.member.parse(stored.Item ?? {})).toEqual(member);
  });

  it('maps a guest’s stored guestId to the domain id both ways', () => {
    const guest = {
      id: 'G-1',
      sailId: 'S-1',
      name: 'Ann',
      email: 'ann@example.com',
      invitedAt: clock.toISOString(),
      status: 'on_hold' as const,
    };
    const item = entities.guest.item({ ...guest, workspace: WORKSPACE });
    expect(item).toMatchObject({ ...keys.guest(WORKSPACE, 'S-1', 'G-1'), guestId: 'G-1', type: 'guest' });
    expect(item).not.toHaveProperty('id');
    expect(entities.guest.parse(item)).toEqual(guest);
  });

  it('adds the TTL attribute only when asked', () => {
    const job = { jobId: 'J', kind: 'report', status: 'running' as const, claimedAt: clock.toISOString() };
    expect(entities.job.item({ ...job, workspace: WORKSPACE })).not.toHaveProperty('expiresAt');
    expect(
      entities.job.item({ ...job, workspace: WORKSPACE }, { expires: new Date(clock.getTime() + 1000) })
        .expiresAt,
    ).toBe(Math.floor(clock.getTime() / 1000) + 1);
  });

  it('refuses a stored item of the wrong shape with an error naming its key', async () => {
    const sails = createSailStore({ workspace: WORKSPACE, doc: env.doc, table: env.table, now: () => clock });
    await env.doc.send(
      new PutCommand({
        TableName: env.table,
        Item: { ...keys.sail(WORKSPACE, 'S-BADBAD'), type: 'sail', id: 'S-BADBAD', title: 'no times' },
      }),
    );
    const read = sails.get('S-BADBAD');
    await expect(read).rejects.toThrow(StorageError);
    await expect(read).rejects.toThrow(/sail T0LOCAL#SAIL#S-BADBAD\/META has an unexpected shape/);
  });
});

describe('queryItems (paginateQuery)', () => {
  it('follows every page, and stops reading pages once the caller has enough', async () => {
    const { doc, table } = await freshTable();
    for (let i = 0; i < 5; i++) {
      await doc.send(
        new PutCommand({
          TableName: table,
          Item: entities.nudge.item({
            workspace: WORKSPACE,
            sailId: 'S-PAGES',
            kind: 'crew-call',
            window: 'w',
            target: `U${i}`,
            status: 'sent',
            token: 't',
            claimedAt: clock.toISOString(),
          }),
        }),
      );
    }
    const counted = createDocumentClient({ region: 'us-west-2', endpoint: env.dynamo.endpoint });
    const tally = countRequests(counted);
    const input = {
      TableName: table,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.nudgePartition(WORKSPACE, 'S-PAGES') },
      Limit: 2,
    };
    expect((await queryAll(counted, input)).map((i) => i.target)).toEqual(['U0', 'U1', 'U2', 'U3', 'U4']);
    // Pages of 2, 2 and 1 items.
    expect(tally.get('QueryCommand')).toBe(3);

    tally.clear();
    const firstThree: unknown[] = [];
    for await (const item of queryItems(counted, input, { pageSize: 2 })) {
      firstThree.push(item.target);
      if (firstThree.length === 3) break;
    }
    expect(firstThree).toEqual(['U0', 'U1', 'U2']);
    expect(tally.get('QueryCommand')).toBe(2);
  });
});
