#!/usr/bin/env node
// `npm test`: type-check, lint, then the whole vitest suite against real local services.
// Java (DynamoDB Local) and Chromium (guest pages) are installed with apt-get when missing and root;
// the services themselves are started by test/support/global-setup.ts on free ports.
import { execFileSync, spawnSync } from 'node:child_process';

function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}
function ensure(cmd, pkg) {
  if (has(cmd)) return;
  if (process.getuid?.() !== 0) {
    console.error(`'${cmd}' is missing: install the Debian package '${pkg}' and run npm test again.`);
    process.exit(1);
  }
  console.log(`> installing ${pkg} (apt-get) because '${cmd}' is missing`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  // With recommends: Chromium needs its fonts to lay out the guest page like a phone would.
  execFileSync('apt-get', ['install', '-y', '-qq', pkg], { stdio: 'inherit', env });
}
function run(label, cmd, args) {
  console.log(`> ${label}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// The JDK: DynamoDB Local's loopback launcher is compiled with javac (src/local/services.ts).
ensure('javac', 'openjdk-17-jdk-headless');
ensure('chromium', 'chromium');
run('type-check (tsc --noEmit)', 'npx', ['tsc', '--noEmit']);
run('lint (biome)', 'npx', ['biome', 'check', '.']);
run('build (esbuild)', 'node', ['scripts/build.mjs']);
run('tests (vitest)', 'npx', ['vitest', 'run', ...process.argv.slice(2)]);
