/**
 * Waiver texts and submissions. Each text lives in `templates/waivers/<version>.md`; a signature
 * records the version and the SHA-256 of the exact text shown, so what was signed can be proven.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import {
  cleanName,
  type FieldError,
  MINORS_MAX,
  validateWaiverForm,
  type WaiverDates,
  type WaiverForm,
} from './waiver-rules';

/** One version of the waiver text. */
export interface WaiverText {
  version: string;
  text: string;
  sha256: string;
}

/** The waiver texts on disk; `current` is what new guests see and sign. */
export interface WaiverLibrary {
  current: WaiverText;
  get(version: string): WaiverText | undefined;
}

/** SHA-256 (hex) of a text's UTF-8 bytes. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Builds a waiver text from its version and content (line endings normalised to `\n`). */
export function waiverText(version: string, raw: string): WaiverText {
  const text = raw.replace(/\r\n?/g, '\n');
  return { version, text, sha256: sha256Hex(text) };
}

const VERSION_FILE = /^(\d{4}-\d{2}(?:-[a-z0-9]+)?)\.md$/;

/** Reads every `<version>.md` in the directory; the highest version (by name) is current. */
export async function loadWaiverLibrary(dir: string): Promise<WaiverLibrary> {
  const files = (await readdir(dir)).filter((f) => VERSION_FILE.test(f)).sort();
  if (files.length === 0) throw new Error(`No waiver texts (<YYYY-MM>.md) in ${dir}.`);
  const texts = new Map<string, WaiverText>();
  for (const f of files) {
    const version = f.replace(/\.md$/, '');
    texts.set(version, waiverText(version, await readFile(join(dir, f), 'utf8')));
  }
  const latest = texts.get(files[files.length - 1]?.replace(/\.md$/, '') ?? '');
  if (!latest) throw new Error(`No waiver texts in ${dir}.`);
  return { current: latest, get: (v) => texts.get(v) };
}

/** The raw body of `POST /api/waiver`, before the rules. */
export const waiverBody = z.object({
  fullName: z.string().max(1000),
  agree: z.boolean(),
  minors: z
    .array(z.object({ fullName: z.string().max(1000), birthDate: z.string().max(40) }))
    .max(MINORS_MAX * 5)
    .optional(),
});

/** A submission that passed every rule, with names cleaned (`cleanName`). */
export interface ValidWaiver {
  fullName: string;
  minors: { fullName: string; birthDate: string }[];
}

/** The result of checking a submission: the cleaned value or every field's error. */
export type WaiverCheck = { ok: true; value: ValidWaiver } | { ok: false; errors: FieldError[] };

/** Validates an untrusted body against the shape and the shared form rules. */
export function checkWaiverSubmission(body: unknown, dates: WaiverDates): WaiverCheck {
  const parsed = waiverBody.safeParse(body);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((i) => ({
        field: i.path.map(String).join('.') || 'body',
        message:
          i.path[0] === 'agree'
            ? 'Tick the box to agree to the waiver.'
            : 'This field is missing or has the wrong type.',
      })),
    };
  }
  const form: WaiverForm = { ...parsed.data, minors: parsed.data.minors ?? [] };
  const errors = validateWaiverForm(form, dates);
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      fullName: cleanName(form.fullName),
      minors: form.minors.map((m) => ({ fullName: cleanName(m.fullName), birthDate: m.birthDate.trim() })),
    },
  };
}
