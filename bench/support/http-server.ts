/**
 * Bosun's HTTP app on a free loopback port, in its own process so the load generator in
 * `bench/http.ts` does not share its event loop. Configured from the environment the bench passes;
 * prints `LISTENING <port>` once it accepts connections. It also measures itself, so the bench can
 * tell the app's own cost from the machine's: each `mark <name>` line on stdin answers
 * `STATS <name> <json>` (requests, time inside the app, CPU, DynamoDB calls) for the requests
 * since the previous mark. It stops when stdin closes.
 */
import { createInterface } from 'node:readline';
import { serve } from '@hono/node-server';
import { createBosun } from '../../src/app';
import { loadConfig } from '../../src/config';
import { seedFleet } from '../../test/support/fleet';
import { median, quantile } from './stats';

/** What the server reports for one stretch of requests. */
export interface ServerStats {
  requests: number;
  appP50Ms: number;
  appP99Ms: number;
  cpuMsPerRequest: number;
  dynamo: Record<string, { calls: number; p50Ms: number; p99Ms: number }>;
}

const bosun = await createBosun(loadConfig(process.env));
// Sails need a fleet vessel: the bench's fresh table gets JADA, as `npm start`'s demo does.
await seedFleet(bosun.stores.fleet);

let appMs: number[] = [];
let dynamoMs = new Map<string, number[]>();
let cpuAtMark = process.cpuUsage();

bosun.doc.middlewareStack.add(
  (next, context) => async (args) => {
    const started = performance.now();
    try {
      return await next(args);
    } finally {
      const name = String(context.commandName ?? 'unknown').replace(/Command$/, '');
      const list = dynamoMs.get(name) ?? [];
      list.push(performance.now() - started);
      dynamoMs.set(name, list);
    }
  },
  { step: 'initialize', name: 'benchDynamoTimer' },
);

const server = serve(
  {
    fetch: async (req) => {
      const started = performance.now();
      try {
        return await bosun.http.fetch(req);
      } finally {
        appMs.push(performance.now() - started);
      }
    },
    port: 0,
    hostname: '127.0.0.1',
  },
  (info) => process.stdout.write(`LISTENING ${info.port}\n`),
);

function snapshot(): ServerStats {
  const cpu = process.cpuUsage(cpuAtMark);
  const requests = appMs.length;
  const stats: ServerStats = {
    requests,
    appP50Ms: median(appMs),
    appP99Ms: quantile(appMs, 0.99),
    cpuMsPerRequest: requests ? (cpu.user + cpu.system) / 1000 / requests : Number.NaN,
    dynamo: Object.fromEntries(
      [...dynamoMs].map(([k, v]) => [k, { calls: v.length, p50Ms: median(v), p99Ms: quantile(v, 0.99) }]),
    ),
  };
  appMs = [];
  dynamoMs = new Map();
  cpuAtMark = process.cpuUsage();
  return stats;
}

const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const m = /^mark (\S+)$/.exec(line.trim());
  if (m) process.stdout.write(`STATS ${m[1]} ${JSON.stringify(snapshot())}\n`);
});
lines.on('close', () => {
  server.close();
  bosun.doc.destroy();
  process.exit(0);
});
