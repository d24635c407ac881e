#!/usr/bin/env node
// `npm run build`: one ESM bundle per entry with esbuild. dist/lambda.js is what infra/ deploys.
// The options are exported so bench/cold-start.ts builds its comparison bundles the same way.
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Packages that `@slack/bolt`'s index requires at load time only for receivers Lambda never runs:
 * Socket Mode (and its undici WebSocket), ExpressReceiver (express, body-parser, qs, mime-db),
 * HTTPReceiver's body reading (raw-body, iconv-lite's code pages) and the OAuth installer
 * (@slack/oauth, jsonwebtoken). Bosun serves Slack through its own Fetch receiver, so none of
 * them is ever called on Lambda; `bosun dev` runs from source with the real packages.
 */
export const LAMBDA_STUBBED = ['@slack/socket-mode', 'express', 'raw-body', '@slack/oauth'];

// Any property is a function that throws when called or constructed, so a receiver that is
// never built costs nothing, and one that is built by mistake fails loudly instead of half-working.
const stubSource = (name) => `
const fail = (what) => function unavailable() {
  throw new Error(${JSON.stringify(name)} + '.' + what + ' is not in the Lambda bundle (see scripts/build.mjs)');
};
module.exports = new Proxy({}, {
  get(_, key) {
    if (key === '__esModule') return true;
    if (typeof key === 'symbol' || key === 'then') return undefined;
    return fail(key);
  },
});`;

/**
 * Replaces the packages in `LAMBDA_STUBBED` with throwing stubs, but only where Bolt imports them:
 * if Bosun's own code (or any other package) imports one, the build fails rather than stub it.
 */
export function lambdaStubs(names = LAMBDA_STUBBED) {
  const filter = new RegExp(`^(${names.map((n) => n.replace(/[/.@-]/g, (c) => `\\${c}`)).join('|')})$`);
  return {
    name: 'bosun-lambda-stubs',
    setup(b) {
      b.onResolve({ filter }, (args) => {
        if (!/node_modules[\\/]@slack[\\/]bolt[\\/]/.test(args.importer)) {
          return {
            errors: [
              { text: `${args.path} is stubbed out of the Lambda bundle but ${args.importer} imports it` },
            ],
          };
        }
        return { path: args.path, namespace: 'bosun-stub' };
      });
      b.onLoad({ filter: /.*/, namespace: 'bosun-stub' }, (args) => ({
        contents: stubSource(args.path),
        loader: 'js',
      }));
    },
  };
}

/**
 * zod 4's namespace (`import { z } from 'zod'`) re-exports every locale, so esbuild keeps all of
 * them (~260 KB) although Bosun's messages are its own and only English is configured. This keeps
 * `z.locales.en` (what zod installs by default) and drops the rest.
 */
export function zodEnglishOnly() {
  return {
    name: 'bosun-zod-english-only',
    setup(b) {
      b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
        /node_modules[\\/]zod[\\/]/.test(args.importer)
          ? { path: resolve(args.resolveDir, '../locales/index.js'), namespace: 'bosun-zod-locales' }
          : undefined,
      );
      b.onLoad({ filter: /.*/, namespace: 'bosun-zod-locales' }, (args) => ({
        contents: `export { default as en } from ${JSON.stringify(resolve(dirname(args.path), 'en.js'))};`,
        loader: 'js',
        resolveDir: dirname(args.path),
      }));
    },
  };
}

/**
 * juice (email CSS inlining) requires all of cheerio, whose index also loads undici (for
 * `fromURL`), parse5 and encoding sniffing with two copies of iconv-lite (~1.6 MB in all). juice
 * always passes cheerio an `xml` option, which makes cheerio parse and render with htmlparser2
 * only, exactly what `cheerio/slim` is; so juice gets `cheerio/slim`.
 */
export function juiceSlimCheerio() {
  return {
    name: 'bosun-juice-slim-cheerio',
    setup(b) {
      b.onResolve({ filter: /^cheerio$/ }, (args) =>
        /node_modules[\\/]juice[\\/]/.test(args.importer)
          ? b.resolve('cheerio/slim', { kind: args.kind, resolveDir: args.resolveDir })
          : undefined,
      );
    },
  };
}

