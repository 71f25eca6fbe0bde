import { createTestCertificate } from '../../integration/net/support/test-certificates';

/** What the fake's HTTPS listener serves, and what clients must trust to reach it. */
export interface FakeTls {
  /** The test CA's certificate (PEM): give it to MSAL's network module and the backend's HTTPS agent. */
  readonly caPem: string;
  readonly certPem: string;
  readonly keyPem: string;
}

/**
 * A test CA made at start-up and a leaf certificate for 127.0.0.1 and
 * localhost signed by it: MSAL refuses non-https authorities, so the fake
 * identity server must speak TLS, and the clients trust only this CA (never
 * "ignore certificate errors").
 */
export function createFakeTls(): FakeTls {
  const ca = createTestCertificate({ commonName: 'DocuVault Test CA (Microsoft fake)', isCa: true });
  const leaf = createTestCertificate({ commonName: '127.0.0.1', altNames: ['127.0.0.1', 'localhost'], issuer: ca });
  return { caPem: ca.certPem, certPem: leaf.certPem, keyPem: leaf.keyPem };
}
