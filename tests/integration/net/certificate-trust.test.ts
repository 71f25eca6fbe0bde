import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CertificateMismatchError } from '../../../src-main/core/net/certificate-mismatch-error';
import { createGuardedAgents, type GuardedAgentOptions, type GuardedAgents } from '../../../src-main/core/net/guarded-agents';
import { probeCertificate } from '../../../src-main/core/net/probe-certificate';
import { fakeDns } from './support/fake-dns';
import { fetchThrough } from './support/fetch-through';
import { startHttpServer, startHttpsServer, type CountingServer } from './support/local-servers';
import { createTestCertificate, type TestCertificate } from './support/test-certificates';

const DAY_MS = 86_400_000;

// Certificates are made here, at test time: nothing secret or expiring is checked in.
const selfSigned = createTestCertificate({ commonName: 'nas.test', altNames: ['nas.test', '127.0.0.1'] });
const impostor = createTestCertificate({ commonName: 'nas.test', altNames: ['nas.test', '127.0.0.1'] });
const testCa = createTestCertificate({ commonName: 'DocuVault Test CA', isCa: true });
const caSigned = createTestCertificate({ commonName: 'localhost', altNames: ['localhost', '127.0.0.1'], issuer: testCa });
const caSignedForAnotherName = createTestCertificate({ commonName: 'files.example.org', altNames: ['files.example.org'], issuer: testCa });
const caSignedExpired = createTestCertificate({
  commonName: 'localhost',
  altNames: ['localhost', '127.0.0.1'],
  issuer: testCa,
  notBefore: new Date(Date.now() - 60 * DAY_MS),
  notAfter: new Date(Date.now() - DAY_MS),
});

const servers = new Map<TestCertificate, CountingServer>();
let plainHttp: CountingServer;
let agents: GuardedAgents | undefined;

const serverFor = (certificate: TestCertificate) => servers.get(certificate)!;
const urlOf = (certificate: TestCertificate, host = '127.0.0.1') => `https://${host}:${serverFor(certificate).port}/`;

function guarded(options: GuardedAgentOptions): GuardedAgents {
  agents = createGuardedAgents(options);
  return agents;
}

beforeAll(async () => {
  for (const certificate of [selfSigned, impostor, caSigned, caSignedForAnotherName, caSignedExpired]) {
    servers.set(certificate, await startHttpsServer(certificate));
  }
  plainHttp = await startHttpServer();
});

afterAll(async () => {
  await Promise.all([...servers.values(), plainHttp].map((server) => server.close()));
});

afterEach(() => {
  agents?.destroy();
  agents = undefined;
});

