import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** The guest page: built into `frontend/dist`, served at `/g/:code` with assets under `/assets/`. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  logLevel: 'warn',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2020',
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
  },
});
