import type * as PdfEngine from './pdf-engine';

/** The lazy boundary: pdf.js becomes its own chunk, fetched the first time a PDF is opened. */
export function loadPdfEngine(): Promise<typeof PdfEngine> {
  return import('./pdf-engine');
}
