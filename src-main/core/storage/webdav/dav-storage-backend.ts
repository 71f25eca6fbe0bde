import type { Readable } from 'node:stream';
import type { StorageBackendKind } from '../../../../src-shared/domain';
import { AppError } from '../../errors';
import { CloudConnectionError } from '../backend-errors';
import { checkByteRange } from '../request-checks';
import type { ByteSource } from '../sources/byte-source';
import { byteSourceFor, releaseRequest, type UploadRequest } from '../sources/byte-source-for';
import {
  ObjectNotFoundError,
  type BackendCapabilities,
  type ByteRange,
  type FilePutRequest,
  type HealthReport,
  type ObjectHint,
  type ObjectStat,
  type PutRequest,
  type PutResult,
  type StorageBackend,
} from '../storage-backend';
import type { AuthLatch } from './auth-latch';
import { checkDocumentId, safeContentType } from './dav-backend-options';
import type { DavClient } from './dav-client';
import { davUrl, formatKey, isNumberedVariant, parseKey, sameFolder, sanitizeSegment, type DavPath } from './dav-paths';
import { PROPS } from './dav-properties';
import { DavStatusError, toDavAppError } from './dav-status';
import { discard } from './dav-transport';
import { CollectionCache } from './collection-cache';
import { isCollection, propCount, propText } from './multistatus';
import { exists, moveToFreeName, type PlacementContext } from './name-placement';
import { KeyedMutex } from './keyed-mutex';
import { fitToRange } from './range-window';
import { checkReportedSha256 } from './reported-hash';
import { streamedBody, wholeBody } from './upload-body';

/** Where DAV requests go: a client and the base URL that keys are relative to. */
export interface DavSite {
  readonly client: DavClient;
  readonly base: URL;
}

export interface StagedUpload {
  readonly size: number;
  readonly sha256: string;
}

/** What an upload is, apart from its bytes (those come from its ByteSource). */
export type UploadDetails = Omit<PutRequest, 'body'>;

/**
 * Hidden collection under the root that holds uploads in progress, named by
 * document id. An interrupted upload is then found and removed from the id
 * alone (`discardIncomplete`), it never shows under the person's file name
 * half-written, and publishing it is one MOVE (a rename on the server).
 */
export const STAGING_FOLDER = '.docuvault-staging';
const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * The storage contract on a WebDAV tree with human-readable names:
 * `<root>/<folder path…>/<name>`, the key being that path. Shared by the
 * WebDAV and Nextcloud backends, which differ in where the tree lives and in
 * how bytes get to the staging file.
 */
export abstract class DavStorageBackend implements StorageBackend {
  abstract readonly kind: StorageBackendKind;
  readonly capabilities: BackendCapabilities = { presignedGet: false, presignedPut: false, followsNames: true };
  private readonly collections = new CollectionCache();
  private readonly placementLocks = new KeyedMutex();

  protected constructor(
    protected readonly rootFolder: string,
    protected readonly latch: AuthLatch,
    /** Uploads up to this size are buffered (retryable, checksum known up front); larger ones are streamed. */
    protected readonly bufferedUploadLimit: number,
  ) {}

  /** The client and base URL to use; Nextcloud discovers its base on first use. */
  protected abstract site(): Promise<DavSite>;

  /**
   * The site, unless the server has refused our credentials: from then on
   * every call fails at once, even those that would need no request.
   */
  protected async connected(): Promise<DavSite> {
    if (this.latch.tripped) throw new CloudConnectionError('unauthorized');
    return this.site();
  }

  /** Extra headers for a PUT whose SHA-256 is known before sending (Nextcloud's OC-Checksum). */
  protected checksumHeaders(_sha256: string): Record<string, string> {
    return {};
  }

  /** Creates the DocuVault root folder; the connections service calls it once after connecting. */
  async ensureRoot(): Promise<void> {
    try {
      const site = await this.connected();
      await this.collections.ensure(site.client, site.base, [this.rootFolder]);
    } catch (error) {
      throw toDavAppError(error, 'folder creation');
    }
  }

  put(request: PutRequest): Promise<PutResult> {
    return this.upload(request);
  }

  putFile(request: FilePutRequest): Promise<PutResult> {
    return this.upload(request);
  }

