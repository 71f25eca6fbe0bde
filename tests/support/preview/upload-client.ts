import type { Readable } from 'node:stream';
import type { UploadBatchDto, UploadItemDto } from '../../../src-shared/domain';
import type { Result } from '../../../src-shared/result';
import type { AnnouncedUploads } from '../../../src-main/preview/protocol';
import type { TestPreview } from './test-preview';

/** The bridge's upload protocol, spoken from Node: announce, then PUT each body. */
export async function announceUploads(
  preview: TestPreview,
  folderId: string,
  files: ReadonlyArray<{ name: string; size: number }>,
): Promise<{ batch: UploadBatchDto; refs: readonly string[] }> {
  const response = await preview.authed({
    method: 'POST',
    path: '/api/uploads',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ folderId, files }),
  });
  const result = response.json<Result<AnnouncedUploads>>();
  if (!result.ok) throw new Error(`announce failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

export async function putUploadBody(
  preview: TestPreview,
  ref: string,
  body: Buffer | Readable,
  headers: Record<string, string | number> = {},
): Promise<{ status: number; result: Result<UploadItemDto> }> {
  const response = await preview.authed({
    method: 'PUT',
    path: `/api/uploads/${ref}`,
    headers: { 'Content-Type': 'application/octet-stream', ...(Buffer.isBuffer(body) ? { 'Content-Length': body.length } : {}), ...headers },
    body,
  });
  return { status: response.status, result: response.json<Result<UploadItemDto>>() };
}
