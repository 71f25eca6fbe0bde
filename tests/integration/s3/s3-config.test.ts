import { Agent, type AgentOptions } from 'node:http';
import type { LookupFunction } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src-main/core/errors';
import { S3Backend } from '../../../src-main/core/storage/s3/s3-backend';
import { choosePartSize, resolveS3Config, type S3ConnectionSettings } from '../../../src-main/core/storage/s3/s3-config';
import { readAll } from '../../support/streams';
import { MiB, hintFor, putBytes, startS3Fixture, type S3Fixture } from './s3-fixture';

const SECRET = 'Zq8-UNIQUE-SECRET-VALUE-3b1c';
const credentials = { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: SECRET };
const settings: S3ConnectionSettings = { endpoint: 'https://s3.example.com', region: 'eu-west-1', bucket: 'my-bucket', pathStyle: false };

function validationError(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'VALIDATION' });
    return error as AppError;
  }
  throw new Error('expected a VALIDATION error');
}

describe('S3 connection settings', () => {
  it('normalises a valid configuration', () => {
    expect(resolveS3Config(settings, credentials)).toMatchObject({
      host: 's3.example.com',
      port: 443,
      useSSL: true,
      region: 'eu-west-1',
      bucket: 'my-bucket',
      pathStyle: false,
      prefix: 'DocuVault',
      partSize: 8 * MiB,
      retry: { attempts: 4, baseDelayMs: 200 },
    });
    expect(resolveS3Config({ ...settings, endpoint: 'http://minio.lan:9000/', region: '', prefix: '' }, credentials)).toMatchObject({
      host: 'minio.lan',
      port: 9000,
      useSSL: false,
      region: 'us-east-1',
      prefix: '',
    });
  });

  it.each([
    ['not a URL', 'minio.lan:9000'],
    ['another scheme', 'ftp://s3.example.com'],
    ['a path', 'https://s3.example.com/my-bucket'],
    ['a query', 'https://s3.example.com/?x=1'],
    ['credentials', `https://AKIAEXAMPLE:${SECRET}@s3.example.com`],
  ])('refuses an endpoint with %s, without repeating it', (_label, endpoint) => {
    const error = validationError(() => resolveS3Config({ ...settings, endpoint }, credentials));
    expect(error.message).not.toContain(SECRET);
    expect(error.message).not.toContain(endpoint);
  });

  it.each(['ab', 'My_Bucket', '-bucket', 'bucket-', 'a..b', '192.168.1.1', 'x'.repeat(64)])('refuses the bucket name %j', (bucket) => {
    validationError(() => resolveS3Config({ ...settings, bucket }, credentials));
  });

  it.each(['a/../b', './x', 'a//b', 'tab\there', 'back\\slash'])('refuses the prefix %j', (prefix) => {
    validationError(() => resolveS3Config({ ...settings, prefix }, credentials));
  });

  it('refuses missing or malformed keys without repeating them', () => {
    for (const bad of [
      { accessKeyId: '', secretAccessKey: SECRET },
      { accessKeyId: 'has space', secretAccessKey: SECRET },
      { accessKeyId: 'AKIA', secretAccessKey: '' },
      { accessKeyId: 'AKIA', secretAccessKey: `${SECRET}\n` },
    ]) {
      const error = validationError(() => resolveS3Config(settings, bad));
      expect(String(error)).not.toContain(SECRET);
    }
  });

  it('keeps the part size within what S3 and the memory bound allow', () => {
    validationError(() => resolveS3Config(settings, credentials, { partSize: 4 * MiB }));
    validationError(() => resolveS3Config(settings, credentials, { partSize: 65 * MiB }));
    validationError(() => resolveS3Config(settings, credentials, { retry: { attempts: 0, baseDelayMs: 10 } }));
    expect(resolveS3Config(settings, credentials, { partSize: 16 * MiB }).partSize).toBe(16 * MiB);
    // 10 000 parts at most: only a file beyond 10 000 parts grows its parts, to the next whole MiB.
    expect(choosePartSize(10 * 1024 * MiB, 8 * MiB)).toBe(8 * MiB);
    expect(choosePartSize(100 * 1024 * MiB, 8 * MiB)).toBe(11 * MiB);
  });

  it('makes the backend constructor throw the same validation errors', () => {
    validationError(() => new S3Backend({ ...settings, endpoint: 'gopher://x' }, credentials));
  });
});

/** Counts the connections it makes and can refuse every host-name lookup, like the URL policy's guarded agent. */
class RecordingAgent extends Agent {
  connections = 0;
  constructor(options: AgentOptions & { lookup?: LookupFunction }) {
    super(options);
  }
  override createConnection(...args: Parameters<Agent['createConnection']>): ReturnType<Agent['createConnection']> {
    this.connections++;
    return super.createConnection(...args);
  }
}

describe('S3 backend transport agent', () => {
  let fixture: S3Fixture;
  beforeAll(async () => {
    fixture = await startS3Fixture();
  });
  afterAll(async () => {
    await fixture?.close();
  });

  it('sends its requests through the agent it is given', async () => {
    const agent = new RecordingAgent({ keepAlive: true });
    const backend = fixture.backend({ options: { transportAgent: agent } });
    const { key } = await putBytes(backend, Buffer.from('through the agent'));
    expect((await readAll(await backend.get(key))).toString()).toBe('through the agent');
    expect(agent.connections).toBeGreaterThan(0);
    agent.destroy();
  });

  it("lets the agent's refusal through as is, without retrying it", async () => {
    const refusal = new AppError('VALIDATION', 'This server address is not allowed.');
    let lookups = 0;
    const lookup: LookupFunction = (_hostname, _options, callback) => {
      lookups++;
      callback(refusal, '', 4);
    };
    const agent = new RecordingAgent({ lookup });
    const port = new URL(fixture.faults.url).port;
    const backend = fixture.backend({ settings: { endpoint: `http://localhost:${port}` }, options: { transportAgent: agent } });
    await expect(backend.get(`DocuVault/${hintFor().documentId}/a.pdf`)).rejects.toBe(refusal);
    expect(lookups).toBe(1);
    await expect(putBytes(backend, Buffer.from('refused'), hintFor())).rejects.toBe(refusal);
    agent.destroy();
  });
});
