import { Client } from 'minio';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'webdav';
import { UrlRefusedError } from '../../../src-main/core/net/url-refused-error';
import { agentFor, createGuardedAgents, type GuardedAgentOptions, type GuardedAgents } from '../../../src-main/core/net/guarded-agents';
import { findNetPolicyError } from '../../../src-main/core/net/net-policy-error';
import { fakeDns } from './support/fake-dns';
import { startHttpsServer, type CountingServer } from './support/local-servers';
import { createTestCertificate } from './support/test-certificates';

// A self-hosted server with a private certificate, and an impostor with the same names.
const nasCertificate = createTestCertificate({ commonName: 'nas.test', altNames: ['nas.test'] });
const impostorCertificate = createTestCertificate({ commonName: 'nas.test', altNames: ['nas.test'] });
const pin = nasCertificate.x509.fingerprint256;

let nas: CountingServer;
let impostor: CountingServer;
let agents: GuardedAgents | undefined;

beforeAll(async () => {
  nas = await startHttpsServer(nasCertificate);
  impostor = await startHttpsServer(impostorCertificate);
});

afterAll(async () => {
  await Promise.all([nas.close(), impostor.close()]);
});

afterEach(() => {
  agents?.destroy();
  agents = undefined;
});

function guarded(options: GuardedAgentOptions): GuardedAgents {
  agents = createGuardedAgents({ pinnedCertificateSha256: pin, ...options });
  return agents;
}

function webdavClient(url: string, pair: GuardedAgents) {
  return createClient(url, { username: 'alice', password: 's3cr3t', httpAgent: pair.httpAgent, httpsAgent: pair.httpsAgent });
}

function minioClient(server: CountingServer, pair: GuardedAgents, endPoint = '127.0.0.1') {
  return new Client({
    endPoint,
    port: server.port,
    useSSL: true,
    region: 'us-east-1',
    accessKey: 'access',
    secretKey: 'secret-key',
    transportAgent: agentFor(pair, `https://${endPoint}/`),
  });
}

describe('the webdav client with guarded agents', () => {
  it('talks to the pinned server', async () => {
    const client = webdavClient(`https://127.0.0.1:${nas.port}/dav`, guarded({}));
    await expect(client.getFileContents('/hello.txt', { format: 'text' })).resolves.toBe('hello from the test server');
  });

  it('is stopped by the URL policy; the refusal is recognised through the fetch error that wraps it', async () => {
    const client = webdavClient(`https://nas.test:${nas.port}/dav`, guarded({ lookup: fakeDns({ 'nas.test': ['169.254.169.254'] }) }));
    const error = await client.getFileContents('/hello.txt', { format: 'text' }).catch((caught: unknown) => caught);
    expect(findNetPolicyError(error)).toMatchObject({ code: 'VALIDATION' });
  });

  it('sends nothing to a server with another certificate; the mismatch is recognised as needing a reconnect', async () => {
    const client = webdavClient(`https://127.0.0.1:${impostor.port}/dav`, guarded({}));
    const error = await client.getFileContents('/hello.txt', { format: 'text' }).catch((caught: unknown) => caught);
    expect(findNetPolicyError(error)).toMatchObject({ code: 'REAUTH_REQUIRED' });
    expect(impostor.requests).toBe(0);
  });

  it('leaves errors that are not the policy alone', () => {
    expect(findNetPolicyError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBeUndefined();
  });
});

describe('the minio client with a guarded transport agent', () => {
  it('talks to the pinned server', async () => {
    await expect(minioClient(nas, guarded({})).bucketExists('documents')).resolves.toBe(true);
  });

  it('is stopped by the URL policy with our own error', async () => {
    const client = minioClient(nas, guarded({ strict: true }));
    const error = await client.bucketExists('documents').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UrlRefusedError);
    expect(findNetPolicyError(error)).toBe(error);
  });

  it('sends nothing to a server with another certificate', async () => {
    const error = await minioClient(impostor, guarded({})).bucketExists('documents').catch((caught: unknown) => caught);
    expect(findNetPolicyError(error)).toMatchObject({ code: 'REAUTH_REQUIRED' });
    expect(impostor.requests).toBe(0);
  });
});
