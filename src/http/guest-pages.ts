/**
 * Serves the built guest page (`frontend/dist`): `GET /g/:code` → `index.html`, and its hashed
 * assets under `/assets/`. CloudFront serves the same files from S3 in production; this is the
 * local and Lambda fallback.
 */
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { type Context, Hono } from 'hono';

const contentTypes: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.map': 'application/json',
};

/**
 * The page loads nothing from elsewhere, and the magic code in its URL must not leak through the
 * Referer header.
 */
export const pageSecurityHeaders: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
};

const ASSET_NAME = /^[A-Za-z0-9._-]+$/;

/** Builds the pages app; `distDir` is Vite's output directory (`frontend/dist`). */
export function createGuestPages(opts: { distDir: string }): Hono {
  const app = new Hono();
  const cache = new Map<string, Buffer>();

  async function file(path: string): Promise<Buffer | undefined> {
    const hit = cache.get(path);
    if (hit) return hit;
    try {
      const data = await readFile(path);
      // Hashed assets never change; index.html changes only with a new build (a new process).
      cache.set(path, data);
      return data;
    } catch (err) {
      if (err instanceof Error && 'code' in err && err.code === 'ENOENT') return undefined;
      throw err;
    }
  }

  function notBuilt(c: Context) {
    return c.json(
      {
        error: 'not_built',
        message: 'The guest page has not been built. Run: npx vite build --config frontend/vite.config.ts',
      },
      503,
    );
  }

  app.get('/g/:code', async (c) => {
    const html = await file(join(opts.distDir, 'index.html'));
    if (!html) return notBuilt(c);
    return c.body(new Uint8Array(html), 200, {
      'Content-Type': contentTypes['.html'] ?? 'text/html',
      'Cache-Control': 'no-store',
      ...pageSecurityHeaders,
    });
  });

  app.get('/assets/:name', async (c) => {
    const name = c.req.param('name');
    if (!ASSET_NAME.test(name) || name.startsWith('.')) {
      return c.json({ error: 'not_found', message: 'No such file.' }, 404);
    }
    const data = await file(join(opts.distDir, 'assets', name));
    if (!data) return c.json({ error: 'not_found', message: 'No such file.' }, 404);
    return c.body(new Uint8Array(data), 200, {
      'Content-Type': contentTypes[extname(name)] ?? 'application/octet-stream',
      'Cache-Control': 'public, max-age=31536000, immutable',
      'X-Content-Type-Options': 'nosniff',
    });
  });

  return app;
}
