import type { FileHandle } from 'node:fs/promises';
import { sourceReadError } from './upload-sources';

/** The first bytes of an open file, for content sniffing, read without moving anything. */
export async function readHead(file: FileHandle, bytes: number, name: string): Promise<Buffer> {
  const buffer = Buffer.alloc(bytes);
  try {
    const { bytesRead } = await file.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } catch (error) {
    throw sourceReadError(name, error);
  }
}
