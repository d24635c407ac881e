/**
 * A signed waiver as a PDF, the record an admin keeps or hands over: the sail, who was invited, who
 * signed and for which minors (with birth dates), when (in the vessel's zone and in UTC), from where
 * (IP, user agent), the waiver's version and the SHA-256 of its exact text, then that text itself,
 * line for line as it was shown.
 *
 * pdf-lib and fontkit are loaded on first use (`await import`), so only the invocation that makes a
 * PDF pays for them. DejaVu Sans is embedded (subset) so any name, in any script DejaVu covers,
 * prints as typed; the standard PDF fonts only know Latin-1.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Guest } from './guest';
import { type GuestSail, localDateTimeLabel, type SailPlace } from './sail-view';
import { sha256Hex, type WaiverText } from './waiver';

/** The signature as stored (the store's `SignedWaiver` fits). */
export interface WaiverSignature {
  sailId: string;
  guestId: string;
  version: string;
  sha256: string;
  signedName: string;
  minors: { fullName: string; birthDate: string }[];
  signedAt: string;
  ip: string;
  userAgent: string;
  forwardedFor?: string | undefined;
}

/** Everything one waiver's PDF shows. */
export interface WaiverPdfInput {
  sail: GuestSail;
  place: SailPlace;
  /** The guest as invited (absent when they have since been removed from the sail). */
  guest?: Guest | undefined;
  signed: WaiverSignature;
  /** The text of `signed.version`, if this deployment still has it. */
  text?: WaiverText | undefined;
  /** When the PDF is made (its footer). */
  now: Date;
}

const FONT_FILES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' } as const;

/**
 * Where the fonts are: `fonts/` beside the bundle on Lambda (the build copies them; the PDF code
 * runs from a chunk under `chunks/`, so its parent too), else the `dejavu-fonts-ttf` package.
 */
export function fontPath(file: string): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const dir of [join(here, 'fonts'), join(here, '..', 'fonts'), 'fonts']) {
    const p = join(dir, file);
    if (existsSync(p)) return p;
  }
  return createRequire(import.meta.url).resolve(`dejavu-fonts-ttf/ttf/${file}`);
}

type PdfLib = typeof import('pdf-lib');
type Fontkit = { create(data: Uint8Array, postscriptName?: string): unknown };
let loaded: Promise<{ lib: PdfLib; fontkit: Fontkit; regular: Uint8Array; bold: Uint8Array }> | undefined;

/**
 * Loads pdf-lib, fontkit and the font files once per process. Parsing a 750 KB TrueType font is
 * most of a PDF's cost, so the fontkit handed to pdf-lib keeps each parsed font (by its bytes)
 * for the next document; every document still makes its own subset.
 */
export function loadPdfKit() {
  loaded ??= (async () => {
    const [lib, fontkitModule, regular, bold] = await Promise.all([
      import('pdf-lib'),
      import('@pdf-lib/fontkit'),
      readFile(fontPath(FONT_FILES.regular)),
      readFile(fontPath(FONT_FILES.bold)),
    ]);
    const real = fontkitModule.default as unknown as Fontkit;
    const parsed = new Map<Uint8Array, unknown>();
    const fontkit: Fontkit = {
      create(data, postscriptName) {
        let font = parsed.get(data);
        if (!font) {
          font = real.create(data, postscriptName);
          parsed.set(data, font);
        }
        return font;
      },
    };
    return { lib, fontkit, regular, bold };
  })();
  return loaded;
}

const PAGE = { width: 612, height: 792, margin: 54 } as const;
const SIZE = { title: 16, heading: 12, body: 10, small: 8 } as const;

/** `2026-06-01 17:00:00 UTC`. */
function utcLabel(at: Date): string {
  return `${at
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, '')} UTC`;
}

/** The facts at the top of the record, as label/value lines. */
export function waiverFacts(input: Omit<WaiverPdfInput, 'now'>): [string, string][] {
  const { sail, place, guest, signed, text } = input;
  const at = new Date(signed.signedAt);
  const hashOk = text ? sha256Hex(text.text) === signed.sha256 : undefined;
  const facts: [string, string][] = [
    ['Sail', `${sail.title} (${sail.id})`],
    [
      'Date',
      `${localDateTimeLabel(sail.departAt, place.zone)}${place.vesselName ? `, aboard ${place.vesselName}` : ''}`,
    ],
    [
      'Invited as',
      guest ? `${guest.name} <${guest.email}>` : `${signed.guestId} (since removed from the sail)`,
    ],
    ['Signed by', signed.signedName],
    [
      'Minors',
      signed.minors.length === 0
        ? 'None'
        : signed.minors.map((m) => `${m.fullName} (born ${m.birthDate})`).join('; '),
    ],
    ['Signed at', `${localDateTimeLabel(at, place.zone)} (${place.zone})`],
    ['Signed at (UTC)', utcLabel(at)],
    ['IP address', signed.ip],
    ['User agent', signed.userAgent || '(none sent)'],
  ];
  if (signed.forwardedFor) facts.push(['X-Forwarded-For', `${signed.forwardedFor} (as sent; not verified)`]);
  facts.push(
    ['Waiver version', signed.version],
    ['SHA-256 of text', signed.sha256],
    [
      'Text check',
      hashOk === undefined
        ? `Version ${signed.version} is not deployed here: restore templates/waivers/${signed.version}.md to print it.`
        : hashOk
          ? 'The text below hashes to the SHA-256 above.'
          : 'WARNING: the deployed text of this version does not hash to the SHA-256 above.',
    ],
  );
  return facts;
}

