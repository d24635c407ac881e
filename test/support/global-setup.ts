/**
 * Starts the real local services once for the whole test run, each on a free port:
 * AWS's DynamoDB Local and the SES emulator. Tests read the endpoints with `inject()`.
 */
import type { TestProject } from 'vitest/node';
import { type LocalService, startDynamoLocal, startSesEmulator } from '../../src/local/services';

let services: LocalService[] = [];

export async function setup(project: TestProject) {
  const [dynamo, ses] = await Promise.all([startDynamoLocal(), startSesEmulator()]);
  services = [dynamo, ses];
  project.provide('dynamoEndpoint', dynamo.endpoint);
  project.provide('sesEndpoint', ses.endpoint);
}

export async function teardown() {
  await Promise.all(services.map((s) => s.stop()));
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    sesEndpoint: string;
  }
}