/** Every directory under node_modules holding package `name` (nested copies included), sorted. */
function copiesOf(name) {
  const found = [];
  const walk = (nm) => {
    if (existsSync(join(nm, name, 'package.json'))) found.push(join(nm, name));
    for (const entry of readdirSync(nm, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
      const pkgs = entry.name.startsWith('@')
        ? readdirSync(join(nm, entry.name)).map((p) => join(nm, entry.name, p))
        : [join(nm, entry.name)];
      for (const p of pkgs) if (existsSync(join(p, 'node_modules'))) walk(join(p, 'node_modules'));
    }
  };
  walk(join(root, 'node_modules'));
  return found.sort();
}

const versionOf = (dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;

/**
 * npm nests a package once per parent when the hoisted copy is another major (htmlparser2 and
 * dom-serializer each carry their own entities 4.5.0 under entities 7), and esbuild then bundles
 * each copy. Imports that resolve into a nested copy are pointed at the first copy (by path) of
 * the same name and version, so identical code is bundled once.
 */
export function dedupeCopies() {
  const canonical = new Map();
  return {
    name: 'bosun-dedupe-copies',
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData?.dedupe || args.path.startsWith('node:')) return undefined;
        const r = await b.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: { dedupe: true },
        });
        if (r.errors.length > 0 || r.external || r.namespace !== 'file') return undefined;
        const m =
          /^(.*[\\/]node_modules[\\/].+[\\/]node_modules[\\/])((?:@[^\\/]+[\\/])?[^\\/]+)[\\/](.*)$/.exec(
            r.path,
          );
        if (!m) return { path: r.path, sideEffects: r.sideEffects };
        const [, nm, name, rest] = m;
        const key = `${name}@${versionOf(nm + name)}`;
        if (!canonical.has(key)) {
          const same = copiesOf(name).filter((d) => versionOf(d) === key.slice(name.length + 1));
          canonical.set(key, same[0] ?? nm + name);
        }
        return { path: join(canonical.get(key), rest), sideEffects: r.sideEffects };
      });
    },
  };
}

/** Every trimming plugin the Lambda bundle is built with. */
export function lambdaPlugins() {
  return [lambdaStubs(), zodEnglishOnly(), juiceSlimCheerio(), dedupeCopies()];
}

/** The esbuild options every Lambda bundle shares (Bosun's and the benchmark's baseline). */
export const baseOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  minify: true,
  // Prefer packages' ESM builds (the AWS SDK ships both): esbuild can tree-shake ESM, not CommonJS.
  mainFields: ['module', 'main'],
  // Code behind a dynamic import() (the AWS SDK's SSO/INI/IMDS credential providers and their
  // STS/SSO clients, which Lambda's environment credentials never reach) goes into chunks that are
  // loaded only if called. dist/ is deployed whole, so the chunks travel with lambda.js.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  legalComments: 'none',
  // Bolt and its dependencies are CommonJS and call require(); ESM output needs a real one.
  banner: {
    js: "import { createRequire as __bosunCreateRequire } from 'node:module'; const require = __bosunCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
};

/**
 * What the Lambda reads from disk beside the bundle: email and waiver templates, the sample data
 * (the reports' fallback) and the built guest page (`/g/:code` is served by the function).
 */
const LAMBDA_ASSETS = ['templates', 'data', 'frontend/dist'];

/**
 * What the report job's chart renderer reads beside the bundle (`dist/assets/`,
 * src/reports/render/charts.ts): resvg's WebAssembly build, which runs alike on the x64 build
 * machine and the arm64 Lambda (a native .node binary would be the build machine's), and a
 * TrueType font, since Lambda has no system fonts and resvg draws no text without one.
 */
export const CHART_ASSET_FILES = [
  { from: 'node_modules/@resvg/resvg-wasm/index_bg.wasm', to: 'assets/resvg.wasm' },
  { from: 'node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf', to: 'assets/DejaVuSans.ttf' },
];
/** Fonts the waiver PDFs embed (src/guests/waiver-pdf.ts looks in dist/fonts first). */
const LAMBDA_FONTS = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map(
  (f) => `node_modules/dejavu-fonts-ttf/ttf/${f}`,
);

/** Builds the guest page with Vite into frontend/dist. */
export async function buildFrontend() {
  const { build: viteBuild } = await import('vite');
  await viteBuild({ configFile: resolve(root, 'frontend/vite.config.ts'), logLevel: 'warn' });
}

/**
 * Builds the deployable Lambda package in dist/: lambda.js (+ map), a package.json marking it ESM,
 * and the assets it reads. infra/ deploys the directory as it is.
 */
export async function buildAll() {
  await buildFrontend();
  rmSync(resolve(root, 'dist'), { recursive: true, force: true });
  const entries = [{ in: 'src/lambda.ts', out: 'lambda' }]
    .map((e) => ({ ...e, in: resolve(root, e.in) }))
    .filter((e) => existsSync(e.in));
  await build({
    ...baseOptions,
    entryPoints: entries,
    outdir: resolve(root, 'dist'),
    sourcemap: 'linked',
    plugins: lambdaPlugins(),
  });
  writeFileSync(resolve(root, 'dist/package.json'), '{ "type": "module" }\n');
  for (const dir of LAMBDA_ASSETS)
    cpSync(resolve(root, dir), resolve(root, 'dist', dir), { recursive: true });
  for (const f of CHART_ASSET_FILES) cpSync(resolve(root, f.from), resolve(root, 'dist', f.to));
  for (const font of LAMBDA_FONTS) cpSync(resolve(root, font), resolve(root, 'dist/fonts', basename(font)));
  return [
    ...entries.map((e) => `dist/${e.out}.js`),
    ...LAMBDA_ASSETS.map((d) => `dist/${d}/`),
    ...CHART_ASSET_FILES.map((f) => `dist/${f.to}`),
    'dist/fonts/',
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const built = await buildAll();
  console.log(`built ${built.join(', ') || 'nothing'}`);
}
