import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { S3Backend } from '../../../src-main/core/storage/s3/s3-backend';
import { readAll } from '../../support/streams';
import { hintFor, putBytes, startS3Fixture, type S3Fixture } from './s3-fixture';

const SEVEN_DAYS = 7 * 24 * 60 * 60;

describe('S3 backend presigned URLs (s3rver)', () => {
  let fixture: S3Fixture;
  let backend: S3Backend;
  beforeAll(async () => {
    fixture = await startS3Fixture();
    backend = fixture.backend();
  });
  afterAll(async () => {
    await fixture?.close();
  });

  it('declares both presign capabilities and does not follow names', () => {
    expect(backend.capabilities).toEqual({ presignedGet: true, presignedPut: true, followsNames: false });
    expect(backend.kind).toBe('s3');
  });

  it('makes a share link that plain fetch can download, carrying the requested expiry', async () => {
    const data = Buffer.from('shared through a presigned link');
    const { key } = await putBytes(backend, data, hintFor('Résumé 📄 #1?.pdf'));
    const url = await backend.presignGet(key, 3600);
    expect(new URL(url).searchParams.get('X-Amz-Expires')).toBe('3600');
    expect(new URL(url).searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(data);
  });

  it('accepts expiries from 1 second to 7 days and refuses anything else with VALIDATION, before any request', async () => {
    const { key } = await putBytes(backend, Buffer.from('expiry'));
    expect(new URL(await backend.presignGet(key, 1)).searchParams.get('X-Amz-Expires')).toBe('1');
    expect(new URL(await backend.presignGet(key, SEVEN_DAYS)).searchParams.get('X-Amz-Expires')).toBe(String(SEVEN_DAYS));
    const before = fixture.faults.seen.length;
    for (const bad of [0, -5, 1.5, SEVEN_DAYS + 1, Number.NaN, Number.POSITIVE_INFINITY]) {
      await expect(backend.presignGet(key, bad)).rejects.toMatchObject({ code: 'VALIDATION' });
      await expect(backend.presignPut(hintFor(), bad)).rejects.toMatchObject({ code: 'VALIDATION' });
    }
    expect(fixture.faults.seen.length - before).toBe(0);
  });

  it('refuses to sign a key outside its prefix', async () => {
    await expect(backend.presignGet('Elsewhere/secret.pdf', 60)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('makes an upload link for a document key that plain fetch can PUT to', async () => {
    const hint = hintFor('uploaded elsewhere.txt', 'text/plain');
    const { url, key } = await backend.presignPut(hint, 600);
    expect(key).toBe(`DocuVault/${hint.documentId}/uploaded elsewhere.txt`);
    const response = await fetch(url, { method: 'PUT', body: 'bytes sent with a presigned PUT' });
    expect(response.status).toBe(200);
    expect((await readAll(await backend.get(key))).toString()).toBe('bytes sent with a presigned PUT');
    // No DocuVault metadata travels with a presigned PUT: the digest is unknown to the server.
    expect(await backend.stat(key)).toMatchObject({ size: 31, sha256: null });
  });
});
