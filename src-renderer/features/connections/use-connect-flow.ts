import { useCallback, useRef, useState } from 'react';
import type { ChannelInput } from '../../../src-shared/contract';
import type { CertificateInfoDto, ConnectionDto } from '../../../src-shared/domain';
import type { Result } from '../../../src-shared/result';
import { useConnections, useInvoke, type LoginAttempt } from '../../api';
import { isHttps } from './connection-forms';

/** One way of connecting, with what it sends; `url` is the server whose certificate is checked first. */
export type ConnectRequest =
  | { readonly kind: 'webdav'; readonly url: string; readonly input: ChannelInput<'connections:connect-webdav'> }
  | { readonly kind: 's3'; readonly url: string; readonly input: ChannelInput<'connections:connect-s3'> }
  | { readonly kind: 'nextcloud'; readonly url: string; readonly input: ChannelInput<'connections:connect-nextcloud'> }
  | { readonly kind: 'nextcloud-login'; readonly url: string; readonly input: ChannelInput<'connections:nextcloud-login'> };

export interface PendingCertificate {
  readonly info: CertificateInfoDto;
  readonly host: string;
}

export interface ConnectFlow {
  readonly busy: boolean;
  /** Main's answer when connecting failed, shown next to the Connect button. */
  readonly formError: string | null;
  /** A refused server address, shown next to the URL field. */
  readonly urlError: string | null;
  /** Set while the person decides whether to trust a private certificate. */
  readonly certificate: PendingCertificate | null;
  submit(request: ConnectRequest): Promise<void>;
  trustCertificate(): Promise<void>;
  leaveCertificate(): void;
  clearErrors(): void;
}

interface FlowCallbacks {
  readonly onConnected: (connection: ConnectionDto) => void;
  readonly onLoginStarted: (attempt: LoginAttempt) => void;
}

type Outcome = Result<{ kind: 'connected'; connection: ConnectionDto } | { kind: 'login'; attempt: LoginAttempt }>;

function hostOf(url: string): string {
  try {
    return new URL(url.trim()).host;
  } catch {
    return url.trim();
  }
}

/**
 * Connecting, for every form: an https server's certificate is looked at first;
 * a certificate the system does not trust is shown to the person, and only the
 * one they accept is trusted, for this connection only (its fingerprint rides
 * along with the connect call). Never a blanket "ignore certificate errors".
 */
export function useConnectFlow({ onConnected, onLoginStarted }: FlowCallbacks): ConnectFlow {
  const invoke = useInvoke();
  const { store } = useConnections();
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [urlError, setUrlError] = useState<string | null>(null);
  const [certificate, setCertificate] = useState<PendingCertificate | null>(null);
  const awaitingTrust = useRef<ConnectRequest | null>(null);
  const inFlight = useRef(false);

  const send = useCallback(
    async (request: ConnectRequest, fingerprint: string | undefined): Promise<Outcome> => {
      const pin = fingerprint ? { trustedCertificateSha256: fingerprint } : {};
      switch (request.kind) {
        case 'webdav':
          return wrapConnection(await invoke('connections:connect-webdav', { ...request.input, ...pin }));
        case 's3':
          return wrapConnection(await invoke('connections:connect-s3', { ...request.input, ...pin }));
        case 'nextcloud':
          return wrapConnection(await invoke('connections:connect-nextcloud', { ...request.input, ...pin }));
        case 'nextcloud-login': {
          const started = await store.startNextcloudLogin({ ...request.input, ...pin });
          return started.ok ? { ok: true, value: { kind: 'login', attempt: started.value } } : started;
        }
      }
    },
    [invoke, store],
  );

  const finish = useCallback(
    (request: ConnectRequest, outcome: Outcome) => {
      if (!outcome.ok) {
        // The store keeps that sentence and the form shows it by the button it concerns.
        const signInUnavailable = request.kind === 'nextcloud-login' && outcome.error.code === 'UNSUPPORTED';
        if (!signInUnavailable) setFormError(outcome.error.message);
        return;
      }
      if (outcome.value.kind === 'connected') {
        void store.reload();
        onConnected(outcome.value.connection);
      } else {
        onLoginStarted(outcome.value.attempt);
      }
    },
    [store, onConnected, onLoginStarted],
  );

  const guarded = useCallback(async (work: () => Promise<void>) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    try {
      await work();
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  }, []);

  const submit = useCallback(
    (request: ConnectRequest) =>
      guarded(async () => {
        setFormError(null);
        setUrlError(null);
        if (isHttps(request.url)) {
          const probe = await invoke('connections:probe-certificate', { url: request.url.trim() });
          if (!probe.ok && probe.error.code === 'VALIDATION') {
            setUrlError(probe.error.message);
            return;
          }
          // Any other probe failure (server down, timeout) is left to the connect call, which says it in its own words.
          if (probe.ok && !probe.value.trusted) {
            awaitingTrust.current = request;
            setCertificate({ info: probe.value, host: hostOf(request.url) });
            return;
          }
        }
        finish(request, await send(request, undefined));
      }),
    [guarded, invoke, send, finish],
  );

  const trustCertificate = useCallback(
    () =>
      guarded(async () => {
        const request = awaitingTrust.current;
        const pending = certificate;
        if (!request || !pending) return;
        const outcome = await send(request, pending.info.fingerprintSha256);
        awaitingTrust.current = null;
        setCertificate(null);
        finish(request, outcome);
      }),
    [guarded, certificate, send, finish],
  );

  const leaveCertificate = useCallback(() => {
    awaitingTrust.current = null;
    setCertificate(null);
  }, []);

  const clearErrors = useCallback(() => {
    setFormError(null);
    setUrlError(null);
  }, []);

  return { busy, formError, urlError, certificate, submit, trustCertificate, leaveCertificate, clearErrors };
}

function wrapConnection(result: Result<ConnectionDto>): Outcome {
  return result.ok ? { ok: true, value: { kind: 'connected', connection: result.value } } : result;
}