/** Makes one waiver's PDF. */
export async function waiverPdf(input: WaiverPdfInput): Promise<Uint8Array> {
  const kit = await loadPdfKit();
  const { PDFDocument, rgb } = kit.lib;
  const doc = await PDFDocument.create();
  doc.registerFontkit(kit.fontkit as Parameters<typeof doc.registerFontkit>[0]);
  const regular = await doc.embedFont(kit.regular, { subset: true });
  const bold = await doc.embedFont(kit.bold, { subset: true });
  const { signed, sail } = input;
  doc.setTitle(`Signed waiver: ${signed.signedName}, ${sail.title} (${sail.id})`);
  doc.setSubject(`Waiver ${signed.version}, SHA-256 ${signed.sha256}`);
  doc.setAuthor('Bosun');
  doc.setCreationDate(input.now);

  const width = PAGE.width - 2 * PAGE.margin;
  let page = doc.addPage([PAGE.width, PAGE.height]);
  let y = PAGE.height - PAGE.margin;
  const ink = rgb(0.07, 0.15, 0.23);
  const muted = rgb(0.35, 0.42, 0.48);

  const newPageIfNeeded = (lineHeight: number) => {
    if (y - lineHeight >= PAGE.margin + 20) return;
    page = doc.addPage([PAGE.width, PAGE.height]);
    y = PAGE.height - PAGE.margin;
  };

  /**
   * Breaks `text` into lines that fit `max` points (long words are cut). Words are measured once
   * each and summed: laying out a whole candidate line per word is what made this slow.
   */
  const widths = new Map<string, number>();
  const measure = (font: typeof regular, size: number, s: string) => {
    const key = `${font === bold ? 'b' : 'r'}${size}|${s}`;
    let w = widths.get(key);
    if (w === undefined) {
      w = font.widthOfTextAtSize(s, size);
      widths.set(key, w);
    }
    return w;
  };
  const wrap = (text: string, font: typeof regular, size: number, max: number): string[] => {
    const out: string[] = [];
    const space = measure(font, size, ' ');
    let line = '';
    let lineWidth = 0;
    for (const word of text.split(/ +/)) {
      const w = measure(font, size, word);
      if (line && lineWidth + space + w <= max) {
        line = `${line} ${word}`;
        lineWidth += space + w;
        continue;
      }
      if (line) out.push(line);
      let rest = word;
      let restWidth = w;
      while (restWidth > max) {
        let n = rest.length - 1;
        while (n > 1 && font.widthOfTextAtSize(rest.slice(0, n), size) > max) n--;
        out.push(rest.slice(0, n));
        rest = rest.slice(n);
        restWidth = font.widthOfTextAtSize(rest, size);
      }
      line = rest;
      lineWidth = restWidth;
    }
    out.push(line);
    return out;
  };

  const write = (
    text: string,
    opts: { font?: typeof regular; size?: number; x?: number; max?: number } = {},
  ) => {
    const font = opts.font ?? regular;
    const size = opts.size ?? SIZE.body;
    const x = opts.x ?? PAGE.margin;
    const lineHeight = size * 1.35;
    for (const line of wrap(text, font, size, opts.max ?? width - (x - PAGE.margin))) {
      newPageIfNeeded(lineHeight);
      y -= lineHeight;
      page.drawText(line, { x, y, size, font, color: ink });
    }
  };

  write('Signed liability waiver', { font: bold, size: SIZE.title });
  y -= 8;
  const labelWidth = 96;
  for (const [label, value] of waiverFacts(input)) {
    newPageIfNeeded(SIZE.body * 1.35);
    page.drawText(`${label}:`, {
      x: PAGE.margin,
      y: y - SIZE.body * 1.35,
      size: SIZE.body,
      font: bold,
      color: ink,
    });
    write(value, { x: PAGE.margin + labelWidth });
    y -= 2;
  }
  y -= 10;
  write(`The text signed (version ${signed.version}), exactly as shown:`, { font: bold, size: SIZE.heading });
  y -= 4;
  if (input.text) {
    // Line for line: blank lines kept, nothing reflowed but what does not fit the width.
    for (const line of input.text.text.split('\n')) {
      if (line === '') {
        y -= SIZE.body * 0.8;
        continue;
      }
      write(line);
    }
  } else {
    write(`(Version ${signed.version} is not deployed, so its text cannot be printed here.)`);
  }

  const pages = doc.getPages();
  pages.forEach((p, i) => {
    p.drawText(
      `Bosun · ${sail.id} · ${signed.guestId} · made ${utcLabel(input.now)} · page ${i + 1} of ${pages.length}`,
      { x: PAGE.margin, y: PAGE.margin - 24, size: SIZE.small, font: regular, color: muted },
    );
  });
  return doc.save();
}
