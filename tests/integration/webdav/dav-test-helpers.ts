import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { inspect } from 'node:util';
import { expect } from 'vitest';
import type { ObjectHint, PutResult, StorageBackend } from '../../../src-main/core/storage/storage-backend';

export function hint(name: string, folderPath: string[] = [], documentId = randomUUID()): ObjectHint {
  return { documentId, name, folderPath, contentType: 'text/plain' };
}

export function putText(backend: StorageBackend, text: string, objectHint: ObjectHint): Promise<PutResult> {
  const data = Buffer.from(text);
  return backend.put({ body: Readable.from([data]), size: data.length, hint: objectHint });
}

export async function readText(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The rejection of `promise` (fails the test when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & { code?: string; reason?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string; reason?: string };
  }
  throw new Error('expected the promise to reject');
}

/** Neither the secret nor the Basic header made from it shows up anywhere in how `value` prints, causes included. */
export function expectNoSecret(value: unknown, user: string, secret: string): void {
  const printed = `${inspect(value, { depth: null, showHidden: true })} ${String(value)} ${JSON.stringify(value) ?? ''}`;
  expect(printed).not.toContain(secret);
  expect(printed).not.toContain(Buffer.from(`${user}:${secret}`).toString('base64'));
}

export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/** A request straight to the server, as another app (or the person) would make it. */
export async function rawRequest(
  url: string,
  method: string,
  auth: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<number> {
  const response = await fetch(url, { method, headers: { Authorization: auth, ...headers }, ...(body !== undefined ? { body } : {}) });
  await response.arrayBuffer();
  return response.status;
}

export function pathsOf(requests: ReadonlyArray<{ method: string; path: string }>, method: string): string[] {
  return requests.filter((request) => request.method === method).map((request) => decodeURIComponent(request.path));
}
