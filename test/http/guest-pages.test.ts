import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createGuestPages } from '../../src/http/guest-pages';

let dist: string;
beforeAll(async () => {
  dist = await mkdtemp(join(tmpdir(), 'bosun-dist-'));
  await mkdir(join(dist, 'assets'));
  await writeFile(
    join(dist, 'index.html'),
    '<!doctype html><title>t</title><script src="/assets/index-abc.js"></script>',
  );
  await writeFile(join(dist, 'assets', 'index-abc.js'), 'console.log(1)');
  await writeFile(join(dist, 'assets', 'index-abc.css'), 'body{}');
});

describe('guest pages', () => {
  it('serves index.html for any magic link, uncached, with a strict CSP and no referrer', async () => {
    const app = createGuestPages({ distDir: dist });
    const res = await app.request('/g/K7M29QAB');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await res.text()).toContain('/assets/index-abc.js');
  });

  it('serves hashed assets with their types and a long cache', async () => {
    const app = createGuestPages({ distDir: dist });
    const js = await app.request('/assets/index-abc.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await js.text()).toBe('console.log(1)');
    const css = await app.request('/assets/index-abc.css');
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('refuses missing files and path tricks', async () => {
    const app = createGuestPages({ distDir: dist });
    expect((await app.request('/assets/nope.js')).status).toBe(404);
    expect((await app.request('/assets/..%2Findex.html')).status).toBe(404);
    expect((await app.request('/assets/.hidden')).status).toBe(404);
  });

  it('says how to build when the page has not been built', async () => {
    const app = createGuestPages({ distDir: join(dist, 'missing') });
    const res = await app.request('/g/K7M29QAB');
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ message: expect.stringContaining('vite build') });
  });
});
