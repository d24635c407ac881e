/**
 * Cold-start benchmark: how long a fresh Node process takes to load `dist/lambda.js`, against a
 * bundle that only imports Bolt's `App`, built with the same esbuild settings. Target: ≤ 1.0×,
 * Bosun costs nothing over bare Bolt. Also shown: Bosun bundled without the trimming plugins
 * (the "before"), and bare Bolt with them (what Bolt itself costs once trimmed).
 *
 *   npx tsx bench/cold-start.ts [--rounds 15]
 *
 * Each load runs in a new `node` process; the rounds interleave the bundles so a busy machine
 * slows all of them alike. Per load it records wall time and CPU time of the `import()`, then of
 * the first piece of work: Bosun's handler answering `/healthz` (which builds Bosun: config,
 * clients, the Bolt app), or `new App(…)` for bare Bolt.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import type { BuildOptions, Plugin } from 'esbuild';
import { build } from 'esbuild';
import { bytes, heading, median, ms, target } from './support/stats';

const run = promisify(execFile);
const { values } = parseArgs({ options: { rounds: { type: 'string', default: '15' } } });
const rounds = Math.max(10, Number(values.rounds));
const root = resolve(import.meta.dirname, '..');

/** What scripts/build.mjs exports (it is plain JS, so its shape is declared here). */
interface BuildScript {
  baseOptions: BuildOptions;
  lambdaPlugins(): Plugin[];
}

interface Variant {
  name: string;
  file: string;
  kind: 'bosun' | 'bolt';
  note: string;
}

interface Sample {
  loadMs: number;
  loadCpuMs: number;
  initMs: number;
  initCpuMs: number;
}

// Runs inside each fresh process: times the import, then the first unit of work.
const LOADER = `
const [file, kind] = process.argv.slice(2);
const cpu = (c) => { const d = process.cpuUsage(c); return (d.user + d.system) / 1000; };
let c0 = process.cpuUsage(); let t0 = performance.now();
const mod = await import(file);
const loadMs = performance.now() - t0; const loadCpuMs = cpu(c0);
c0 = process.cpuUsage(); t0 = performance.now();
if (kind === 'bosun') {
  const event = { version: '2.0', routeKey: '$default', rawPath: '/healthz', rawQueryString: '',
    headers: { host: 'abc.lambda-url.us-west-2.on.aws' }, isBase64Encoded: false,
    requestContext: { http: { method: 'GET', path: '/healthz', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
      domainName: 'abc.lambda-url.us-west-2.on.aws', requestId: 'r', routeKey: '$default', stage: '$default', timeEpoch: Date.now() } };
  const res = await mod.handler(event, { awsRequestId: 'r', functionName: 'bosun', getRemainingTimeInMillis: () => 3000 });
  if (res.statusCode !== 200) throw new Error('healthz answered ' + res.statusCode);
} else {
  mod.init();
}
const initMs = performance.now() - t0; const initCpuMs = cpu(c0);
process.stdout.write('\\nBENCH ' + JSON.stringify({ loadMs, loadCpuMs, initMs, initCpuMs }) + '\\n');
`;

const CHILD_ENV = {
  PATH: process.env.PATH ?? '',
  SLACK_SIGNING_SECRET: 'bench-signing-secret',
  SLACK_BOT_TOKEN: 'xoxb-bench',
  BOSUN_ADMINS: 'UADMIN0001',
  BOSUN_CHANNEL: 'CSAILS0001',
  JWT_SECRET: 'bench-jwt-secret-that-is-at-least-32-bytes',
  AWS_REGION: 'us-west-2',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  BOSUN_LOG_LEVEL: 'WARN',
};

/**
 * Bytes of JavaScript a load parses up front: the entry and the chunks it imports statically
 * (transitively); chunks behind `import()` are counted apart, as they load only when called.
 */
async function bundleBytes(entry: string): Promise<{ eager: number; lazy: number }> {
  const seen = new Set<string>();
  const queue = [entry];
  let eager = 0;
  while (queue.length > 0) {
    const file = queue.pop();
    if (!file || seen.has(file)) continue;
    seen.add(file);
    const code = await readFile(file, 'utf8');
    eager += Buffer.byteLength(code);
    for (const m of code.matchAll(/(?:\bfrom|\bimport)\s*"(\.{1,2}\/[^"]+\.js)"/g)) {
      if (m[1]) queue.push(resolve(dirname(file), m[1]));
    }
  }
  const chunkDir = join(dirname(entry), 'chunks');
  const chunks = await readdir(chunkDir).catch(() => [] as string[]);
  let lazy = 0;
  for (const c of chunks.filter((f) => f.endsWith('.js'))) {
    const f = join(chunkDir, c);
    if (!seen.has(f)) lazy += (await stat(f)).size;
  }
  return { eager, lazy };
}

async function loadOnce(v: Variant, loader: string): Promise<Sample> {
  const { stdout } = await run(process.execPath, [loader, pathToFileURL(v.file).href, v.kind], {
    env: CHILD_ENV,
    // The repo root, like /var/task on Lambda: Bosun finds templates/ beside it.
    cwd: root,
    timeout: 60_000,
  });
  const line = stdout.split('\n').find((l) => l.startsWith('BENCH '));
  if (!line) throw new Error(`${v.name}: the loader printed no result:\n${stdout}`);
  const s: Sample = JSON.parse(line.slice('BENCH '.length));
  return s;
}

