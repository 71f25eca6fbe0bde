import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ProviderAdapter } from '../../src-main/core/connections/provider-adapter';
import { AppError } from '../../src-main/core/errors';
import { CloudConnectionError } from '../../src-main/core/storage/backend-errors';
import { guardedLocalBackend } from './guarded-local-backend';
import type { StorageBackend } from '../../src-main/core/storage/storage-backend';

/**
 * A stand-in "server" for connection-service tests: a directory of objects plus
 * switches that make it refuse credentials or go away. Real protocol tests run
 * against real servers (webdav-server, s3rver); this isolates the service's state machine.
 */
export class ScriptedServer {
  password = 'correct horse';
  reachable = true;
  requests = 0;
  constructor(readonly root: string) {
    mkdirSync(root, { recursive: true });
  }
}

interface Settings {
  url: string;
  username: string;
}
interface Secret {
  password: string;
}

export function scriptedWebdavAdapter(server: ScriptedServer): ProviderAdapter<Settings, Secret> {
  const backendFor = (secret: Secret): StorageBackend =>
    guardedLocalBackend('webdav', server.root, async () => {
      server.requests++;
      if (!server.reachable) throw new AppError('BACKEND_UNAVAILABLE', 'The storage server could not be reached.');
      if (secret.password !== server.password) throw new CloudConnectionError('unauthorized');
    });
  return {
    provider: 'webdav',
    backendKind: 'webdav',
    async prepare(input) {
      const { url, username, password } = input as { url: string; username: string; password: string };
      if (!url.startsWith('https://')) throw new AppError('VALIDATION', 'Use https.');
      return { settings: { url, username }, secret: { password }, account: username, defaultLabel: new URL(url).host };
    },
    reconnect(settings, _secret, credentials) {
      return { settings, secret: { password: credentials.password ?? '' }, account: settings.username };
    },
    createBackend: (_settings, secret) => backendFor(secret),
    publicSettings: (settings) => ({ url: settings.url, username: settings.username, root: join('DocuVault') }),
  };
}