  /** One path for stream bodies and files read in place: they differ only in their ByteSource. */
  private async upload(request: UploadRequest): Promise<PutResult> {
    let source: ByteSource | null = null;
    let site: DavSite | null = null;
    let staging: DavPath | null = null;
    try {
      request.signal?.throwIfAborted();
      const documentId = checkDocumentId(request.hint.documentId);
      if (!Number.isSafeInteger(request.size) || request.size < 0) throw new AppError('VALIDATION', 'The document size is not valid.');
      staging = this.stagingPath(documentId);
      site = await this.connected();
      await this.ensureStagingFolder(site, staging.slice(0, -1));
      // Only now: nothing is read from the person's file (or stream) before the server took the staging folder.
      source = byteSourceFor(request);
      const stored = await this.uploadToStaging(site, staging, request, source);
      await this.verifyStoredSize(site, staging, stored.size);
      const finalPath = await moveToFreeName(this.placement(site), staging, this.folderOf(request.hint), sanitizeSegment(request.hint.name));
      await this.writeMetadata(site, finalPath, documentId, stored.sha256);
      return { key: formatKey(finalPath), size: stored.size, sha256: stored.sha256 };
    } catch (error) {
      if (source) await source.cancel();
      else releaseRequest(request);
      // 409: a folder we remembered was removed on the server; the next attempt creates it again.
      if (error instanceof DavStatusError && error.status === 409) this.collections.forget();
      if (site && staging) await this.removeQuietly(site, staging);
      throw toDavAppError(error, 'upload');
    }
  }

  async get(key: string, options: { range?: ByteRange; signal?: AbortSignal } = {}): Promise<Readable> {
    const path = this.pathOf(key);
    const { range, signal } = options;
    checkByteRange(range);
    try {
      const site = await this.connected();
      const response = await site.client.get(davUrl(site.base, path), range, signal);
      return range ? fitToRange(response, range) : response.body;
    } catch (error) {
      throw toDavAppError(error, 'download');
    }
  }

  async delete(key: string): Promise<void> {
    const path = this.pathOf(key);
    try {
      const site = await this.connected();
      await site.client.delete(davUrl(site.base, path));
    } catch (error) {
      throw toDavAppError(error, 'deletion');
    }
  }

  async stat(key: string): Promise<ObjectStat | null> {
    const path = parseKey(key, this.rootFolder);
    if (!path) return null;
    try {
      const site = await this.connected();
      const found = await site.client.propfind(davUrl(site.base, path), 0, [
        PROPS.resourceType,
        PROPS.contentLength,
        PROPS.lastModified,
        PROPS.sha256,
      ]);
      const resource = found?.[0];
      if (!resource || isCollection(resource)) return null;
      const sha256 = propText(resource, PROPS.sha256)?.toLowerCase() ?? '';
      const modified = Date.parse(propText(resource, PROPS.lastModified) ?? '');
      return {
        key,
        size: propCount(resource, PROPS.contentLength) ?? 0,
        sha256: SHA256_HEX.test(sha256) ? sha256 : null,
        modifiedAt: Number.isNaN(modified) ? null : new Date(modified),
      };
    } catch (error) {
      throw toDavAppError(error, 'lookup');
    }
  }

  /** Refused credentials are thrown (CloudConnectionError) so the connection is marked for reconnecting. */
  async healthCheck(): Promise<HealthReport> {
    try {
      const site = await this.connected();
      const found = await site.client.propfind(davUrl(site.base, [], true), 0, [PROPS.resourceType, PROPS.quotaAvailable, PROPS.quotaUsed]);
      const root = found?.[0];
      if (!root) return { ok: false, message: 'The WebDAV folder was not found on the server. Check the server address.', freeBytes: null };
      return { ok: true, message: 'Connected to the server.', freeBytes: propCount(root, PROPS.quotaAvailable) };
    } catch (error) {
      if (error instanceof CloudConnectionError) throw error;
      return { ok: false, message: toDavAppError(error, 'connection check').message, freeBytes: null };
    }
  }

  async discardIncomplete(documentId: string): Promise<void> {
    const staging = this.stagingPath(checkDocumentId(documentId));
    try {
      const site = await this.connected();
      await site.client.delete(davUrl(site.base, staging));
    } catch (error) {
      throw toDavAppError(error, 'clean-up');
    }
  }

