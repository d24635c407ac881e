/**
 * Reads a PDF's text back with pdf.js (the legacy build, which runs in Node), so tests check what a
 * PDF says rather than that some bytes were written.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** Every page's text, lines joined by newlines, pages by a blank line; and the page count. */
export async function pdfText(bytes: Uint8Array): Promise<{ text: string; pages: number }> {
  // pdf.js takes ownership of the buffer it is given: pass a copy.
  const doc = await getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    useSystemFonts: false,
  }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(
      content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''),
    );
  }
  await doc.destroy();
  return { text: pages.join('\n\n'), pages: doc.numPages };
}

/** Text with every run of whitespace made one space, to compare wrapped lines with the source. */
export function flat(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
