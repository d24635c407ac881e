#!/usr/bin/env node
// `bosun …` from anywhere in the project: runs src/cli.ts through tsx.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Lambda runs Node 22; the SDK's notice that it will need Node 22 from 2027 is noise in a terminal.
const env = { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...process.env };
const r = spawnSync(
  process.execPath,
  ['--import', 'tsx', join(root, 'src/cli.ts'), ...process.argv.slice(2)],
  {
    stdio: 'inherit',
    env,
  },
);
process.exit(r.status ?? 1);
