import { useEffect, useRef, useState } from 'react';
import { loadPdfEngine } from './load-pdf-engine';
import type { PageSize, PdfHandle } from './pdf-engine';
import { useElementWidth } from './use-element-width';

type PdfState =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly pdf: PdfHandle; readonly firstPage: PageSize }
  | { readonly status: 'error' };

const ZOOM_STEPS = [0.5, 0.67, 0.8, 1, 1.25, 1.5, 2, 3] as const;
const PAGE_GUTTER = 48;

/** Resizing the window re-fits pages in steps, not on every pixel, so pages are not redrawn continuously. */
function quantized(width: number): number {
  return Math.round(width / 40) * 40;
}

/** A PDF, page by page; pages are drawn when they scroll into view. pdf.js itself is loaded on first use. */
export function PdfView({ url }: { url: string }) {
  const [state, setState] = useState<PdfState>({ status: 'loading' });
  const [zoom, setZoom] = useState(1);
  const [container, width] = useElementWidth<HTMLDivElement>();

  useEffect(() => {
    let alive = true;
    let handle: PdfHandle | null = null;
    loadPdfEngine()
      .then((engine) => engine.openPdf(url))
      .then(async (pdf) => {
        handle = pdf;
        const firstPage = await pdf.pageSize(1);
        if (alive) setState({ status: 'ready', pdf, firstPage });
      })
      .catch(() => {
        if (alive) setState({ status: 'error' });
      });
    return () => {
      alive = false;
      handle?.destroy();
    };
  }, [url]);

  if (state.status === 'error') {
    return <p className="viewer__message">This PDF could not be opened. It may be damaged or protected with a password — save a copy to open it elsewhere.</p>;
  }

  const fitScale = state.status === 'ready' ? Math.max(0.25, Math.min(2, (Math.max(quantized(width), 320) - PAGE_GUTTER) / state.firstPage.width)) : 1;
  const scale = fitScale * zoom;
  const zoomIndex = ZOOM_STEPS.indexOf(zoom as (typeof ZOOM_STEPS)[number]);

  return (
    <div className="pdf-view" ref={container}>
      {state.status === 'loading' && (
        <p className="viewer__message" role="status">
          Opening PDF…
        </p>
      )}
      {state.status === 'ready' && (
        <>
          <div className="pdf-view__controls" role="toolbar" aria-label="PDF zoom">
            <button type="button" className="icon-button" aria-label="Zoom out" disabled={zoomIndex <= 0} onClick={() => setZoom(ZOOM_STEPS[zoomIndex - 1] ?? zoom)}>
              −
            </button>
            <span className="pdf-view__zoom" aria-live="polite">
              {Math.round(zoom * 100)}%
            </span>
            <button
              type="button"
              className="icon-button"
              aria-label="Zoom in"
              disabled={zoomIndex >= ZOOM_STEPS.length - 1}
              onClick={() => setZoom(ZOOM_STEPS[zoomIndex + 1] ?? zoom)}
            >
              +
            </button>
            <span className="pdf-view__pages">{state.pdf.pageCount === 1 ? '1 page' : `${state.pdf.pageCount} pages`}</span>
          </div>
          <div className="pdf-view__pages-list">
            {Array.from({ length: state.pdf.pageCount }, (_, index) => (
              <PdfPage key={index} pdf={state.pdf} pageNumber={index + 1} scale={scale} estimate={state.firstPage} />
            ))}
          </div>
        </>
      )}
    </div>
  );
}

function PdfPage({ pdf, pageNumber, scale, estimate }: { pdf: PdfHandle; pageNumber: number; scale: number; estimate: PageSize }) {
  const frame = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  // Without IntersectionObserver every page is drawn at once; slower, but nothing is missing.
  const [visible, setVisible] = useState(pageNumber === 1 || typeof IntersectionObserver === 'undefined');
  const [rendered, setRendered] = useState(false);

  useEffect(() => {
    const element = frame.current;
    if (!element || visible) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setVisible(true);
    }, { rootMargin: '600px 0px' });
    observer.observe(element);
    return () => observer.disconnect();
  }, [visible]);

  useEffect(() => {
    const target = canvas.current;
    if (!visible || !target) return;
    const rendering = pdf.render(pageNumber, target, scale);
    rendering.done.then(
      () => setRendered(true),
      () => {
        // Cancelled by a zoom or by closing the viewer: nothing to show.
      },
    );
    return () => rendering.cancel();
  }, [pdf, pageNumber, scale, visible]);

  return (
    <div
      ref={frame}
      className="pdf-page"
      style={rendered ? undefined : { width: Math.floor(estimate.width * scale), height: Math.floor(estimate.height * scale) }}
    >
      <canvas
        ref={canvas}
        aria-label={`Page ${pageNumber}`}
        data-testid={pageNumber === 1 ? 'pdf-page' : undefined}
        data-page-number={pageNumber}
        data-rendered={rendered ? 'true' : undefined}
      />
    </div>
  );
}
