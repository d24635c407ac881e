/**
 * Waiver PDFs (`src/guests/waiver-pdf.ts`) as the Lambda runs them: from the built bundle's lazy
 * chunk (`dist/chunks/waiver-pdf-*.js`; `npm run bench` builds dist/ first), so a cold start pays
 * nothing for it until an admin presses "Waivers". What the first use costs, in fresh plain-node
 * processes (importing the chunk, then pdf-lib, fontkit and the DejaVu fonts, then the first PDF);
 * then the time and size of each PDF once loaded, for a signer alone and for a guardian with three
 * minors. Without dist/, the source modules (under tsx, much slower to import) stand in.
 *
 *   npx tsx bench/waiver-pdf.ts [--runs 20] [--fresh 5]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { loadWaiverLibrary } from '../src/guests/waiver';
import type { WaiverPdfInput } from '../src/guests/waiver-pdf';
import { heading, median, ms, quantile, target } from './support/stats';

/** The bundle's chunk holding the PDF code, if dist/ is built. */
function bundledChunk(): string | undefined {
  const dir = resolve('dist/chunks');
  if (!existsSync(dir)) return undefined;
  const name = readdirSync(dir).find((f) => /^waiver-pdf-[A-Z0-9]+\.js$/.test(f));
  return name ? resolve(dir, name) : undefined;
}

type PdfModule = {
  loadPdfKit(): Promise<unknown>;
  waiverPdf(input: WaiverPdfInput): Promise<Uint8Array>;
};
const chunk = bundledChunk();
const pdf: PdfModule = chunk
  ? ((await import(pathToFileURL(chunk).href)) as PdfModule)
  : await import('../src/guests/waiver-pdf');

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '20' },
    fresh: { type: 'string', default: '5' },
  },
});

/** One record's input: the current text, a signer, `minors` children. */
async function input(minors: number) {
  const lib = await loadWaiverLibrary('templates/waivers');
  return {
    sail: {
      id: 'S-7K2M9Q',
      title: 'Sunset sail on the bay',
      date: '2026-06-20',
      vesselId: 'jada',
      status: 'scheduled' as const,
      zone: 'America/Los_Angeles',
      departAt: new Date('2026-06-21T01:15:00Z'),
      sunsetAt: new Date('2026-06-21T02:59:00Z'),
      returnAt: new Date('2026-06-21T03:15:00Z'),
      guestCapacity: 12,
    },
    place: { zone: 'America/Los_Angeles', vesselName: 'JADA' },
    guest: {
      id: 'G-BENCH001',
      sailId: 'S-7K2M9Q',
      name: 'Mary Doe',
      email: 'mary@example.com',
      invitedAt: '2026-05-20T17:00:00.000Z',
      status: 'signed' as const,
    },
    signed: {
      sailId: 'S-7K2M9Q',
      guestId: 'G-BENCH001',
      version: lib.current.version,
      sha256: lib.current.sha256,
      signedName: 'Mary Zoë Doe-Łukasiewicz',
      minors: Array.from({ length: minors }, (_, i) => ({
        fullName: `Child ${i + 1} Doe`,
        birthDate: `201${i + 2}-03-02`,
      })),
      signedAt: '2026-06-01T17:00:00.000Z',
      ip: '203.0.113.9',
      userAgent:
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
    },
    text: lib.current,
    now: new Date(),
  };
}

/**
 * A fresh plain-node process that imports the chunk, loads the kit and makes one PDF: the first
 * use, as the first "Waivers" press after a cold start pays it.
 */
const CHILD = `
const input = JSON.parse(process.argv[1], (k, v) => (/At$/.test(k) || k === 'now') && typeof v === 'string' ? new Date(v) : v);
const t0 = performance.now();
const m = await import(process.argv[2]);
const t1 = performance.now();
await m.loadPdfKit();
const t2 = performance.now();
await m.waiverPdf(input);
const t3 = performance.now();
console.log(JSON.stringify({ importChunk: t1 - t0, load: t2 - t1, firstPdf: t3 - t2 }));
`;

const fresh: { importChunk: number; load: number; firstPdf: number }[] = [];
if (chunk) {
  const one = JSON.stringify(await input(1));
  for (let i = 0; i < Number(values.fresh); i++) {
    const out = execFileSync(
      process.execPath,
      ['--input-type=module', '-e', CHILD, one, pathToFileURL(chunk).href],
      {
        encoding: 'utf8',
        env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      },
    );
    fresh.push(JSON.parse(out.trim().split('\n').at(-1) ?? '{}'));
  }
}

heading('Waiver PDF (pdf-lib 1.17 + fontkit, DejaVu Sans subset, US Letter)');
if (chunk) {
  console.log(`from the bundle: ${chunk.replace(resolve('.'), '.')}`);
  console.log(
    `first use, ${fresh.length} fresh processes (p50): import the chunk ${ms(median(fresh.map((f) => f.importChunk)))}, load pdf-lib + fontkit + fonts ${ms(median(fresh.map((f) => f.load)))}, the first PDF ${ms(median(fresh.map((f) => f.firstPdf)))}`,
  );
} else {
  console.log('dist/ is not built: source modules under tsx, no first-use figures (run `npm run bench`).');
}
await pdf.loadPdfKit();
// Warm-up, not counted: the first documents also warm V8's compiled code.
for (let i = 0; i < 3; i++) await pdf.waiverPdf(await input(1));
let worst = 0;
for (const minors of [0, 3]) {
  const one = await input(minors);
  const times: number[] = [];
  let size = 0;
  for (let i = 0; i < Number(values.runs); i++) {
    const t0 = performance.now();
    const bytes = await pdf.waiverPdf(one);
    times.push(performance.now() - t0);
    size = bytes.length;
  }
  worst = Math.max(worst, median(times));
  console.log(
    `${minors === 0 ? 'signer alone       ' : 'guardian, 3 minors '}: p50 ${ms(median(times))}  p90 ${ms(quantile(times, 0.9))}  ${(size / 1024).toFixed(1)} KB`,
  );
}
console.log(target('a PDF per waiver under 250 ms once loaded', worst < 250));
