/** Calendar tokens on DynamoDB Local: one live token per person, a reset retires the old one. */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type CalendarTokenStore,
  createCalendarTokenStore,
  newCalendarToken,
} from '../../src/store/calendar-tokens';
import { calendarKeys } from '../../src/store/keys';
import { freshTable } from '../support/aws';

let store: CalendarTokenStore;
let doc: Awaited<ReturnType<typeof freshTable>>['doc'];
let table: string;

beforeAll(async () => {
  ({ doc, table } = await freshTable());
  store = createCalendarTokenStore({ doc, table });
});

describe('calendar tokens', () => {
  it('issues one token per person and workspace, and gives the same one again', async () => {
    const owner = { workspace: 'T1', userId: 'UCAL0001' };
    expect(await store.current(owner)).toBeUndefined();
    const first = await store.issue(owner);
    expect(first.created).toBe(true);
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(await store.issue(owner)).toEqual({ token: first.token, created: false });
    expect(await store.resolve(first.token)).toEqual(owner);
    // Another workspace's person with the same id is someone else.
    const other = await store.issue({ workspace: 'T2', userId: 'UCAL0001' });
    expect(other.token).not.toBe(first.token);
    expect(await store.resolve(other.token)).toEqual({ workspace: 'T2', userId: 'UCAL0001' });
  });

  it('never leaves two live tokens when several requests issue at once', async () => {
    const owner = { workspace: 'T1', userId: 'UCAL0002' };
    const issued = await Promise.all(Array.from({ length: 6 }, () => store.issue(owner)));
    const tokens = new Set(issued.map((i) => i.token));
    expect(tokens.size).toBe(1);
    expect(issued.filter((i) => i.created)).toHaveLength(1);
  });

  it('a reset retires the old token (its item is gone) and the new one resolves', async () => {
    const owner = { workspace: 'T1', userId: 'UCAL0003' };
    const { token: old } = await store.issue(owner);
    const reset = await store.reset(owner);
    expect(reset.revoked).toBe(old);
    expect(reset.token).not.toBe(old);
    expect(await store.resolve(old)).toBeUndefined();
    const gone = await doc.send(new GetCommand({ TableName: table, Key: calendarKeys.token(old) }));
    expect(gone.Item).toBeUndefined();
    expect(await store.resolve(reset.token)).toEqual(owner);
    expect(await store.current(owner)).toBe(reset.token);
  });

  it('a reset with no token yet just issues one', async () => {
    const owner = { workspace: 'T1', userId: 'UCAL0004' };
    const reset = await store.reset(owner);
    expect(reset.revoked).toBeUndefined();
    expect(await store.resolve(reset.token)).toEqual(owner);
  });

  it('resolves nothing for unknown or malformed tokens without asking the table', async () => {
    expect(await store.resolve(newCalendarToken())).toBeUndefined();
    expect(await store.resolve('short')).toBeUndefined();
    expect(await store.resolve('../../etc/passwd-and-more-characters')).toBeUndefined();
  });
});
