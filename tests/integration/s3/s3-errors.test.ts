import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src-main/core/errors';
import { CloudConnectionError } from '../../../src-main/core/storage/backend-errors';
import { S3Backend } from '../../../src-main/core/storage/s3/s3-backend';
import { S3BucketMissingError } from '../../../src-main/core/storage/s3/s3-errors';
import { readAll } from '../../support/streams';
import { hintFor, putBytes, requestsSince, startS3Fixture, type S3Fixture } from './s3-fixture';

/** Distinctive enough that finding it anywhere in an error can only mean it leaked. */
const SECRET = 'wJalrXUtnFEMI-K7MDENG-bPxRfiCY-TOP-SECRET-9f3a';

/** What AWS answers a wrong secret: the error XML echoes the signature and what was signed. */
const PROVIDED_SIGNATURE = 'f00dfacecafe0123456789abcdef0123456789abcdef0123456789abcdef0123';
const SIGNATURE_MISMATCH_XML =
  '<?xml version="1.0" encoding="UTF-8"?><Error><Code>SignatureDoesNotMatch</Code>' +
  '<Message>The request signature we calculated does not match the signature you provided.</Message>' +
  `<AWSAccessKeyId>S3RVER</AWSAccessKeyId><StringToSign>AWS4-HMAC-SHA256 20240101T000000Z</StringToSign>` +
  `<SignatureProvided>${PROVIDED_SIGNATURE}</SignatureProvided><CanonicalRequest>GET /x</CanonicalRequest></Error>`;

