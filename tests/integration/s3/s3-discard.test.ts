import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { S3Backend } from '../../../src-main/core/storage/s3/s3-backend';
import { readAll } from '../../support/streams';
import { SMALL_PART, hintFor, patternBytes, putBytes, requestsSince, startS3Fixture, type S3Fixture } from './s3-fixture';

async function keysUnder(fixture: S3Fixture, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const item of fixture.inspector.listObjectsV2(fixture.server.bucket, prefix, true)) {
    if (item.name) keys.push(item.name);
  }
  return keys.sort();
}

describe('S3 backend discardIncomplete (s3rver)', () => {
  let fixture: S3Fixture;
  let backend: S3Backend;
  beforeAll(async () => {
    fixture = await startS3Fixture();
    backend = fixture.backend({ options: { partSize: SMALL_PART } });
  });
  afterAll(async () => {
    await fixture?.close();
  });

  it("removes every object under the document's key prefix and nothing else", async () => {
    const doomed = hintFor('Ünïcødé draft #1?.pdf');
    const neighbour = hintFor('keep me.pdf');
    await putBytes(backend, Buffer.from('left behind'), doomed);
    // A leftover under another name (say, an earlier attempt before a rename) must go too.
    await fixture.inspector.putObject(fixture.server.bucket, `DocuVault/${doomed.documentId}/older name.pdf`, Buffer.from('older'));
    const kept = await putBytes(backend, Buffer.from('neighbour'), neighbour);
    expect(await keysUnder(fixture, `DocuVault/${doomed.documentId}/`)).toHaveLength(2);

    await backend.discardIncomplete(doomed.documentId);

    expect(await keysUnder(fixture, `DocuVault/${doomed.documentId}/`)).toEqual([]);
    expect((await readAll(await backend.get(kept.key))).toString()).toBe('neighbour');
    // Idempotent.
    await backend.discardIncomplete(doomed.documentId);
  });

  it('tries to abort unfinished multipart uploads and copes with a server that cannot list them', async () => {
    const hint = hintFor('interrupted.bin');
    // An upload that dies after its first part leaves parts on the server, but no object.
    for (let i = 0; i < 3; i++) fixture.faults.inject({ kind: 'status', status: 503 }, { method: 'PUT', pathIncludes: 'partNumber=2' });
    await expect(putBytes(backend, patternBytes(2 * SMALL_PART), hint)).rejects.toMatchObject({ code: 'BACKEND_UNAVAILABLE' });

    const before = fixture.faults.seen.length;
    await backend.discardIncomplete(hint.documentId);
    const requests = requestsSince(fixture.faults, before);
    // s3rver answers the listing of unfinished uploads with NotImplemented; that is not a failure.
    expect(requests.some((r) => r.startsWith('GET ') && r.includes('uploads'))).toBe(true);
    expect(await keysUnder(fixture, `DocuVault/${hint.documentId}/`)).toEqual([]);
  });

  it('refuses a document id that is not a UUID (it would widen the prefix)', async () => {
    const before = fixture.faults.seen.length;
    for (const bad of ['', '..', '*', `${randomUUID()}/x`, 'DocuVault']) {
      await expect(backend.discardIncomplete(bad)).rejects.toMatchObject({ code: 'VALIDATION' });
    }
    expect(fixture.faults.seen.length - before).toBe(0);
  });
});
