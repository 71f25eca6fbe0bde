import { getDocument, GlobalWorkerOptions, type PDFDocumentProxy, type RenderTask } from 'pdfjs-dist';
// Bundled as its own file and loaded as a module worker: no blob: or eval needed under the CSP.
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

/**
 * The only module that imports pdf.js. It is loaded with a dynamic import when a
 * PDF is first opened, so start-up never pays for pdf.js.
 */
GlobalWorkerOptions.workerSrc = workerUrl;

export interface PageSize {
  readonly width: number;
  readonly height: number;
}

export interface PdfRendering {
  readonly done: Promise<void>;
  cancel(): void;
}

export interface PdfHandle {
  readonly pageCount: number;
  /** CSS pixels at scale 1. */
  pageSize(pageNumber: number): Promise<PageSize>;
  /** Draws a page sharp on high-density screens; the canvas gets its CSS size from `scale`. */
  render(pageNumber: number, canvas: HTMLCanvasElement, scale: number): PdfRendering;
  destroy(): void;
}

/** Static files pdf.js fetches on demand (fonts, CMaps for CJK text, image decoders), copied next to the app by the build. */
function assetUrl(folder: string): string {
  return new URL(`pdfjs/${folder}/`, document.baseURI).href;
}

export async function openPdf(url: string): Promise<PdfHandle> {
  const loading = getDocument({
    url,
    // The content URL serves Range requests; pdf.js fetches only the pages it draws.
    disableAutoFetch: true,
    isEvalSupported: false,
    enableXfa: false,
    cMapUrl: assetUrl('cmaps'),
    cMapPacked: true,
    standardFontDataUrl: assetUrl('standard_fonts'),
    wasmUrl: assetUrl('wasm'),
    iccUrl: assetUrl('iccs'),
  });
  const pdf: PDFDocumentProxy = await loading.promise;
  return {
    pageCount: pdf.numPages,
    async pageSize(pageNumber) {
      const page = await pdf.getPage(pageNumber);
      const viewport = page.getViewport({ scale: 1 });
      return { width: viewport.width, height: viewport.height };
    },
    render(pageNumber, canvas, scale) {
      let task: RenderTask | null = null;
      let cancelled = false;
      const done = pdf.getPage(pageNumber).then(async (page) => {
        if (cancelled) return;
        const ratio = window.devicePixelRatio || 1;
        const viewport = page.getViewport({ scale: scale * ratio });
        canvas.width = Math.floor(viewport.width);
        canvas.height = Math.floor(viewport.height);
        canvas.style.width = `${Math.floor(viewport.width / ratio)}px`;
        canvas.style.height = `${Math.floor(viewport.height / ratio)}px`;
        task = page.render({ canvas, viewport });
        await task.promise;
      });
      return {
        done,
        cancel() {
          cancelled = true;
          task?.cancel();
        },
      };
    },
    destroy() {
      void loading.destroy();
    },
  };
}
