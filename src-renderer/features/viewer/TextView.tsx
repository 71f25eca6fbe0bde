import { useEffect, useState } from 'react';
import { formatBytes } from '../../ui/format';

/** Text previews stop here: enough to read, never enough to stall the window. */
export const TEXT_PREVIEW_LIMIT = 1024 * 1024;

type TextState = { status: 'loading' } | { status: 'ready'; text: string; truncated: boolean } | { status: 'error' };

function charsetOf(contentType: string): string {
  const match = /charset=("?)([\w.:-]+)\1/i.exec(contentType);
  return match?.[2] ?? 'utf-8';
}

function decoderFor(contentType: string): TextDecoder {
  try {
    return new TextDecoder(charsetOf(contentType));
  } catch {
    return new TextDecoder('utf-8');
  }
}

/** Reads at most `limit` bytes of a response body, then lets the rest go. */
async function readPrefix(response: Response, limit: number): Promise<{ bytes: Uint8Array; truncated: boolean }> {
  if (!response.body) {
    const all = new Uint8Array(await response.arrayBuffer());
    return { bytes: all.subarray(0, limit), truncated: all.byteLength > limit };
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  while (received < limit) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.byteLength;
  }
  const truncated = received > limit;
  if (received >= limit) void reader.cancel();
  const bytes = new Uint8Array(Math.min(received, limit));
  let offset = 0;
  for (const chunk of chunks) {
    const part = chunk.subarray(0, bytes.byteLength - offset);
    bytes.set(part, offset);
    offset += part.byteLength;
    if (offset >= bytes.byteLength) break;
  }
  return { bytes, truncated };
}

export function TextView({ url, contentType, size }: { url: string; contentType: string; size: number }) {
  const [state, setState] = useState<TextState>({ status: 'loading' });

  useEffect(() => {
    const abort = new AbortController();
    fetch(url, { signal: abort.signal })
      .then(async (response) => {
        if (!response.ok) throw new Error(`status ${response.status}`);
        const { bytes, truncated } = await readPrefix(response, TEXT_PREVIEW_LIMIT);
        setState({ status: 'ready', text: decoderFor(contentType).decode(bytes), truncated: truncated || size > TEXT_PREVIEW_LIMIT });
      })
      .catch(() => {
        if (!abort.signal.aborted) setState({ status: 'error' });
      });
    return () => abort.abort();
  }, [url, contentType, size]);

  if (state.status === 'loading') {
    return (
      <p className="viewer__message" role="status">
        Loading…
      </p>
    );
  }
  if (state.status === 'error') return <p className="viewer__message">This document could not be loaded. Save a copy to open it elsewhere.</p>;
  return (
    <div className="text-view">
      {state.truncated && (
        <p className="text-view__note">
          Showing the first {formatBytes(TEXT_PREVIEW_LIMIT)} of {formatBytes(size)}. Save a copy to see all of it.
        </p>
      )}
      <pre className="text-view__content" data-testid="text-preview">
        {state.text}
      </pre>
    </div>
  );
}
