import type { FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { StorageBackendKind } from '../../../src-shared/domain';
import { AppError } from '../errors';

/** What a backend may use to name and label an object. Never used to build local paths. */
export interface ObjectHint {
  readonly documentId: string;
  /** Display name of the document. */
  readonly name: string;
  /** Display names of the folder chain, outermost first (for name-based layouts). */
  readonly folderPath: readonly string[];
  readonly contentType: string;
}

export interface PutRequest {
  readonly body: Readable;
  /** Exact byte count the body will deliver; a body that delivers more or fewer fails the put. */
  readonly size: number;
  readonly hint: ObjectHint;
  readonly signal?: AbortSignal;
  /** Called with the total bytes written so far. */
  readonly onProgress?: (bytesWritten: number) => void;
}

/** An upload from a file on this machine, read in place (no stream, no per-chunk allocation). */
export interface FilePutRequest extends Omit<PutRequest, 'body'> {
  readonly file: FileHandle;
}

/**
 * The source file failed while being read (not the storage). An AppError, so
 * every backend's error mapping passes it through unchanged; the upload
 * manager words it for people with the file's name.
 */
export class SourceReadFailure extends AppError {
  constructor(cause: unknown) {
    super('VALIDATION', 'The file could not be read. Check that it is still available and try again.', { cause });
    this.name = 'SourceReadFailure';
  }
}

export interface PutResult {
  /** Whatever finds the object again; stored on the document row. */
  readonly key: string;
  readonly size: number;
  /** Hex SHA-256 of the bytes stored, computed while streaming. */
  readonly sha256: string;
}

/** Inclusive byte range, like HTTP's. */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

export interface ObjectStat {
  readonly key: string;
  readonly size: number;
  readonly sha256: string | null;
  readonly modifiedAt: Date | null;
}

export interface HealthReport {
  readonly ok: boolean;
  readonly message: string;
  /** Free space where the backend can tell, else null. */
  readonly freeBytes: number | null;
}

export interface BackendCapabilities {
  /** Share links with an expiry (S3/MinIO). */
  readonly presignedGet: boolean;
  readonly presignedPut: boolean;
  /** The layout uses names, so renames and moves must follow on the server (`relocate`). */
  readonly followsNames: boolean;
}

/**
 * One storage backend: stateless, streams only, bounded memory.
 * Backends never touch the database; they raise typed errors and the services decide.
 */
export interface StorageBackend {
  readonly kind: StorageBackendKind;
  readonly capabilities: BackendCapabilities;
  put(request: PutRequest): Promise<PutResult>;
  /** Optional fast path for files on this machine: same contract as `put`. */
  putFile?(request: FilePutRequest): Promise<PutResult>;
  /** Throws ObjectNotFoundError when the object is gone. */
  get(key: string, options?: { range?: ByteRange; signal?: AbortSignal }): Promise<Readable>;
  /** Idempotent: deleting a missing object succeeds. */
  delete(key: string): Promise<void>;
  stat(key: string): Promise<ObjectStat | null>;
  healthCheck(): Promise<HealthReport>;
  /** Removes whatever an interrupted put for this document may have left behind. */
  discardIncomplete(documentId: string): Promise<void>;
  presignGet?(key: string, expiresInSeconds: number): Promise<string>;
  presignPut?(hint: ObjectHint, expiresInSeconds: number): Promise<{ url: string; key: string }>;
  /** Follows a rename or move on name-based layouts; returns the (possibly new) key. */
  relocate?(key: string, hint: ObjectHint): Promise<string>;
}

export class ObjectNotFoundError extends AppError {
  constructor() {
    super('NOT_FOUND', "This document's contents are missing from its storage. It may have been removed outside DocuVault.");
    this.name = 'ObjectNotFoundError';
  }
}
