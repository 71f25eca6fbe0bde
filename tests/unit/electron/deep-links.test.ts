import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Logger } from '../../../src-main/core/ports';
import { createDeepLinkHandler, deepLinkIn, isSignInRedirect } from '../../../src-main/electron/deep-links';
import { deepLinkRedirectFor, registerDeepLinkScheme, type LaunchContext } from '../../../src-main/electron/protocol-client';
import { app, resetElectronDouble } from '../../support/electron-double';

function recordingLogger() {
  const entries: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
  const logger: Logger = { log: (level, message, fields) => entries.push({ level, message, ...(fields ? { fields } : {}) }) };
  return { logger, entries };
}

const packaged: LaunchContext = { execPath: '/opt/DocuVault/docuvault', argv: ['/opt/DocuVault/docuvault'], defaultApp: false, env: {} };

describe('finding a deep link', () => {
  it('finds it by its scheme wherever argv puts it', () => {
    const link = 'docuvault://oauth/microsoft?code=abc&state=xyz';
    expect(deepLinkIn(['C:\\DocuVault\\DocuVault.exe', '--allow-file-access-from-files', link])).toBe(link);
    expect(deepLinkIn([link, '--original-process-start-time=1', '/usr/bin/docuvault'])).toBe(link);
    expect(deepLinkIn(['/usr/bin/docuvault', 'DocuVault://oauth/microsoft?code=1'])).toBe('DocuVault://oauth/microsoft?code=1');
  });

  it('finds none among paths, flags and other schemes', () => {
    expect(deepLinkIn(['/usr/bin/docuvault', '--no-sandbox', 'https://docuvault.app/', '/home/a/docuvault-notes.txt', 'docuvault-content://document/1'])).toBeNull();
  });

  it('recognises only docuvault://oauth/… as a sign-in redirect', () => {
    expect(isSignInRedirect('docuvault://oauth/microsoft?code=a&state=b')).toBe(true);
    expect(isSignInRedirect('docuvault://settings')).toBe(false);
    expect(isSignInRedirect('https://oauth/microsoft')).toBe(false);
    expect(isSignInRedirect('docuvault:')).toBe(false);
  });
});

describe('the deep-link handler', () => {
  it('hands sign-in redirects to the core, and logs neither code nor state', async () => {
    const { logger, entries } = recordingLogger();
    const signIn = { handleRedirectUrl: vi.fn(async () => undefined) };
    const handle = createDeepLinkHandler({ signIn, logger });
    await handle('docuvault://oauth/microsoft?code=secret-code&state=secret-state');
    expect(signIn.handleRedirectUrl).toHaveBeenCalledWith('docuvault://oauth/microsoft?code=secret-code&state=secret-state');
    expect(JSON.stringify(entries)).not.toMatch(/secret-/);
  });

  it('ignores other links, and survives a core that throws without logging the URL', async () => {
    const { logger, entries } = recordingLogger();
    const signIn = { handleRedirectUrl: vi.fn(async () => Promise.reject(new Error('state secret-state unknown'))) };
    const handle = createDeepLinkHandler({ signIn, logger });
    await handle('docuvault://open?file=/etc/passwd');
    expect(signIn.handleRedirectUrl).not.toHaveBeenCalled();
    await expect(handle('docuvault://oauth/microsoft?state=secret-state')).resolves.toBeUndefined();
    expect(entries.map((entry) => entry.level)).toEqual(['warn', 'error']);
    expect(JSON.stringify(entries)).not.toMatch(/secret-state|passwd/);
  });
});

describe('registering the docuvault scheme', () => {
  beforeEach(() => resetElectronDouble());

  it('registers the packaged app as it is', () => {
    expect(registerDeepLinkScheme(packaged, recordingLogger().logger)).toBe(true);
    expect(app.protocolClients).toEqual([{ scheme: 'docuvault' }]);
  });

  it('in development, registers Electron with the absolute script path, so the OS starts our app and not bare Electron', () => {
    const dev: LaunchContext = { execPath: '/repo/node_modules/electron/dist/electron', argv: ['/repo/node_modules/electron/dist/electron', 'dist/main/main.cjs'], defaultApp: true, env: {} };
    expect(registerDeepLinkScheme(dev, recordingLogger().logger)).toBe(true);
    expect(app.protocolClients).toEqual([{ scheme: 'docuvault', path: dev.execPath, args: [`${process.cwd()}/dist/main/main.cjs`] }]);
  });

  it('does not register from an AppImage, whose path changes every launch', () => {
    const { logger, entries } = recordingLogger();
    expect(registerDeepLinkScheme({ ...packaged, env: { APPIMAGE: '/home/a/DocuVault.AppImage' } }, logger)).toBe(false);
    expect(app.protocolClients).toEqual([]);
    expect(entries[0]?.message).toMatch(/AppImage/);
  });

  it('reports a registration the OS refused', () => {
    app.acceptProtocolClient = false;
    expect(registerDeepLinkScheme(packaged, recordingLogger().logger)).toBe(false);
  });

  it('gives Microsoft the deep link only when the scheme is registered; Google always loopback', () => {
    expect(deepLinkRedirectFor(true)('onedrive')).toBe('docuvault://oauth/microsoft');
    expect(deepLinkRedirectFor(true)('google_drive')).toBeNull();
    expect(deepLinkRedirectFor(false)('onedrive')).toBeNull();
  });
});
