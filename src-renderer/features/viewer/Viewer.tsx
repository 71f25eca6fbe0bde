import { useEffect, useEffectEvent, useRef, useState } from 'react';
import type { DocumentContentDto, DocumentDto } from '../../../src-shared/domain';
import { useInvoke } from '../../api';
import { useFocusTrap } from '../../ui/focus-trap';
import { describeType, formatBytes, formatFullDate } from '../../ui/format';
import { ChevronIcon, CloseIcon, SaveIcon } from '../../ui/icons';
import { documentKind } from '../common/document-kind';
import { useSaveCopy } from '../common/use-save-copy';
import { ImageView } from './ImageView';
import { PdfView } from './PdfView';
import { TextView } from './TextView';
import './viewer.css';

interface ViewerProps {
  readonly document: DocumentDto;
  readonly onClose: () => void;
  /** Absent at the ends of the list. */
  readonly onPrevious?: (() => void) | undefined;
  readonly onNext?: (() => void) | undefined;
  /** For a document whose connection needs reconnecting: where it lives and how to reconnect it. */
  readonly reconnect?: { readonly label: string; readonly onReconnect: () => void } | null;
}

type Content = { readonly id: string; readonly value: DocumentContentDto } | { readonly id: string; readonly error: string };

function Preview({ content }: { content: DocumentContentDto }) {
  switch (documentKind(content.contentType)) {
    case 'pdf':
      return <PdfView url={content.url} />;
    case 'image':
      return <ImageView url={content.url} name={content.name} />;
    case 'text':
      return <TextView url={content.url} contentType={content.contentType} size={content.size} />;
    case 'other':
      return (
        <div className="viewer__message">
          <p className="viewer__message-title">No preview available</p>
          <p>
            Use Save a copy… to open “{content.name}” ({describeType(content.contentType)}) in another app.
          </p>
        </div>
      );
  }
}

function Unavailable({ document, reconnect }: { document: DocumentDto; reconnect: ViewerProps['reconnect'] }) {
  return (
    <div className="viewer__message" role="status">
      <p className="viewer__message-title">Reconnect to open</p>
      <p>
        “{document.name}” is stored on {reconnect?.label ?? 'a connection'}, which needs reconnecting. DocuVault cannot reach it until
        then.
      </p>
      {reconnect && (
        <button type="button" className="button button--primary" onClick={reconnect.onReconnect}>
          Reconnect {reconnect.label}
        </button>
      )}
    </div>
  );
}

/** A document, full window: PDF, image or text preview, and "Save a copy…" for everything. */
export function Viewer({ document, onClose, onPrevious, onNext, reconnect }: ViewerProps) {
  const invoke = useInvoke();
  const saveCopy = useSaveCopy();
  const dialog = useRef<HTMLDivElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  const [content, setContent] = useState<Content | null>(null);
  useFocusTrap(dialog, closeButton);

  const unavailable = document.available === false;

  useEffect(() => {
    // Its bytes cannot be reached; asking would only fail.
    if (unavailable) return;
    let alive = true;
    void invoke('documents:content', { id: document.id }).then((result) => {
      if (!alive) return;
      setContent(result.ok ? { id: document.id, value: result.value } : { id: document.id, error: result.error.message });
    });
    return () => {
      alive = false;
    };
  }, [invoke, document.id, unavailable]);

  const onKey = useEffectEvent((event: KeyboardEvent) => {
    if (event.defaultPrevented) return;
    const typing = event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement;
    if (event.key === 'Escape') onClose();
    else if (event.key === 'ArrowLeft' && !typing && onPrevious) onPrevious();
    else if (event.key === 'ArrowRight' && !typing && onNext) onNext();
    else return;
    event.preventDefault();
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKey(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  const current = content?.id === document.id ? content : null;
  const url = current && 'value' in current ? current.value.url : undefined;

  return (
    <div className="viewer-backdrop">
      <div ref={dialog} className="viewer" role="dialog" aria-modal="true" aria-label={`Viewer: ${document.name}`}>
        <header className="viewer__header">
          <div className="viewer__title">
            <h2 className="viewer__name" title={document.name}>
              {document.name}
            </h2>
            <span className="viewer__meta">
              {describeType(document.contentType)} · {formatBytes(document.size)} · Added {formatFullDate(document.createdAt)}
            </span>
          </div>
          <div className="viewer__actions">
            <button type="button" className="icon-button" aria-label="Previous document" disabled={!onPrevious} onClick={onPrevious}>
              <span className="viewer__chevron viewer__chevron--left">
                <ChevronIcon direction="down" />
              </span>
            </button>
            <button type="button" className="icon-button" aria-label="Next document" disabled={!onNext} onClick={onNext}>
              <span className="viewer__chevron viewer__chevron--right">
                <ChevronIcon direction="down" />
              </span>
            </button>
            <button type="button" className="button" disabled={unavailable} onClick={() => void saveCopy(document, url)}>
              <SaveIcon />
              Save a copy…
            </button>
            <button ref={closeButton} type="button" className="icon-button" aria-label="Close viewer" title="Close (Esc)" onClick={onClose}>
              <CloseIcon />
            </button>
          </div>
        </header>
        <div className="viewer__body">
          {unavailable && <Unavailable document={document} reconnect={reconnect} />}
          {!unavailable && !current && (
            <p className="viewer__message" role="status">
              Loading…
            </p>
          )}
          {!unavailable && current && 'error' in current && <p className="viewer__message">{current.error}</p>}
          {!unavailable && current && 'value' in current && <Preview key={current.id} content={current.value} />}
        </div>
      </div>
    </div>
  );
}
