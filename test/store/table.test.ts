import { DescribeTableCommand, DescribeTimeToLiveCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { dynamoClientConfig } from '../../src/store/client';
import { indexes } from '../../src/store/keys';
import { ensureTable } from '../../src/store/table';
import { freshTable } from '../support/aws';

describe('ensureTable on DynamoDB Local', () => {
  it('creates the table with both indexes and TTL, and leaves an existing one alone', async () => {
    const { table, dynamo } = await freshTable();
    const client = new DynamoDBClient(dynamoClientConfig(dynamo));
    const d = await client.send(new DescribeTableCommand({ TableName: table }));
    expect(d.Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName).sort()).toEqual(
      [indexes.byDeparture, indexes.byUser].sort(),
    );
    const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: table }));
    expect(ttl.TimeToLiveDescription?.AttributeName).toBe('expiresAt');
    await expect(ensureTable(dynamo, table)).resolves.toBe('exists');
  });
});
