import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    // Report tests load the chart renderer (WASM, a font) on first use: seconds on a busy 2-core box.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default'],
    // Lambda runs Node 22; the SDK's notice that it will need Node 22 from 2027 is noise here.
    // Logs off in tests (test/observability turns them on to check what they hold).
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', BOSUN_LOG_LEVEL: 'SILENT' },
  },
});
