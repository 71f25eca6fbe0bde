import { X509Certificate } from 'node:crypto';
import { connect, type TLSSocket } from 'node:tls';
import { AppError, isAppError, systemErrorCode } from '../errors';
import type { AssertUrlOptions } from './assert-url-allowed';
import { sha256Fingerprint } from './certificate-fingerprint';
import { createGuardedLookup } from './guarded-lookup';
import { socketHost, withoutTrailingDot } from './host-names';
import { parseIpLiteral } from './ip-literal';
import { refusalMessages } from './refusal-messages';
import { checkUrl, parseServerUrl } from './url-policy';
import { refusalError } from './url-refused-error';
import { refused } from './verdict';

/** Why Node would refuse the certificate, in words the connect form can explain. */
export type CertificateProblem = 'self-signed' | 'unknown-issuer' | 'expired' | 'not-yet-valid' | 'hostname-mismatch' | 'untrusted';

/** What the connect form shows so a person can decide to trust a server's certificate. */
export interface CertificateProbe {
  /** True when the certificate passes the usual checks (a trusted CA, the right name, in date). */
  readonly trusted: boolean;
  /** Why it is not trusted; undefined when it is. */
  readonly problem: CertificateProblem | undefined;
  /** SHA-256 of the certificate, `AB:CD:…`, as browsers show it; what a pin is made of. */
  readonly fingerprintSha256: string;
  /** One line, e.g. `CN=nas.home, O=Synology`. */
  readonly subject: string;
  readonly issuer: string;
  /** The names the certificate is made out to, e.g. `DNS:nas.home, IP Address:192.168.1.5`. */
  readonly subjectAltName: string | undefined;
  /** ISO 8601. */
  readonly validFrom: string;
  readonly validTo: string;
  /** Signed by its own key: no CA vouches for it, only the person can. */
  readonly selfSigned: boolean;
}

export interface ProbeCertificateOptions extends AssertUrlOptions {
  /** Give up after this long (default 10 s). */
  readonly timeoutMs?: number;
  /** Root certificates to trust instead of Node's bundled ones (a company CA, or a test CA). */
  readonly ca?: string | readonly string[];
}

/**
 * Opens a TLS connection to an https server, reads its certificate and closes
 * the connection without sending a request. On an untrusted certificate it
 * still reports the fingerprint, so the person can compare it with the one the
 * server shows and trust that certificate for this connection only (see the
 * `pinnedCertificateSha256` option of `createGuardedAgents`).
 * Applies the URL policy first; throws AppError VALIDATION when it refuses,
 * BACKEND_UNAVAILABLE when the server cannot be reached over TLS.
 */
export async function probeCertificate(url: URL | string, options: ProbeCertificateOptions = {}): Promise<CertificateProbe> {
  const parsed = typeof url === 'string' ? parseServerUrl(url) : url;
  const verdict = checkUrl(parsed, options);
  if (!verdict.allowed) throw refusalError(verdict);
  if (parsed.protocol !== 'https:') throw refusalError(refused('unsupported-scheme', refusalMessages.notHttps()));
  const host = socketHost(parsed);
  const port = Number(parsed.port || 443);
  const socket = connect({
    host,
    port,
    // SNI carries names only (RFC 6066).
    servername: parseIpLiteral(host) ? '' : withoutTrailingDot(host),
    lookup: createGuardedLookup({ strict: options.strict, scheme: 'https:', lookup: options.lookup }),
    // We only look at the certificate and report on it; the connection carries no request.
    rejectUnauthorized: false,
    ...(options.ca ? { ca: typeof options.ca === 'string' ? options.ca : [...options.ca] } : {}),
  });
  try {
    await handshake(socket, options.timeoutMs ?? 10_000);
    return describeCertificate(socket);
  } catch (error) {
    throw asProbeError(error, host, port);
  } finally {
    socket.destroy();
  }
}

function handshake(socket: TLSSocket, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.setTimeout(timeoutMs, () => reject(Object.assign(new Error('TLS handshake timed out'), { code: 'ETIMEDOUT' })));
    socket.once('secureConnect', () => resolve());
    socket.once('error', reject);
  });
}

function describeCertificate(socket: TLSSocket): CertificateProbe {
  const { raw } = socket.getPeerCertificate();
  if (!raw) throw new AppError('BACKEND_UNAVAILABLE', 'The server did not present a certificate.');
  const certificate = new X509Certificate(raw);
  return {
    trusted: socket.authorized,
    problem: socket.authorized ? undefined : problemOf(socket.authorizationError),
    fingerprintSha256: sha256Fingerprint(raw),
    subject: oneLine(certificate.subject),
    issuer: oneLine(certificate.issuer),
    subjectAltName: certificate.subjectAltName,
    validFrom: new Date(certificate.validFrom).toISOString(),
    validTo: new Date(certificate.validTo).toISOString(),
    selfSigned: certificate.checkIssued(certificate) && certificate.verify(certificate.publicKey),
  };
}

/** Node reports the OpenSSL verification code as a string here, despite its typings. */
function problemOf(authorizationError: Error | string | undefined): CertificateProblem {
  const code = typeof authorizationError === 'string' ? authorizationError : (systemErrorCode(authorizationError) ?? '');
  switch (code) {
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return 'self-signed';
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
      return 'unknown-issuer';
    case 'CERT_HAS_EXPIRED':
      return 'expired';
    case 'CERT_NOT_YET_VALID':
      return 'not-yet-valid';
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return 'hostname-mismatch';
    default:
      return 'untrusted';
  }
}

function oneLine(distinguishedName: string): string {
  return distinguishedName.split('\n').filter(Boolean).join(', ');
}

function asProbeError(error: unknown, host: string, port: number): AppError {
  if (isAppError(error)) return error;
  const code = systemErrorCode(error) ?? '';
  const message =
    code === 'ETIMEDOUT'
      ? `The server ${host} did not answer in time.`
      : code === 'EPROTO' || code.startsWith('ERR_SSL_')
        ? `The server at ${host}:${port} did not answer with a secure (https) connection. Check the address and port.`
        : `DocuVault could not reach ${host}:${port}. Check the address and that the server is running.`;
  return new AppError('BACKEND_UNAVAILABLE', message, { cause: error });
}
