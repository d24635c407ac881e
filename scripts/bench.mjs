#!/usr/bin/env node
// `npm run bench`: builds dist/lambda.js, then runs every bench/*.ts with tsx, one after another,
// each in its own process. Benchmarks print their figures and whether each target was met; a
// missed target is reported, not fatal. This script exits non-zero only when a benchmark crashes
// (or the build fails). Pass names to run a subset: `npm run bench -- cold-start http`.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2);

function run(label, cmd, args) {
  console.log(`\n> ${label}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return { label, status: r.status, signal: r.signal, seconds };
}

const built = run('build (node scripts/build.mjs)', process.execPath, [join(root, 'scripts', 'build.mjs')]);
if (built.status !== 0) {
  console.error('the build failed; no benchmark was run');
  process.exit(built.status ?? 1);
}

const benches = readdirSync(join(root, 'bench'))
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
  .filter((f) => only.length === 0 || only.includes(f.replace(/\.ts$/, '')))
  .sort();
if (benches.length === 0) {
  console.error(`no benchmark matched ${only.join(', ')}`);
  process.exit(1);
}

const tsx = join(root, 'node_modules', '.bin', 'tsx');
const results = benches.map((f) => run(`bench/${f}`, tsx, [join('bench', f)]));

console.log('\n== summary');
for (const r of [built, ...results]) {
  const outcome = r.status === 0 ? 'ok' : r.signal ? `killed by ${r.signal}` : `exited ${r.status}`;
  console.log(`${r.label.padEnd(40)} ${`${r.seconds} s`.padStart(8)}  ${outcome}`);
}
const crashed = results.filter((r) => r.status !== 0);
if (crashed.length > 0) {
  console.error(
    `${crashed.length} benchmark(s) did not finish cleanly: ${crashed.map((r) => r.label).join(', ')}`,
  );
  process.exit(1);
}
