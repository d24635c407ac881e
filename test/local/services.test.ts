/**
 * The local stand-ins take no credentials, so they must listen on loopback only: each is started
 * here, then looked up in the kernel's listening sockets (`ss`) and called on this machine's other
 * addresses, where nothing may answer.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  hasCommand,
  LOCAL_HOST,
  type LocalService,
  startDynamoLocal,
  startSesEmulator,
} from '../../src/local/services';

let dynamo: LocalService;
let ses: LocalService;

beforeAll(async () => {
  [dynamo, ses] = await Promise.all([startDynamoLocal(), startSesEmulator()]);
}, 90_000);

afterAll(async () => {
  await Promise.all([dynamo?.stop(), ses?.stop()]);
});

/** This machine's addresses other than loopback (IPv6 link-local left out: it needs a zone id). */
function otherAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .filter((a) => !a.internal && !a.address.startsWith('fe80:'))
    .map((a) => a.address);
}

/** The local addresses listening on `port`, as `ss` prints them (`127.0.0.1:8000`, `[::]:8000`). */
function listeners(port: number): string[] {
  const out = execFileSync('ss', ['-ltnH', `sport = :${port}`], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((line) => line.trim().split(/\s+/)[3])
    .filter((a): a is string => Boolean(a));
}

/** What a TCP connection to host:port comes to: 'connected', or the error code ('ECONNREFUSED'…). */
function tryConnect(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve('ETIMEDOUT');
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
}

describe.each([
  ['DynamoDB Local', () => dynamo],
  ['the SES emulator', () => ses],
])('%s', (_name, service) => {
  it('answers on 127.0.0.1', async () => {
    expect(new URL(service().endpoint).hostname).toBe(LOCAL_HOST);
    expect(await tryConnect(LOCAL_HOST, service().port)).toBe('connected');
  });

  it.runIf(hasCommand('ss'))('is bound to 127.0.0.1 only, in the kernel’s listening sockets', () => {
    const port = service().port;
    const bound = listeners(port);
    expect(bound.length).toBeGreaterThan(0);
    // Java listens on a dual-stack socket, so its loopback shows as the IPv4-mapped address.
    for (const address of bound)
      expect([`127.0.0.1:${port}`, `[::ffff:127.0.0.1]:${port}`]).toContain(address);
  });

  it('cannot be reached on any other address of this machine', async () => {
    const others = otherAddresses();
    for (const address of others) {
      expect(['ECONNREFUSED', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH'], address).toContain(
        await tryConnect(address, service().port),
      );
    }
    // With no other address, the `ss` test above is the proof.
    if (others.length === 0) expect(hasCommand('ss')).toBe(true);
  });

  it('exposes the process id, so a test can pause it', () => {
    const pid = service().pid;
    expect(pid).toBeTypeOf('number');
    expect(process.kill(pid as number, 0)).toBe(true);
  });
});

describe('DynamoDB Local', () => {
  it('runs in the JVM whose pid it reports (what SIGSTOP would pause)', () => {
    const cmdline = readFileSync(`/proc/${dynamo.pid}/cmdline`, 'utf8').split('\0');
    expect(cmdline[0]).toMatch(/java$/);
    expect(cmdline).toContain(`-port`);
    expect(cmdline).toContain(String(dynamo.port));
  });
});
