import type http from 'node:http';
import type https from 'node:https';
import { AppError } from '../../errors';
import { sanitizeSegment } from './dav-paths';
import type { DavRetryPolicy } from './dav-status';

/** Options shared by the WebDAV and Nextcloud backends; none of them is a secret. */
export interface DavBackendOptions {
  readonly retry?: DavRetryPolicy;
  /** Agents from the URL policy (guarded DNS lookup, pinned certificate); used as given. */
  readonly httpAgent?: http.Agent;
  readonly httpsAgent?: https.Agent;
  readonly idleTimeoutMs?: number;
}

export const DEFAULT_ROOT_FOLDER = 'DocuVault';
export const MIB = 1024 * 1024;

/** The root folder's name as one safe segment; hidden (dot) names would hide the person's documents. */
export function rootFolderName(input: string | undefined): string {
  const name = sanitizeSegment(input ?? DEFAULT_ROOT_FOLDER);
  if (name.startsWith('.')) throw new AppError('VALIDATION', 'The DocuVault folder name cannot start with a dot.');
  return name;
}

export function requireText(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.length === 0) throw new AppError('VALIDATION', `Enter the ${what}.`);
  return value;
}

/** Document ids become file names in the staging folder: only plain id characters are accepted. */
export function checkDocumentId(documentId: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/.test(documentId)) {
    throw new AppError('VALIDATION', 'The document id is not valid.');
  }
  return documentId;
}

/** A Content-Type safe to send as a header; anything odd becomes application/octet-stream. */
export function safeContentType(value: string): string {
  return /^[\w!#$&^.+-]{1,64}\/[\w!#$&^.+-]{1,128}$/.test(value) ? value : 'application/octet-stream';
}