  async relocate(key: string, hint: ObjectHint): Promise<string> {
    const from = this.pathOf(key);
    const folder = this.folderOf(hint);
    const name = sanitizeSegment(hint.name);
    if (sameFolder(from.slice(0, -1), folder) && isNumberedVariant(from.at(-1)!, name)) return key;
    try {
      const site = await this.connected();
      const placement = this.placement(site);
      // Some servers answer a MOVE of a missing file with 500: ask first, so "gone" is a plain NOT_FOUND.
      if (!(await exists(placement, from))) throw new ObjectNotFoundError();
      return formatKey(await moveToFreeName(placement, from, folder, name));
    } catch (error) {
      throw toDavAppError(error, 'move');
    }
  }

  /**
   * Sends the source's bytes to the staging path and reports what was sent.
   * Buffered up to the limit (so a 503 or reset can be retried), streamed
   * from two reused buffers above it.
   */
  protected async uploadToStaging(site: DavSite, staging: DavPath, request: UploadDetails, source: ByteSource): Promise<StagedUpload> {
    const url = davUrl(site.base, staging);
    const headers = { 'Content-Type': safeContentType(request.hint.contentType) };
    const signal = request.signal ? { signal: request.signal } : {};
    if (source.size <= this.bufferedUploadLimit) {
      const data = await wholeBody(source);
      const response = await site.client.exchange(
        { method: 'PUT', url, headers: { ...headers, ...this.checksumHeaders(source.sha256) }, body: data, ...signal },
        [200, 201, 204],
      );
      discard(response);
      checkReportedSha256(response.headers, source.sha256);
      return { size: data.length, sha256: source.sha256 };
    }
    // A streamed body cannot be replayed, so this PUT is sent once; the upload service may start over.
    const response = await site.client.exchange(
      { method: 'PUT', url, headers: { ...headers, 'Content-Length': String(source.size) }, body: streamedBody(source), ...signal },
      [200, 201, 204],
    );
    discard(response);
    checkReportedSha256(response.headers, source.sha256);
    return { size: source.size, sha256: source.sha256 };
  }

  /**
   * One MKCOL per upload (405 when it exists) rather than trusting the cache:
   * the person may have deleted the DocuVault folder on the server, and the
   * upload should simply recreate it.
   */
  private async ensureStagingFolder(site: DavSite, folder: DavPath): Promise<void> {
    try {
      await site.client.mkcol(davUrl(site.base, folder, true));
    } catch (error) {
      if (!(error instanceof DavStatusError && error.status === 409)) throw error;
      this.collections.forget();
      await this.collections.ensure(site.client, site.base, folder);
    }
  }

  protected stagingPath(documentId: string): DavPath {
    return [this.rootFolder, STAGING_FOLDER, `${documentId}.partial`];
  }

  /** Best effort, never throws: used while already failing. Sends nothing once credentials were refused. */
  protected async removeQuietly(site: DavSite, path: DavPath): Promise<void> {
    if (this.latch.tripped) return;
    await site.client.delete(davUrl(site.base, path)).catch(() => undefined);
  }

  private async verifyStoredSize(site: DavSite, path: DavPath, size: number): Promise<void> {
    const found = await site.client.propfind(davUrl(site.base, path), 0, [PROPS.contentLength]);
    const stored = found?.[0] ? propCount(found[0], PROPS.contentLength) : undefined;
    if (stored === undefined) throw new AppError('BACKEND_UNAVAILABLE', 'The storage server did not keep the uploaded document. Try again.');
    // A server that does not report sizes (null) cannot be checked; the SHA-256 still goes on the row.
    if (stored !== null && stored !== size) {
      throw new AppError('BACKEND_UNAVAILABLE', 'The storage server stored a different number of bytes than were sent. Try again.');
    }
  }

  /**
   * Id and SHA-256 ride along as dead properties so an index could be rebuilt
   * from the server. Best effort: the bytes are already stored and verified,
   * and failing the upload now would only make a duplicate on the next try.
   */
  private async writeMetadata(site: DavSite, path: DavPath, documentId: string, sha256: string): Promise<void> {
    await site.client
      .proppatch(davUrl(site.base, path), [
        { name: PROPS.documentId, value: documentId },
        { name: PROPS.sha256, value: sha256 },
      ])
      .catch(() => false);
  }

  private placement(site: DavSite): PlacementContext {
    return { client: site.client, base: site.base, collections: this.collections, mutex: this.placementLocks };
  }

  private folderOf(hint: ObjectHint): DavPath {
    return [this.rootFolder, ...hint.folderPath.map(sanitizeSegment)];
  }

  private pathOf(key: string): DavPath {
    const path = parseKey(key, this.rootFolder);
    if (!path) throw new ObjectNotFoundError();
    return path;
  }
}
