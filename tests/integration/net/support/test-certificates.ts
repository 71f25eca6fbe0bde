import { generateKeyPairSync, randomBytes, sign, X509Certificate, type KeyObject } from 'node:crypto';
import { isIP } from 'node:net';
import {
  bitString,
  boolean,
  explicit,
  implicitPrimitive,
  objectIdentifier,
  octetString,
  sequence,
  set,
  time,
  unsignedInteger,
  utf8String,
} from './der';

/** A certificate and its key in PEM, ready for `https.createServer`. */
export interface TestCertificate {
  readonly certPem: string;
  readonly keyPem: string;
  readonly x509: X509Certificate;
  /** For signing other certificates when this one is a CA. */
  readonly privateKey: KeyObject;
  readonly commonName: string;
}

export interface CertificateRequest {
  readonly commonName: string;
  /** Host names and IP addresses the certificate is made out to. */
  readonly altNames?: readonly string[];
  /** Signs with this CA instead of the certificate's own key. */
  readonly issuer?: TestCertificate;
  readonly isCa?: boolean;
  readonly notBefore?: Date;
  readonly notAfter?: Date;
}

const OID = {
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  commonName: '2.5.4.3',
  basicConstraints: '2.5.29.19',
  subjectAltName: '2.5.29.17',
} as const;

const DAY_MS = 86_400_000;

/** Creates an ECDSA P-256 certificate, self-signed unless an issuer is given. */
export function createTestCertificate(request: CertificateRequest): TestCertificate {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const signatureAlgorithm = sequence(objectIdentifier(OID.ecdsaWithSha256));
  const issuerName = request.issuer?.commonName ?? request.commonName;
  const now = Date.now();
  const extensions = [extension(OID.basicConstraints, true, sequence(...(request.isCa ? [boolean(true)] : [])))];
  if (request.altNames?.length) extensions.push(extension(OID.subjectAltName, false, subjectAltNames(request.altNames)));
  const toBeSigned = sequence(
    explicit(0, unsignedInteger(Buffer.from([2]))), // X.509 v3
    unsignedInteger(randomBytes(16)),
    signatureAlgorithm,
    name(issuerName),
    sequence(time(request.notBefore ?? new Date(now - DAY_MS)), time(request.notAfter ?? new Date(now + 30 * DAY_MS))),
    name(request.commonName),
    publicKey.export({ type: 'spki', format: 'der' }),
    explicit(3, sequence(...extensions)),
  );
  const signature = sign('sha256', toBeSigned, request.issuer?.privateKey ?? privateKey);
  const der = sequence(toBeSigned, signatureAlgorithm, bitString(signature));
  return {
    certPem: toPem(der),
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    x509: new X509Certificate(der),
    privateKey,
    commonName: request.commonName,
  };
}

function name(commonName: string): Buffer {
  return sequence(set(sequence(objectIdentifier(OID.commonName), utf8String(commonName))));
}

function extension(oid: string, critical: boolean, value: Buffer): Buffer {
  return sequence(objectIdentifier(oid), ...(critical ? [boolean(true)] : []), octetString(value));
}

function subjectAltNames(altNames: readonly string[]): Buffer {
  return sequence(
    ...altNames.map((altName) => {
      if (isIP(altName) === 6) throw new Error('IPv6 alternative names are not needed by these tests yet.');
      return isIP(altName) === 4
        ? implicitPrimitive(7, Buffer.from(altName.split('.').map(Number)))
        : implicitPrimitive(2, Buffer.from(altName, 'ascii'));
    }),
  );
}

function toPem(der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}
