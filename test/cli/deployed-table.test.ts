/**
 * infra/README.md step 8: `BOSUN_TABLE=<TableName> AWS_REGION=… npm run bosun -- portfolio import …`
 * with no local stack running must reach AWS DynamoDB (no endpoint override, no dummy
 * credentials), while a running `bosun dev` points the same verbs at DynamoDB Local.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config';
import { dynamoClientConfig, requestLimits } from '../../src/store/client';

let home: string;
let stackModule: typeof import('../../src/cli/stack');

function writeStackFile(pid: number): void {
  writeFileSync(
    join(home, 'stack.json'),
    JSON.stringify({
      appUrl: 'http://localhost:3999',
      port: 3999,
      sesUrl: 'http://localhost:8999',
      dynamodbEndpoint: 'http://localhost:8998',
      table: 'bosun',
      pid,
    }),
  );
}

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'bosun-home-'));
  mkdirSync(home, { recursive: true });
  // BOSUN_DIR is read when the module loads, so point it at a scratch directory first.
  vi.stubEnv('BOSUN_HOME', home);
  vi.resetModules();
  stackModule = await import('../../src/cli/stack');
});

afterAll(() => {
  vi.unstubAllEnvs();
  rmSync(home, { recursive: true, force: true });
});

const deployed = { BOSUN_TABLE: 'Bosun-Table1A2B3C', AWS_REGION: 'us-east-2' };

describe('the bosun verbs against the deployed table', () => {
  it('with a stale stack.json (its bosun dev has exited) they use AWS DynamoDB in AWS_REGION', async () => {
    const exited = spawnSync(process.execPath, ['-e', '0']).pid;
    if (exited === undefined) throw new Error('could not start a short-lived process');
    writeStackFile(exited);
    const stack = stackModule.readStack();
    expect(stack).toBeUndefined();

    const config = loadConfig(stackModule.devEnv(stack, deployed));
    expect(config.table).toBe('Bosun-Table1A2B3C');
    expect(config.aws.dynamodbEndpoint).toBeUndefined();
    const clientConfig = dynamoClientConfig({
      region: config.aws.region,
      endpoint: config.aws.dynamodbEndpoint,
    });
    // No endpoint and no dummy credentials: the SDK's default chain (AWS_PROFILE, SSO, keys); the
    // request-path bounds of AWS, not the emulator's.
    expect(clientConfig).toEqual({
      region: 'us-east-2',
      maxAttempts: requestLimits.maxAttempts,
      requestHandler: expect.any(NodeHttpHandler),
    });
    const resolved = new DynamoDBClient(clientConfig).config.endpointProvider({ Region: 'us-east-2' });
    expect(resolved.url.href).toBe('https://dynamodb.us-east-2.amazonaws.com/');
  });

  it('while bosun dev runs they go to its DynamoDB Local, which is why the guide says to stop it', () => {
    writeStackFile(process.pid);
    const stack = stackModule.readStack();
    expect(stack?.dynamodbEndpoint).toBe('http://localhost:8998');
    const config = loadConfig(stackModule.devEnv(stack, deployed));
    expect(config.aws.dynamodbEndpoint).toBe('http://localhost:8998');
    expect(config.table).toBe('Bosun-Table1A2B3C');
  });
});
