import { open, stat, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import type { z } from 'zod';
import type { UploadSourceSchema } from '../../../src-shared/contract';
import { AppError, systemErrorCode } from '../errors';

export type ParsedUploadSource = z.output<typeof UploadSourceSchema>;

/** Streams a transport registered for one request (the preview streams upload bodies). */
export type StreamRegistry = ReadonlyMap<string, Readable>;

export interface OpenedSource {
  readonly size: number;
  /** The open file, for backends that read files in place; null for bytes and streams. */
  readonly file: FileHandle | null;
  /** The bytes as a stream (created on first use). */
  stream(): Readable;
  /** Releases the file or stream, whatever happened. */
  close(): Promise<void>;
}

function fromStream(size: number, stream: Readable): OpenedSource {
  return {
    size,
    file: null,
    stream: () => stream,
    close: async () => void stream.destroy(),
  };
}

function fromFile(size: number, handle: FileHandle): OpenedSource {
  let stream: Readable | null = null;
  return {
    size,
    file: handle,
    stream: () => (stream ??= handle.createReadStream({ highWaterMark: READ_CHUNK, start: 0 })),
    async close() {
      if (stream) stream.destroy();
      else await handle.close().catch(() => undefined);
    },
  };
}

const READ_CHUNK = 1024 * 1024;

/** The name a source will be shown under, before anything is opened. */
export function sourceName(source: ParsedUploadSource): string {
  return source.kind === 'path' ? basename(source.path) || source.path : source.name;
}

function pathError(error: unknown, name: string): AppError {
  switch (systemErrorCode(error)) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new AppError('NOT_FOUND', `“${name}” could not be found. It may have been moved or deleted.`);
    case 'EACCES':
    case 'EPERM':
      return new AppError('VALIDATION', `DocuVault is not allowed to read “${name}”.`);
    case 'EISDIR':
      return new AppError('VALIDATION', `“${name}” is a folder. Drop the folder itself or pick the files inside it.`);
    default:
      return new AppError('VALIDATION', `“${name}” could not be read.`, { cause: error });
  }
}

/** The source failed while being read (a drive unplugged, an I/O error). */
export function sourceReadError(name: string, error: unknown): AppError {
  if (error instanceof AppError) return error;
  return new AppError('VALIDATION', `“${name}” could not be read to the end. Check that it is still available and try again.`, {
    cause: error,
  });
}

/** A quick look at a source's size, for progress totals; null when unknown or unreadable. */
export async function probeSize(source: ParsedUploadSource): Promise<number | null> {
  switch (source.kind) {
    case 'bytes':
      return source.bytes.byteLength;
    case 'stream':
      return source.size;
    case 'path':
      try {
        const info = await stat(source.path);
        return info.isFile() ? info.size : null;
      } catch {
        return null;
      }
  }
}

/** Opens a source for streaming. The size is read from the open file, not from an earlier stat. */
export async function openSource(source: ParsedUploadSource, streams: StreamRegistry | undefined): Promise<OpenedSource> {
  switch (source.kind) {
    case 'bytes':
      return fromStream(
        source.bytes.byteLength,
        Readable.from([Buffer.from(source.bytes.buffer, source.bytes.byteOffset, source.bytes.byteLength)]),
      );
    case 'stream': {
      const stream = streams?.get(source.ref);
      if (!stream) throw new AppError('VALIDATION', 'The upload stream is no longer available. Try again.');
      return fromStream(source.size, stream);
    }
    case 'path': {
      const name = sourceName(source);
      let handle: FileHandle;
      try {
        handle = await open(source.path, 'r');
      } catch (error) {
        throw pathError(error, name);
      }
      try {
        const info = await handle.stat();
        if (info.isDirectory()) throw pathError(Object.assign(new Error('is a directory'), { code: 'EISDIR' }), name);
        if (!info.isFile()) throw new AppError('VALIDATION', `“${name}” is not a regular file.`);
        return fromFile(info.size, handle);
      } catch (error) {
        await handle.close().catch(() => undefined);
        throw error instanceof AppError ? error : pathError(error, name);
      }
    }
  }
}