describe('probeCertificate', () => {
  it('reports a self-signed certificate as untrusted, with the fingerprint browsers would show, and sends no request', async () => {
    const probe = await probeCertificate(urlOf(selfSigned));
    expect(probe).toEqual({
      trusted: false,
      problem: 'self-signed',
      fingerprintSha256: selfSigned.x509.fingerprint256,
      subject: 'CN=nas.test',
      issuer: 'CN=nas.test',
      subjectAltName: 'DNS:nas.test, IP Address:127.0.0.1',
      validFrom: new Date(selfSigned.x509.validFrom).toISOString(),
      validTo: new Date(selfSigned.x509.validTo).toISOString(),
      selfSigned: true,
    });
    expect(probe.fingerprintSha256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(serverFor(selfSigned).requests).toBe(0);
  });

  it.each([
    ['a CA-signed certificate reached by IP', caSigned, '127.0.0.1', true, undefined],
    ['a CA-signed certificate reached by name', caSigned, 'localhost', true, undefined],
    ['a certificate made out to another name', caSignedForAnotherName, '127.0.0.1', false, 'hostname-mismatch'],
    ['an expired certificate', caSignedExpired, '127.0.0.1', false, 'expired'],
  ] as const)('with the test CA trusted, judges %s', async (_case, certificate, host, trusted, problem) => {
    const probe = await probeCertificate(urlOf(certificate, host), { ca: testCa.certPem });
    expect(probe).toMatchObject({ trusted, problem, selfSigned: false, issuer: 'CN=DocuVault Test CA' });
    expect(probe.fingerprintSha256).toBe(certificate.x509.fingerprint256);
  });

  it('reports a certificate from a CA Node does not know as untrusted', async () => {
    expect(await probeCertificate(urlOf(caSigned))).toMatchObject({ trusted: false, problem: 'unknown-issuer' });
  });

  it('applies the URL policy before connecting', async () => {
    const before = serverFor(selfSigned).connections;
    await expect(probeCertificate(urlOf(selfSigned), { strict: true })).rejects.toMatchObject({
      code: 'VALIDATION',
      reason: 'loopback-in-strict-mode',
    });
    await expect(
      probeCertificate(`https://nas.test:${serverFor(selfSigned).port}/`, { lookup: fakeDns({ 'nas.test': ['169.254.169.254'] }) }),
    ).rejects.toMatchObject({ code: 'VALIDATION', reason: 'link-local' });
    expect(serverFor(selfSigned).connections).toBe(before);
  });

  it('refuses http:// URLs, which have no certificate', async () => {
    await expect(probeCertificate(`http://127.0.0.1:${plainHttp.port}/`)).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it.each([
    ['a server that does not speak TLS', () => `https://127.0.0.1:${plainHttp.port}/`, 'did not answer with a secure (https) connection'],
    ['a port nothing listens on', () => 'https://127.0.0.1:1/', 'could not reach 127.0.0.1:1'],
  ])('says when %s cannot be probed', async (_case, url, message) => {
    await expect(probeCertificate(url())).rejects.toMatchObject({ code: 'BACKEND_UNAVAILABLE', message: expect.stringContaining(message) });
  });
});

describe('guarded https agent with a pinned certificate', () => {
  it('connects to the server whose certificate was pinned', async () => {
    const { httpsAgent } = guarded({ pinnedCertificateSha256: selfSigned.x509.fingerprint256 });
    await expect(fetchThrough(urlOf(selfSigned), httpsAgent)).resolves.toMatchObject({ status: 200 });
  });

  it('accepts the pin however it was pasted (lower case, no colons)', async () => {
    const pasted = selfSigned.x509.fingerprint256.replaceAll(':', '').toLowerCase();
    const { httpsAgent } = guarded({ pinnedCertificateSha256: pasted });
    await expect(fetchThrough(urlOf(selfSigned), httpsAgent)).resolves.toMatchObject({ status: 200 });
  });

  it('ignores the host name on purpose: the pin names the certificate itself', async () => {
    const lookup = fakeDns({ 'files.home.arpa': ['127.0.0.1'] });
    const { httpsAgent } = guarded({ pinnedCertificateSha256: selfSigned.x509.fingerprint256, lookup });
    await expect(fetchThrough(urlOf(selfSigned, 'files.home.arpa'), httpsAgent)).resolves.toMatchObject({ status: 200 });
  });

  it.each([
    ['another self-signed certificate with the same names', impostor, {}],
    ['a certificate the trusted CA signed', caSigned, { ca: testCa.certPem }],
  ])('refuses %s, before sending the request', async (_case, certificate, extra) => {
    const { httpsAgent } = guarded({ pinnedCertificateSha256: selfSigned.x509.fingerprint256, ...extra });
    const server = serverFor(certificate);
    const requestsBefore = server.requests;
    const error = await fetchThrough(urlOf(certificate), httpsAgent).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CertificateMismatchError);
    expect(error).toMatchObject({
      code: 'REAUTH_REQUIRED',
      expectedFingerprint: selfSigned.x509.fingerprint256,
      presentedFingerprint: certificate.x509.fingerprint256,
    });
    expect(server.requests).toBe(requestsBefore);
  });

  it('still applies the URL policy', async () => {
    const { httpsAgent } = guarded({ strict: true, pinnedCertificateSha256: selfSigned.x509.fingerprint256 });
    const before = serverFor(selfSigned).connections;
    await expect(fetchThrough(urlOf(selfSigned), httpsAgent)).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(serverFor(selfSigned).connections).toBe(before);
  });

  it('refuses to be created with something that is not a SHA-256 fingerprint', () => {
    expect(() => createGuardedAgents({ pinnedCertificateSha256: 'AB:CD' })).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
  });
});

describe('guarded https agent without a pin', () => {
  it('verifies certificates as usual', async () => {
    const { httpsAgent } = guarded({ ca: testCa.certPem });
    await expect(fetchThrough(urlOf(caSigned, 'localhost'), httpsAgent)).resolves.toMatchObject({ status: 200 });
    await expect(fetchThrough(urlOf(caSignedForAnotherName), httpsAgent)).rejects.toMatchObject({ code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
  });

  it('refuses a self-signed certificate even when the request asks not to verify', async () => {
    const { httpsAgent } = guarded({});
    const server = serverFor(selfSigned);
    const requestsBefore = server.requests;
    const request = { host: '127.0.0.1', port: server.port, path: '/', rejectUnauthorized: false };
    await expect(fetchThrough(request, httpsAgent, true)).rejects.toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    expect(server.requests).toBe(requestsBefore);
  });
});
