import { connect, type ConnectionOptions, type TLSSocket } from 'node:tls';
import { sha256Fingerprint } from './certificate-fingerprint';
import { CertificateMismatchError } from './certificate-mismatch-error';

/**
 * Opens a TLS connection that trusts exactly one certificate, the one whose
 * SHA-256 fingerprint is `pin`, and resolves only after checking it, so not a
 * byte of the request (nor its password) is written to any other server.
 *
 * The usual chain and host-name checks are deliberately not applied: the pin
 * names the very certificate the person looked at and accepted for this
 * connection, which only the holder of its private key can present. Self-hosted
 * servers often carry a certificate made out to another name (the NAS model, an
 * old IP address), and the person has already judged this one. A certificate
 * that differs in any way, even one a public CA signed, is refused.
 */
export function connectPinnedTls(options: ConnectionOptions, pin: string, handshakeTimeoutMs: number): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    // Verification is done below, against the pin, before the socket is handed out.
    const socket = connect({ ...options, rejectUnauthorized: false });
    const stopWaiting = () => {
      socket.removeListener('secureConnect', onSecureConnect);
      socket.removeListener('error', onError);
      socket.removeListener('timeout', onTimeout);
      socket.setTimeout(0);
    };
    const fail = (error: Error) => {
      stopWaiting();
      socket.destroy();
      reject(error);
    };
    const onError = (error: Error) => fail(error);
    const onTimeout = () =>
      fail(Object.assign(new Error('The secure connection to the server timed out.'), { code: 'ETIMEDOUT' }));
    const onSecureConnect = () => {
      const { raw } = socket.getPeerCertificate();
      const presented = raw ? sha256Fingerprint(raw) : '(no certificate)';
      if (presented !== pin) {
        fail(new CertificateMismatchError(options.servername || options.host || 'server', pin, presented));
        return;
      }
      stopWaiting();
      resolve(socket);
    };
    socket.once('secureConnect', onSecureConnect);
    socket.once('error', onError);
    socket.once('timeout', onTimeout);
    socket.setTimeout(handshakeTimeoutMs);
  });
}
