import { Readable } from 'node:stream';

/**
 * Reads up to `bytes` from the start of a stream without losing them: returns the
 * head and a stream that still yields every byte from the beginning.
 */
export async function peekHead(stream: Readable, bytes: number, signal?: AbortSignal): Promise<{ head: Buffer; stream: Readable }> {
  const chunks: Buffer[] = [];
  let total = 0;
  let ended = false;
  await new Promise<void>((resolve, reject) => {
    const cleanup = () => {
      stream.off('readable', onReadable);
      stream.off('end', onEnd);
      stream.off('error', onError);
      stream.off('close', onClose);
      signal?.removeEventListener('abort', onAbort);
    };
    const onReadable = () => {
      let chunk: Buffer | null;
      while (total < bytes && (chunk = stream.read() as Buffer | null) !== null) {
        chunks.push(chunk);
        total += chunk.length;
      }
      if (total >= bytes) {
        cleanup();
        resolve();
      }
    };
    const onEnd = () => {
      ended = true;
      cleanup();
      resolve();
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    // A stream destroyed without an error, or an upload cancelled before its first bytes, must not wait forever.
    const onClose = () => {
      if (ended) return;
      cleanup();
      reject(Object.assign(new Error('The source closed before it was read.'), { name: 'AbortError' }));
    };
    const onAbort = () => {
      cleanup();
      stream.destroy();
      reject(Object.assign(new Error('The upload was cancelled.'), { name: 'AbortError' }));
    };
    if (signal?.aborted) {
      onAbort();
      return;
    }
    stream.on('readable', onReadable);
    stream.once('end', onEnd);
    stream.once('error', onError);
    stream.once('close', onClose);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  const all = Buffer.concat(chunks);
  if (ended || stream.readableEnded) return { head: all.subarray(0, bytes), stream: Readable.from(all.length ? [all] : []) };
  if (all.length) stream.unshift(all);
  return { head: all.subarray(0, bytes), stream };
}