/** Neither the secret nor a signature, in the message, the printed error or its causes (which end up in logs). */
function expectNoSecret(error: unknown): void {
  expect(error).toBeInstanceOf(AppError);
  const texts = [String(error), (error as Error).message, inspect(error, { depth: 8 }), JSON.stringify(error)];
  for (const text of texts) {
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(PROVIDED_SIGNATURE);
    expect(text).not.toMatch(/Signature=[0-9a-f]{64}/);
  }
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('S3 backend error mapping (s3rver)', () => {
  let fixture: S3Fixture;
  beforeAll(async () => {
    fixture = await startS3Fixture();
  });
  afterAll(async () => {
    await fixture?.close();
  });

  it('maps an unknown access key (InvalidAccessKeyId from s3rver) to REAUTH_REQUIRED without retrying', async () => {
    const stranger = fixture.backend({ credentials: { accessKeyId: 'NOT-A-KEY', secretAccessKey: SECRET } });
    for (const operation of [
      () => putBytes(stranger, Buffer.from('refused')),
      () => stranger.get(`DocuVault/${hintFor().documentId}/x.pdf`),
      () => stranger.stat(`DocuVault/${hintFor().documentId}/x.pdf`),
      () => stranger.healthCheck(),
    ]) {
      const before = fixture.faults.seen.length;
      const error = await rejection(operation());
      expect(error).toBeInstanceOf(CloudConnectionError);
      expect(error).toMatchObject({ code: 'REAUTH_REQUIRED', reason: 'unauthorized' });
      expect(fixture.faults.seen.length - before).toBe(1);
      expectNoSecret(error);
    }
  });

  it('maps a 403 SignatureDoesNotMatch (a wrong secret key on a real server) to REAUTH_REQUIRED, one request', async () => {
    // s3rver does not verify SigV4 signatures, so the answer a real server gives a wrong secret is injected.
    const backend = fixture.backend({ credentials: { secretAccessKey: SECRET } });
    const { key } = await putBytes(backend, Buffer.from('signed'));
    fixture.faults.inject(
      { kind: 'status', status: 403, headers: { 'Content-Type': 'application/xml' }, body: SIGNATURE_MISMATCH_XML },
      { method: 'GET' },
    );
    const before = fixture.faults.seen.length;
    const error = await rejection(backend.get(key));
    expect(error).toMatchObject({ code: 'REAUTH_REQUIRED', reason: 'unauthorized' });
    expect(fixture.faults.seen.length - before).toBe(1);
    expectNoSecret(error);
  });

  it('maps a bodiless 403 on HEAD (AccessDenied) to REAUTH_REQUIRED', async () => {
    const backend = fixture.backend();
    const { key } = await putBytes(backend, Buffer.from('denied'));
    fixture.faults.inject({ kind: 'status', status: 403 }, { method: 'HEAD' });
    await expect(backend.stat(key)).rejects.toMatchObject({ code: 'REAUTH_REQUIRED', reason: 'unauthorized' });
  });

  it('sends nothing more after a credential refusal in the middle of a multipart upload', async () => {
    const backend = fixture.backend({ options: { partSize: 5 * 1024 * 1024 } });
    fixture.faults.inject({ kind: 'status', status: 401 }, { method: 'PUT', pathIncludes: 'partNumber=2' });
    const before = fixture.faults.seen.length;
    await expect(putBytes(backend, Buffer.alloc(11 * 1024 * 1024, 1))).rejects.toMatchObject({ code: 'REAUTH_REQUIRED' });
    const requests = requestsSince(fixture.faults, before);
    expect(requests.at(-1)).toMatch(/^PUT .*partNumber=2$/);
  });

  it('reports a missing bucket clearly: health check not ok, operations a typed error naming the bucket', async () => {
    const backend = fixture.backend({ settings: { bucket: 'no-such-bucket' }, credentials: { secretAccessKey: SECRET } });
    const health = await backend.healthCheck();
    expect(health).toEqual({ ok: false, message: expect.stringContaining('"no-such-bucket" does not exist'), freeBytes: null });

    const error = await rejection(putBytes(backend, Buffer.from('nowhere')));
    expect(error).toBeInstanceOf(S3BucketMissingError);
    expect(error).toMatchObject({ code: 'BACKEND_UNAVAILABLE', message: expect.stringContaining('no-such-bucket') });
    expectNoSecret(error);
  });

  it('retries an unreachable server a bounded number of times, then reports BACKEND_UNAVAILABLE', async () => {
    // A port that was free a moment ago: connections are refused.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));

    const backend = new S3Backend(
      { endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', bucket: 'docuvault-test', pathStyle: true },
      { accessKeyId: 'S3RVER', secretAccessKey: SECRET },
      { retry: { attempts: 2, baseDelayMs: 5 } },
    );
    const error = await rejection(backend.get(`DocuVault/${hintFor().documentId}/x.pdf`));
    expect(error).toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
    expectNoSecret(error);
    const health = await backend.healthCheck();
    expect(health.ok).toBe(false);
    expect(health.message).toMatch(/could not be reached/);
  });

  it('stops after the configured attempts on a persistent 503', async () => {
    const backend = fixture.backend({ options: { retry: { attempts: 3, baseDelayMs: 5 } } });
    const { key } = await putBytes(backend, Buffer.from('busy'));
    for (let i = 0; i < 3; i++) fixture.faults.inject({ kind: 'status', status: 503 }, { method: 'GET' });
    const before = fixture.faults.seen.length;
    await expect(backend.get(key)).rejects.toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
    expect(fixture.faults.seen.length - before).toBe(3);
    expect(fixture.faults.pendingFaults()).toBe(0);
  });

  it("waits as long as a 429's Retry-After asks, not just its own short backoff", async () => {
    const backend = fixture.backend({ options: { retry: { attempts: 3, baseDelayMs: 1 } } });
    const { key } = await putBytes(backend, Buffer.from('throttled'));
    fixture.faults.inject({ kind: 'status', status: 429, headers: { 'Retry-After': '1' } }, { method: 'GET' });
    const started = performance.now();
    expect((await readAll(await backend.get(key))).toString()).toBe('throttled');
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('maps 507 to QUOTA_EXCEEDED without retrying', async () => {
    const backend = fixture.backend();
    fixture.faults.inject({ kind: 'status', status: 507 }, { method: 'PUT' });
    const before = fixture.faults.seen.length;
    await expect(putBytes(backend, Buffer.from('full'))).rejects.toMatchObject({ code: 'QUOTA_EXCEEDED' });
    expect(requestsSince(fixture.faults, before).filter((r) => r.startsWith('PUT '))).toHaveLength(1);
  });

  it('fails a download cut mid-body with a typed error, and does not retry once bytes were handed over', async () => {
    const backend = fixture.backend();
    const data = Buffer.alloc(3 * 1024 * 1024, 7);
    const { key } = await putBytes(backend, data);
    fixture.faults.inject({ kind: 'reset-mid-body', afterBytes: 1024 * 1024 }, { method: 'GET' });
    const before = fixture.faults.seen.length;
    const stream = await backend.get(key);
    const error = await rejection(readAll(stream));
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
    expect(fixture.faults.seen.length - before).toBe(1);
  });

  it('hands on only the requested bytes when a server ignores Range and sends the whole object', async () => {
    const backend = fixture.backend();
    const { key } = await putBytes(backend, Buffer.from('0123456789'));
    fixture.faults.inject({ kind: 'status', status: 200, body: '0123456789' }, { method: 'GET' });
    expect((await readAll(await backend.get(key, { range: { start: 3, end: 6 } }))).toString()).toBe('3456');
    expect(fixture.faults.pendingFaults()).toBe(0);
  });

  it('refuses invalid ranges and foreign or malformed keys before any request', async () => {
    const backend = fixture.backend();
    const { key } = await putBytes(backend, Buffer.from('ranged'));
    const before = fixture.faults.seen.length;
    await expect(backend.get(key, { range: { start: 4, end: 2 } })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(backend.get(key, { range: { start: -1, end: 2 } })).rejects.toMatchObject({ code: 'VALIDATION' });
    for (const forged of ['Other/' + key, 'DocuVault/not-a-uuid/x.pdf', `DocuVault/${hintFor().documentId}/..`, 'DocuVault/../secret', '']) {
      await expect(backend.get(forged)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    expect(fixture.faults.seen.length - before).toBe(0);
  });

  it('never shows the secret key, not even when the backend object itself is printed', async () => {
    const backend = fixture.backend({ credentials: { secretAccessKey: SECRET } });
    expect(inspect(backend, { depth: 8, showHidden: true })).not.toContain(SECRET);
    expect(JSON.stringify(backend)).not.toContain(SECRET);
    const url = await backend.presignGet(`DocuVault/${hintFor().documentId}/x.pdf`, 60);
    expect(url).not.toContain(SECRET);
    expect(url).not.toContain(encodeURIComponent(SECRET));
  });
});