async function main(): Promise<void> {
  const bundle = join(root, 'dist', 'lambda.js');
  await stat(bundle).catch(() => {
    throw new Error('dist/lambda.js is missing: run `npm run build` (npm run bench does) first');
  });
  const buildScript: BuildScript = await import(pathToFileURL(join(root, 'scripts', 'build.mjs')).href);
  const dir = await mkdtemp(join(tmpdir(), 'bosun-cold-start-'));
  try {
    const loader = join(dir, 'load.mjs');
    await writeFile(loader, LOADER);
    const common: BuildOptions = { ...buildScript.baseOptions, absWorkingDir: root, logLevel: 'error' };
    // The settings before trimming: one file, CommonJS builds of dependencies, no plugins.
    const before: BuildOptions = { ...common, splitting: false, mainFields: ['main', 'module'] };
    const boltEntry = join(root, 'bench', 'support', 'bare-bolt.mjs');
    const out = (name: string) => join(dir, name, `${name}.js`);
    const variants: Variant[] = [
      { name: 'bare Bolt', file: out('bolt'), kind: 'bolt', note: 'baseline: import { App }' },
      { name: 'Bosun', file: bundle, kind: 'bosun', note: 'dist/lambda.js as built' },
      {
        name: 'Bosun, untrimmed',
        file: out('bosun-untrimmed'),
        kind: 'bosun',
        note: 'before: the build without trimming',
      },
      {
        name: 'bare Bolt, trimmed',
        file: out('bolt-trimmed'),
        kind: 'bolt',
        note: 'reference: Bolt with the same plugins',
      },
    ];
    await Promise.all([
      build({ ...common, entryPoints: { bolt: boltEntry }, outdir: join(dir, 'bolt') }),
      build({
        ...before,
        entryPoints: { 'bosun-untrimmed': join(root, 'src/lambda.ts') },
        outdir: join(dir, 'bosun-untrimmed'),
      }),
      build({
        ...common,
        entryPoints: { 'bolt-trimmed': boltEntry },
        outdir: join(dir, 'bolt-trimmed'),
        plugins: buildScript.lambdaPlugins(),
      }),
    ]);

    heading(`cold start: ${rounds} fresh node processes per bundle, interleaved`);
    console.log(
      `load average ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')} on ${availableParallelism()} cores`,
    );
    const samples = new Map<string, Sample[]>(variants.map((v) => [v.name, []]));
    // One unmeasured load each warms the OS file cache for every bundle alike.
    for (const v of variants) await loadOnce(v, loader);
    for (let r = 0; r < rounds; r++) {
      // Rotate the order each round so no bundle always runs first (or last) in a round.
      for (let k = 0; k < variants.length; k++) {
        const v = variants[(r + k) % variants.length];
        if (v) samples.get(v.name)?.push(await loadOnce(v, loader));
      }
    }

    const rows = await Promise.all(
      variants.map(async (v) => {
        const s = samples.get(v.name) ?? [];
        return {
          v,
          size: await bundleBytes(v.file),
          load: median(s.map((x) => x.loadMs)),
          loadCpu: median(s.map((x) => x.loadCpuMs)),
          init: median(s.map((x) => x.initMs)),
        };
      }),
    );
    console.log(
      `${'bundle'.padEnd(20)} ${'loaded JS'.padStart(10)} ${'lazy JS'.padStart(9)} ${'import'.padStart(10)} ${'import CPU'.padStart(11)} ${'first work'.padStart(11)}  what`,
    );
    for (const r of rows) {
      console.log(
        `${r.v.name.padEnd(20)} ${bytes(r.size.eager).padStart(10)} ${bytes(r.size.lazy).padStart(9)} ${ms(r.load).padStart(10)} ${ms(r.loadCpu).padStart(11)} ${ms(r.init).padStart(11)}  ${r.v.note}`,
      );
    }
    const [bolt, bosun, untrimmed] = rows;
    if (!bolt || !bosun || !untrimmed) throw new Error('a bundle was not measured');
    const ratio = bosun.load / bolt.load;
    console.log(
      `ratio Bosun / bare Bolt: import ${ratio.toFixed(2)}× (CPU ${(bosun.loadCpu / bolt.loadCpu).toFixed(2)}×), ` +
        `import + first work ${((bosun.load + bosun.init) / (bolt.load + bolt.init)).toFixed(2)}×`,
    );
    console.log(
      `trimming: import ${ms(untrimmed.load)} → ${ms(bosun.load)} (${(bosun.load / untrimmed.load).toFixed(2)}×), ` +
        `untrimmed / bare Bolt was ${(untrimmed.load / bolt.load).toFixed(2)}×; JS loaded at start ${bytes(untrimmed.size.eager)} → ${bytes(bosun.size.eager)}`,
    );
    console.log(target('cold import ≤ 1.0× bare Bolt (median)', ratio <= 1.0));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
