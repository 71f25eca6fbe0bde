import { randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { ObjectHint } from '../../../src-main/core/storage/storage-backend';

export const KiB = 1024;
export const MiB = 1024 * KiB;

export const hintFor = (name = 'report.pdf', folderPath: string[] = ['Tests'], contentType = 'application/pdf'): ObjectHint => ({
  documentId: randomUUID(),
  name,
  folderPath,
  contentType,
});

/** The bytes as a stream of odd-sized pieces, so chunk boundaries never line up with them. */
export function oddPieces(data: Buffer, pieceSize = 100_003): Readable {
  const pieces: Buffer[] = [];
  for (let offset = 0; offset < data.length; offset += pieceSize) pieces.push(data.subarray(offset, offset + pieceSize));
  return Readable.from(pieces);
}

export const randomData = (size: number) => randomBytes(size);
