import { createReadStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { readJsonObject } from '../shared/http-io';
import { compileQuery, InvalidQueryError } from './drive-query';
import { FOLDER_MIME, InvalidPropertyError, mergeAppProperties, newDriveId, type DriveStore, type StoredFile } from './drive-store';
import type { FakeAccount } from './fake-identity';
import { applyFieldMask, InvalidFieldMaskError, maskFor } from './field-mask';
import { DEFAULT_FILE_FIELDS, DEFAULT_LIST_FIELDS, fileResource } from './file-resource';
import { driveErrors, sendJson } from './http-io';
import { answerRange } from './media-range';

const MAX_PAGE_SIZE = 1000;
const DEFAULT_PAGE_SIZE = 100;

/** Runs a handler, turning the fake's validation errors into Drive's 400 answers. */
async function answeringInvalid(res: ServerResponse, handler: () => Promise<void>): Promise<void> {
  try {
    await handler();
  } catch (error) {
    if (error instanceof InvalidQueryError) return driveErrors.invalid(res, `Invalid Value: ${error.message}`, 'q');
    if (error instanceof InvalidFieldMaskError) return driveErrors.invalid(res, `Invalid field selection: ${error.message}`, 'fields');
    if (error instanceof InvalidPropertyError) return driveErrors.invalid(res, error.message, 'appProperties');
    throw error;
  }
}

/** Drive v3 `about` and `files.*` (metadata and media), on the fake's store. Callers have checked the token. */
export class DriveEndpoints {
  constructor(
    private readonly store: DriveStore,
    private readonly account: FakeAccount,
  ) {}

  /** GET /drive/v3/about — Drive insists on `fields` here. */
  about(res: ServerResponse, url: URL): Promise<void> {
    return answeringInvalid(res, async () => {
      const fields = url.searchParams.get('fields');
      if (!fields) return driveErrors.invalid(res, "The 'fields' parameter is required for this operation.", 'fields');
      const limit = this.store.storageLimit;
      const usage = this.store.usage();
      const about = {
        kind: 'drive#about',
        user: {
          kind: 'drive#user',
          displayName: this.account.name,
          emailAddress: this.account.email,
          permissionId: this.account.id,
          me: true,
        },
        storageQuota: {
          ...(limit !== null ? { limit: String(limit) } : {}),
          usage: String(usage),
          usageInDrive: String(usage),
          usageInDriveTrash: '0',
        },
      };
      sendJson(res, 200, applyFieldMask(about, maskFor(fields, fields)));
    });
  }

  /** GET /drive/v3/files */
  list(res: ServerResponse, url: URL): Promise<void> {
    return answeringInvalid(res, async () => {
      const params = url.searchParams;
      const q = params.get('q');
      const predicate = q ? compileQuery(q, (id) => this.store.resolveId(id)) : () => true;
      const pageSize = Math.min(MAX_PAGE_SIZE, Number(params.get('pageSize') ?? DEFAULT_PAGE_SIZE) || DEFAULT_PAGE_SIZE);
      const offset = params.get('pageToken') ? Number(Buffer.from(params.get('pageToken')!, 'base64url').toString()) : 0;
      if (!Number.isInteger(offset) || offset < 0) return driveErrors.invalid(res, 'Invalid Value', 'pageToken');
      const matches = sortFiles(this.store.all().filter(predicate), params.get('orderBy'));
      const page = matches.slice(offset, offset + pageSize);
      const more = offset + pageSize < matches.length;
      const body = {
        kind: 'drive#fileList',
        incompleteSearch: false,
        ...(more ? { nextPageToken: Buffer.from(String(offset + pageSize)).toString('base64url') } : {}),
        files: page.map(fileResource),
      };
      sendJson(res, 200, applyFieldMask(body, maskFor(params.get('fields'), DEFAULT_LIST_FIELDS)));
    });
  }

  /** POST /drive/v3/files — metadata-only create (folders, empty files). */
  create(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    return answeringInvalid(res, async () => {
      const metadata = await readJsonObject(req);
      if (!metadata) return driveErrors.invalid(res, 'Invalid JSON payload received.');
      const placed = this.placement(res, metadata);
      if (!placed) return;
      const mimeType = typeof metadata.mimeType === 'string' ? metadata.mimeType : 'application/octet-stream';
      const id = newDriveId();
      let content: StoredFile['content'] = null;
      if (mimeType !== FOLDER_MIME) {
        const path = this.store.contentPathFor(id);
        await writeFile(path, '');
        content = { path, size: 0, md5: 'd41d8cd98f00b204e9800998ecf8427e', sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' };
      }
      const file = this.store.add({
        id,
        name: placed.name,
        mimeType,
        parents: [placed.parent],
        appProperties: mergeAppProperties({}, metadata.appProperties),
        trashed: false,
        content,
      });
      sendJson(res, 200, applyFieldMask(fileResource(file), maskFor(url.searchParams.get('fields'), DEFAULT_FILE_FIELDS)));
    });
  }

  /** GET /drive/v3/files/{id} — metadata, or the bytes with `alt=media` (Range → 206, past the end → 416). */
  async get(req: IncomingMessage, res: ServerResponse, url: URL, fileId: string): Promise<void> {
    const file = this.store.get(fileId);
    if (!file || file.id === this.store.rootId) return driveErrors.notFound(res, fileId);
    if (url.searchParams.get('alt') !== 'media') {
      return answeringInvalid(res, async () =>
        sendJson(res, 200, applyFieldMask(fileResource(file), maskFor(url.searchParams.get('fields'), DEFAULT_FILE_FIELDS))),
      );
    }
    if (!file.content) {
      return driveErrors.invalid(res, 'Only files with binary content can be downloaded.');
    }
    const { size, path } = file.content;
    const range = answerRange(req.headers.range, size);
    if (range.kind === 'unsatisfiable') {
      res.writeHead(416, { 'Content-Range': `bytes */${size}`, 'Content-Length': '0' });
      res.end();
      return;
    }
    const headers = { 'Content-Type': file.mimeType, 'Accept-Ranges': 'bytes', 'X-Goog-Hash': `md5=${Buffer.from(file.content.md5, 'hex').toString('base64')}` };
    if (range.kind === 'partial') {
      res.writeHead(206, { ...headers, 'Content-Range': `bytes ${range.start}-${range.end}/${size}`, 'Content-Length': String(range.end - range.start + 1) });
      await pipeline(createReadStream(path, { start: range.start, end: range.end }), res).catch(() => res.destroy());
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Length': String(size) });
    if (size === 0) {
      res.end();
      return;
    }
    await pipeline(createReadStream(path), res).catch(() => res.destroy());
  }

  /** PATCH /drive/v3/files/{id} — name, appProperties, addParents/removeParents. */
  update(req: IncomingMessage, res: ServerResponse, url: URL, fileId: string): Promise<void> {
    return answeringInvalid(res, async () => {
      const file = this.store.get(fileId);
      const metadata = await readJsonObject(req);
      if (!file || file.id === this.store.rootId) return driveErrors.notFound(res, fileId);
      if (!metadata) return driveErrors.invalid(res, 'Invalid JSON payload received.');
      const add = splitIds(url.searchParams.get('addParents')).map((id) => this.store.resolveId(id));
      const remove = splitIds(url.searchParams.get('removeParents')).map((id) => this.store.resolveId(id));
      for (const parent of add) {
        if (!this.store.isFolder(parent)) return driveErrors.notFound(res, parent);
      }
      const parents = [...file.parents.filter((id) => !remove.includes(id)), ...add.filter((id) => !file.parents.includes(id))];
      // Since 2020 an item in My Drive has exactly one parent.
      if (parents.length > 1) {
        return sendJson(res, 403, {
          error: {
            code: 403,
            message: 'Increasing the number of parents is not allowed.',
            errors: [{ domain: 'global', reason: 'cannotAddParent', message: 'Increasing the number of parents is not allowed.' }],
          },
        });
      }
      if (parents.length === 0) return driveErrors.invalid(res, 'A file must keep a parent.', 'removeParents');
      if (metadata.name !== undefined) {
        if (typeof metadata.name !== 'string' || metadata.name === '') return driveErrors.invalid(res, 'Invalid name.', 'name');
        file.name = metadata.name;
      }
      file.appProperties = mergeAppProperties(file.appProperties, metadata.appProperties);
      if (typeof metadata.trashed === 'boolean') file.trashed = metadata.trashed;
      file.parents = parents;
      file.modifiedTime = new Date().toISOString();
      sendJson(res, 200, applyFieldMask(fileResource(file), maskFor(url.searchParams.get('fields'), DEFAULT_FILE_FIELDS)));
    });
  }

  /** DELETE /drive/v3/files/{id} — permanent; 204, or 404 notFound. */
  async delete(res: ServerResponse, fileId: string): Promise<void> {
    const file = this.store.get(fileId);
    if (!file || file.id === this.store.rootId) return driveErrors.notFound(res, fileId);
    await this.store.delete(file.id);
    res.writeHead(204);
    res.end();
  }

  /**
   * Name and parent for a new item from its metadata: the parent must be an
   * existing folder (404 otherwise, as Drive answers), one parent at most.
   * Answers the error itself and returns null when the metadata is refused.
   */
  placement(res: ServerResponse, metadata: Record<string, unknown>): { name: string; parent: string } | null {
    const parents = metadata.parents ?? [this.store.rootId];
    if (!Array.isArray(parents) || parents.length !== 1 || typeof parents[0] !== 'string') {
      driveErrors.invalid(res, 'A file must have exactly one parent.', 'parents');
      return null;
    }
    const parent = this.store.resolveId(parents[0]);
    if (!this.store.isFolder(parent)) {
      driveErrors.notFound(res, parents[0]);
      return null;
    }
    const name = typeof metadata.name === 'string' && metadata.name !== '' ? metadata.name : 'Untitled';
    return { name, parent };
  }
}

function splitIds(value: string | null): string[] {
  return (value ?? '').split(',').map((id) => id.trim()).filter(Boolean);
}

/** `orderBy` for the keys the fake knows (createdTime, modifiedTime, name; each may say `desc`). */
function sortFiles(files: StoredFile[], orderBy: string | null): StoredFile[] {
  if (!orderBy) return files;
  const keys = orderBy.split(',').map((part) => part.trim().split(/\s+/));
  return [...files].sort((a, b) => {
    for (const [key, direction] of keys) {
      if (key !== 'createdTime' && key !== 'modifiedTime' && key !== 'name') continue;
      const order = a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : 0;
      if (order !== 0) return direction === 'desc' ? -order : order;
    }
    return 0;
  });
}
