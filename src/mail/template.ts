/**
 * Email templates: files under `templates/` filled with `{{name}}` (HTML-escaped in HTML mode) and
 * `{{{name}}}` (inserted as is, for HTML the caller built and escaped). The shared layout
 * (`templates/email/layout.html`) frames any message's content at 600 px; `juice` inlines its CSS
 * so clients that strip `<style>` still show it.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * Fills a template. A placeholder without a value is an error, so a typo fails a test instead of
 * mailing `{{nmae}}` to the owner.
 */
export function fillTemplate(template: string, vars: Record<string, string>, mode: 'html' | 'text'): string {
  return template.replace(/\{\{(\{?)\s*([a-zA-Z0-9_]+)\s*\}?\}\}/g, (_m, raw: string, name: string) => {
    const value = vars[name];
    if (value === undefined) throw new Error(`The template uses {{${name}}}, which has no value.`);
    return mode === 'html' && raw !== '{' ? escapeHtml(value) : value;
  });
}

/** The layout's slots. */
export interface LayoutVars {
  title: string;
  /** The line mail clients show after the subject. */
  preheader: string;
  brand: string;
  /** Already-escaped HTML. */
  content: string;
  footer: string;
}

/** Reads a template file under the templates directory, e.g. `email/layout.html`. */
export async function readTemplate(templatesDir: string, relativePath: string): Promise<string> {
  return readFile(join(templatesDir, relativePath), 'utf8');
}
