import { useState } from 'react';
import { uploadTotals, useUploads, type UploadEntry } from '../../api';
import { formatBytes, plural } from '../../ui/format';
import { CloseIcon, RetryIcon } from '../../ui/icons';
import { useToasts } from '../../ui/toasts';
import './uploads.css';

/** More rows than this would only slow the window; the overall bar still counts every file. */
const MAX_LISTED = 200;

function percent(done: number, total: number | null, finished: boolean): number {
  if (finished) return 100;
  if (!total) return 0;
  return Math.min(100, Math.floor((done / total) * 100));
}

function ProgressBar({ label, value, valueText, tone }: { label: string; value: number; valueText?: string; tone?: 'failed' | 'done' }) {
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={value}
      aria-valuetext={valueText}
      className={tone ? `progress progress--${tone}` : 'progress'}
    >
      <div className="progress__bar" style={{ width: `${value}%` }} />
    </div>
  );
}

function statusText({ item }: UploadEntry): string {
  switch (item.state) {
    case 'queued':
      return 'Waiting…';
    case 'uploading':
      return item.bytesTotal === null ? 'Starting…' : `${formatBytes(item.bytesDone)} of ${formatBytes(item.bytesTotal)}`;
    case 'done':
      return item.bytesTotal === null ? 'Done' : `Done · ${formatBytes(item.bytesTotal)}`;
    case 'cancelled':
      return 'Cancelled';
    case 'failed':
      return 'Failed';
  }
}

function UploadRow({ entry, onCancel, onRetry }: { entry: UploadEntry; onCancel: () => void; onRetry: () => void }) {
  const { item } = entry;
  const running = item.state === 'queued' || item.state === 'uploading';
  const retryable = (item.state === 'failed' || item.state === 'cancelled') && entry.file !== null;
  const value = percent(item.bytesDone, item.bytesTotal, item.state === 'done');
  const tone = item.state === 'failed' ? 'failed' : item.state === 'done' ? 'done' : undefined;
  return (
    <li className={`upload-item upload-item--${item.state}`}>
      <div className="upload-item__line">
        <span className="upload-item__name" title={item.name}>
          {item.name}
        </span>
        <span className="upload-item__status">{statusText(entry)}</span>
        {running && (
          <button type="button" className="icon-button" aria-label={`Cancel upload of ${item.name}`} title="Cancel" onClick={onCancel}>
            <CloseIcon />
          </button>
        )}
        {retryable && (
          <button type="button" className="button button--quiet upload-item__retry" aria-label={`Retry upload of ${item.name}`} onClick={onRetry}>
            <RetryIcon />
            Retry
          </button>
        )}
      </div>
      <ProgressBar label={`Upload progress for ${item.name}`} value={value} tone={tone} />
      {item.state === 'failed' && item.error && <p className="upload-item__error">{item.error.message}</p>}
    </li>
  );
}

/** Per-file and overall progress of this window's uploads, with cancel and retry. */
export function UploadPanel() {
  const { entries, store } = useUploads();
  const toasts = useToasts();
  const [expanded, setExpanded] = useState(true);
  if (entries.length === 0) return null;

  const totals = uploadTotals(entries);
  const overall = totals.bytesTotal ? Math.min(100, Math.floor((totals.bytesDone / totals.bytesTotal) * 100)) : totals.running ? 0 : 100;
  const finishedCount = totals.filesTotal - totals.running;
  const title =
    totals.running > 0
      ? `Uploading ${plural(totals.running, 'file')}`
      : totals.filesFailed > 0
        ? `${plural(totals.filesFailed, 'upload')} did not finish`
        : `${plural(totals.filesDone, 'upload')} complete`;

  const cancel = async (uploadId: string) => {
    const result = await store.cancel(uploadId);
    if (!result.ok) toasts.error(result.error.message);
  };
  const retry = async (uploadId: string) => {
    const result = await store.retry(uploadId);
    if (!result.ok) toasts.error(result.error.message);
  };

  return (
    <section className="upload-panel" aria-label="Uploads">
      <header className="upload-panel__header">
        <h2 className="upload-panel__title" aria-live="polite">
          {title}
        </h2>
        <button type="button" className="button button--quiet" aria-expanded={expanded} onClick={() => setExpanded((v) => !v)}>
          {expanded ? 'Hide details' : 'Show details'}
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label="Clear finished uploads"
          title="Clear finished uploads"
          disabled={finishedCount === 0}
          onClick={() => store.clearFinished()}
        >
          <CloseIcon />
        </button>
      </header>
      <div className="upload-panel__overall">
        <ProgressBar
          label="Overall upload progress"
          value={overall}
          valueText={`${totals.filesDone} of ${plural(totals.filesTotal, 'file')}, ${formatBytes(totals.bytesDone)} of ${formatBytes(totals.bytesTotal)}`}
          tone={totals.running === 0 && totals.filesFailed === 0 ? 'done' : undefined}
        />
        <span className="upload-panel__summary">
          {totals.filesDone} of {plural(totals.filesTotal, 'file')}
          {totals.filesFailed > 0 && ` · ${totals.filesFailed} not uploaded`}
        </span>
      </div>
      {expanded && (
        <ul className="upload-panel__list">
          {entries.slice(0, MAX_LISTED).map((entry) => (
            <UploadRow
              key={entry.item.uploadId}
              entry={entry}
              onCancel={() => void cancel(entry.item.uploadId)}
              onRetry={() => void retry(entry.item.uploadId)}
            />
          ))}
          {entries.length > MAX_LISTED && (
            <li className="upload-panel__more">and {plural(entries.length - MAX_LISTED, 'more file')}</li>
          )}
        </ul>
      )}
    </section>
  );
}

