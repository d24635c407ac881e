#!/usr/bin/env node
// `npm run build`: one ESM bundle per entry with esbuild. dist/lambda.js is what infra/ deploys.
import { existsSync } from 'node:fs';
import { build } from 'esbuild';

const entries = [{ in: 'src/lambda.ts', out: 'lambda' }].filter((e) => existsSync(e.in));

await build({
  entryPoints: entries,
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  minify: true,
  sourcemap: 'linked',
  legalComments: 'none',
  metafile: false,
  // Bolt and its dependencies are CommonJS and call require(); ESM output needs a real one.
  banner: {
    js: "import { createRequire as __bosunCreateRequire } from 'node:module'; const require = __bosunCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
console.log(`built ${entries.map((e) => `dist/${e.out}.js`).join(', ') || 'nothing'}`);
